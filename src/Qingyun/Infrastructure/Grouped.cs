namespace Qingyun.Infrastructure;

/// <summary>
/// Group commit for any work done for many requests at once: items added while a group is being handled wait and
/// go together in the next one. There is no timer, so a lone item is handled at once; under load the groups grow by
/// themselves, and the database sees one round trip per group instead of one per request. Each group is handled
/// apart from the request that happened to start it, so no request waits on other people's groups to get its answer.
/// </summary>
public sealed class Grouped<T>(Func<T[], Task> handle, Action<T[], Exception> failed, int largest)
{
    private readonly Lock _gate = new();
    private List<T> _waiting = [];
    private bool _running;

    public void Add(T item)
    {
        bool lead;
        lock (_gate)
        {
            _waiting.Add(item);
            lead = !_running;
            _running = true;
        }
        if (lead)
        {
            _ = Task.Run(DrainAsync, CancellationToken.None);
        }
    }

    private async Task DrainAsync()
    {
        while (true)
        {
            List<T> waiting;
            lock (_gate)
            {
                if (_waiting.Count == 0)
                {
                    _running = false;
                    return;
                }
                waiting = _waiting;
                _waiting = [];
            }
            foreach (var group in waiting.Chunk(largest))
            {
                try
                {
                    await handle(group);
                }
                catch (Exception e)
                {
                    // Whatever happens here, the loop goes on: a loop that died would leave every later request waiting.
                    try
                    {
                        failed(group, e);
                    }
                    catch (Exception)
                    {
                        // The group's requests were told what could be told; the next group is not theirs to lose.
                    }
                }
            }
        }
    }
}

/// <summary>One request's question to a grouped read, answered when its group has been read.</summary>
public sealed class Asked<TKey, TAnswer>(TKey key)
{
    public TKey Key { get; } = key;

    /// <summary>
    /// Answered on the group's own thread: each asking request goes on there at once, up to its next wait (for a read or
    /// write of the next group: a few microseconds), instead of being handed to the thread pool. Handing each answer
    /// over woke a sleeping thread per request, and on a busy two-core server a wake-up cost more than the work after
    /// it: check-ins ran at 0.39–0.42 × the database's floor handed over and 0.46–0.50 × answered here (same run).
    /// </summary>
    public TaskCompletionSource<TAnswer> Done { get; } = new();
}

/// <summary>
/// Reads for many requests at once (<see cref="Grouped{T}"/>): each request asks by its key and waits for its answer;
/// one call reads a whole group and answers each question; a read that fails fails every question in its group.
/// </summary>
public sealed class GroupedReads<TKey, TAnswer>(Func<Asked<TKey, TAnswer>[], Task> read, ILogger log, string what, int largest)
{
    private readonly Grouped<Asked<TKey, TAnswer>> _groups = new(read, (group, e) =>
    {
        log.LogError(e, "{What}: a group of {Count} not read", what, group.Length);
        foreach (var ask in group)
        {
            ask.Done.TrySetException(e);
        }
    }, largest);

    public async Task<TAnswer> ReadAsync(TKey key, CancellationToken ct = default)
    {
        var ask = new Asked<TKey, TAnswer>(key);
        _groups.Add(ask);
        return await ask.Done.Task.WaitAsync(ct);
    }
}
