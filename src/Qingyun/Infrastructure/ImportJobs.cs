using System.Collections.Concurrent;
using System.Diagnostics;
using Qingyun.Security;

namespace Qingyun.Infrastructure;

/// <summary>Where an import is: what the progress panel shows.</summary>
public enum ImportPhase
{
    Queued,
    Reading,
    Checking,
    Writing,
    Done,
}

/// <summary>
/// Written by the import (one thread), read by the page that polls it (another): the phase, rows checked out
/// of the total, and how long each step took (the benchmark prints these to show where the time goes).
/// </summary>
public sealed class ImportProgress
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<(string Step, TimeSpan Took)> _steps = [];
    private TimeSpan _stepStarted;
    private int _checked;
    private int _total;
    private volatile ImportPhase _phase = ImportPhase.Queued;

    public ImportPhase Phase => _phase;
    public int Checked => Volatile.Read(ref _checked);
    public int Total => Volatile.Read(ref _total);

    /// <summary>Moves to the next phase; what was left of the current one is timed under its name.</summary>
    public void Enter(ImportPhase phase)
    {
        Step(_phase.ToString());
        _phase = phase;
    }

    public void SetTotal(int total) => Volatile.Write(ref _total, total);

    public void SetChecked(int rows) => Volatile.Write(ref _checked, rows);

    /// <summary>Closes a timed step (named after what just finished).</summary>
    public void Step(string finished)
    {
        var now = _clock.Elapsed;
        lock (_steps)
        {
            _steps.Add((finished, now - _stepStarted));
        }
        _stepStarted = now;
    }

    public IReadOnlyList<(string Step, TimeSpan Took)> Steps
    {
        get
        {
            lock (_steps)
            {
                return [.. _steps];
            }
        }
    }
}

/// <summary>What a poll shows of a job: its progress while running; once finished, its outcome, report or crash.</summary>
public sealed record ImportSnapshot(Guid Id, bool Finished, ImportPhase Phase, int Checked, int Total, ImportOutcome? Outcome, byte[]? Report, bool Crashed);

/// <summary>A running or finished import: its owner, progress and, once done, its outcome and report.</summary>
public sealed class ImportJob
{
    internal ImportJob(Guid id, Guid? ownerId, string ownerName, string kind, DateTimeOffset startedAt)
    {
        Id = id;
        OwnerId = ownerId;
        OwnerName = ownerName;
        Kind = kind;
        StartedAt = startedAt;
    }

    public Guid Id { get; }
    public Guid? OwnerId { get; }
    public string OwnerName { get; }
    public string Kind { get; }
    public DateTimeOffset StartedAt { get; }
    public ImportProgress Progress { get; } = new();
    public DateTimeOffset? FinishedAt { get; private set; }

    /// <summary>The handler's outcome once finished; null while running or after a crash.</summary>
    public ImportOutcome? Outcome { get; internal set; }

    /// <summary>The problem workbook, when the import refused the file.</summary>
    public byte[]? Report { get; internal set; }

    /// <summary>The import failed unexpectedly (logged); nothing was written, the transaction rolled back.</summary>
    public bool Crashed { get; internal set; }

    /// <summary>Written last, after the outcome, report and crash flag (see <see cref="Read"/>).</summary>
    private volatile bool _finished;

    public bool Finished => _finished;

    internal Task Completion { get; set; } = Task.CompletedTask;

    /// <summary>Ends the job: everything it produced is set before this, so a reader that sees it finished sees all of it.</summary>
    internal void Finish(DateTimeOffset at)
    {
        Progress.Enter(ImportPhase.Done);
        FinishedAt = at;
        _finished = true;
    }

    /// <summary>
    /// One consistent reading for a poll. <see cref="Finished"/> is read first because it is written last: read in
    /// any other order, a poll that lands as the job ends could show the outcome with the phase still "Writing", or
    /// the end without its outcome (an empty panel).
    /// </summary>
    public ImportSnapshot Read()
    {
        if (Finished)
        {
            return new ImportSnapshot(Id, true, ImportPhase.Done, Progress.Checked, Progress.Total, Outcome, Report, Crashed);
        }
        // Between the phase moving to Done and the job finishing, it is still writing as far as anyone can tell.
        var phase = Progress.Phase;
        return new ImportSnapshot(Id, false, phase == ImportPhase.Done ? ImportPhase.Writing : phase, Progress.Checked, Progress.Total, null, null, false);
    }

    /// <summary>Waits a little for the end, so a small file answers at once and a large one shows progress.</summary>
    public async Task<bool> WaitAsync(TimeSpan atMost, CancellationToken ct)
    {
        try
        {
            await Completion.WaitAsync(atMost, ct);
        }
        catch (TimeoutException)
        {
        }
        return Finished;
    }
}

/// <summary>
/// Imports run in the background so that a district's file does not hold a request open for a minute and the
/// page can show how far it got. In-process: a job lives in this registry for half an hour after it ends (an
/// instance restart loses running jobs; the transaction then never commits, so nothing is half-written).
/// A job runs in its own DI scope with the starter's own scope (user, grants), never wider; only its starter
/// can see it. One import writes at a time on the instance: imports are memory- and CPU-heavy.
/// </summary>
public sealed class ImportJobs(IServiceScopeFactory scopes, TimeProvider clock, IHostApplicationLifetime lifetime, ILogger<ImportJobs> log) : IDisposable
{
    public static readonly TimeSpan KeepFor = TimeSpan.FromMinutes(30);

    private readonly ConcurrentDictionary<Guid, ImportJob> _jobs = new();
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    /// <summary>
    /// Starts an import of the file at <paramref name="file"/> (owned by the job: deleted when it ends). The
    /// work gets a fresh service scope already loaded with the starter's scope.
    /// </summary>
    public ImportJob Start(CurrentScope starter, ImportKind kind, string file)
    {
        Sweep();
        var job = new ImportJob(Guid.NewGuid(), starter.UserId, starter.UserName ?? "", kind.Name, clock.GetUtcNow());
        var userId = starter.UserId;
        var userName = starter.UserName ?? "";
        var displayName = starter.DisplayName;
        var grants = starter.Grants;
        var unrestricted = starter.Unrestricted;
        var ip = starter.Ip;
        _jobs[job.Id] = job;
        job.Completion = Task.Run(async () =>
        {
            var ct = lifetime.ApplicationStopping;
            try
            {
                await _oneAtATime.WaitAsync(ct);
                try
                {
                    using var scope = scopes.CreateScope();
                    var current = scope.ServiceProvider.GetRequiredService<CurrentScope>();
                    if (unrestricted)
                    {
                        current.RunAsSystem(userName);
                    }
                    else
                    {
                        current.Load(userId!.Value, userName, grants, displayName);
                    }
                    current.Ip = ip;
                    await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
                    var (outcome, report) = await kind.Work(scope.ServiceProvider, stream, job.Progress, ct);
                    job.Outcome = outcome;
                    job.Report = report;
                }
                finally
                {
                    _oneAtATime.Release();
                }
            }
            catch (Exception e)
            {
                log.LogError(e, "Import {Kind} {Job} by {User} failed", kind.Name, job.Id, userName);
                job.Crashed = true;
            }
            finally
            {
                TryDelete(file);
                job.Finish(clock.GetUtcNow());
            }
        }, CancellationToken.None);
        return job;
    }

    public void Dispose() => _oneAtATime.Dispose();

    /// <summary>The job of this kind, if it exists and belongs to this caller; anyone else gets nothing (a 404).</summary>
    public ImportJob? Find(Guid id, CurrentScope caller, ImportKind kind)
    {
        Sweep();
        return _jobs.TryGetValue(id, out var job) && job.Kind == kind.Name && job.OwnerId == caller.UserId && job.OwnerName == caller.UserName ? job : null;
    }

    /// <summary>A private temp file for an upload; the job deletes it when it ends.</summary>
    public static async Task<string> SaveUploadAsync(IFormFile upload, CancellationToken ct)
    {
        var folder = Path.Combine(Path.GetTempPath(), "qingyun-imports");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, Guid.NewGuid().ToString("N") + ".xlsx");
        await using var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
        await upload.CopyToAsync(target, ct);
        return path;
    }

    private void Sweep()
    {
        var cutoff = clock.GetUtcNow() - KeepFor;
        foreach (var (id, job) in _jobs)
        {
            if (job.Finished && job.FinishedAt < cutoff)
            {
                _jobs.TryRemove(id, out _);
            }
        }
    }

    private static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (IOException)
        {
        }
    }
}
