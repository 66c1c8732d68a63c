using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Qingyun.Data;
using Qingyun.Domain.Access;
using Qingyun.Infrastructure;

namespace Qingyun.Security;

/// <summary>
/// When each API token was last used, written in bulk every few seconds instead of one UPDATE per call: at an
/// activity's gate hundreds of volunteers check in with their phones within minutes, each token used once, and
/// an UPDATE per call was a sixth of the database's work per check-in. The tokens page shows the time to the
/// minute; a few seconds' delay is bookkeeping, not a business write, and stays out of the audit log.
/// </summary>
public sealed class TokenUsage
{
    /// <summary>A token marked used less than this long ago is not marked again.</summary>
    public static readonly TimeSpan Precision = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _marks = new();

    public void Mark(Guid tokenId, DateTimeOffset at) => _marks[tokenId] = at;

    /// <summary>Writes the marks gathered since the last flush; returns how many tokens it wrote.</summary>
    public async Task<int> FlushAsync(AppDbContext db, CancellationToken ct)
    {
        var ids = new List<Guid>();
        var times = new List<DateTimeOffset>();
        // Removed one by one, so a mark made during the flush stays for the next one.
        foreach (var id in _marks.Keys)
        {
            if (_marks.TryRemove(id, out var at))
            {
                ids.Add(id);
                times.Add(at);
            }
        }
        if (ids.Count == 0)
        {
            return 0;
        }
        if (db.Database.IsNpgsql())
        {
            // One statement for the round, however many tokens (a LINQ update would be compiled per count).
            await db.Database.ExecuteSqlRawAsync(
                "UPDATE \"ApiTokens\" AS t SET \"LastUsedAt\" = u.at FROM unnest(@ids, @times) AS u(id, at) WHERE t.\"Id\" = u.id",
                [new NpgsqlParameter("ids", ids.ToArray()), new NpgsqlParameter("times", times.Select(t => t.UtcDateTime).ToArray())], ct);
            return ids.Count;
        }
        // SQLite, in process: an UPDATE per token costs next to nothing. The row is not read, only its last use set
        // (tokens are revoked, never deleted).
        for (var i = 0; i < ids.Count; i++)
        {
            var token = db.ApiTokens.Attach(new ApiToken { Id = ids[i] });
            token.Property(t => t.LastUsedAt).CurrentValue = times[i];
            token.Property(t => t.LastUsedAt).IsModified = true;
        }
        // Bookkeeping, not a business write: kept out of the audit log, as it always was.
        using (db.Scope.AuditAsOneLine())
        {
            await db.SaveChangesAsync(ct);
        }
        db.ChangeTracker.Clear();
        return ids.Count;
    }
}

/// <summary>Flushes <see cref="TokenUsage"/> every five seconds, and once more when the host stops.</summary>
public sealed class TokenUsageJob(IServiceScopeFactory scopes, ILogger<TokenUsageJob> log, TimeProvider clock, TokenUsage usage)
    : PeriodicJob(scopes, log, clock)
{
    private readonly IServiceScopeFactory _scopes = scopes;
    private readonly ILogger _log = log;

    protected override TimeSpan Every => TimeSpan.FromSeconds(5);

    protected override string Actor => "api-token-usage";

    // Bookkeeping: not counted as work done, so a busy API does not log a line every five seconds.
    protected override async Task<int> RunOnceAsync(IServiceProvider services, TimeProvider clock, CancellationToken ct)
    {
        await usage.FlushAsync(services.GetRequiredService<AppDbContext>(), ct);
        return 0;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentScope>().RunAsSystem(Actor);
            await usage.FlushAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _log.LogWarning(e, "{Job}: the last marks were not written at shutdown", Actor);
        }
    }
}
