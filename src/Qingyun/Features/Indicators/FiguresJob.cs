using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain.Activities;
using Qingyun.Infrastructure;

namespace Qingyun.Features.Indicators;

/// <summary>
/// Keeps the roll-ups current when time, not a record, changes a figure: an activity counts once it is over, so the
/// units of activities that ended since the last round are recounted; at a new year the stock figures are frozen.
/// Then it refreshes whatever is marked, so pages rarely have anything left to do.
/// </summary>
public sealed class FiguresJob(IServiceScopeFactory scopes, ILogger<FiguresJob> log, TimeProvider clock) : PeriodicJob(scopes, log, clock)
{
    /// <summary>The first round after a start looks back this far for activities that ended while the host was down.</summary>
    private static readonly TimeSpan FirstLookBack = TimeSpan.FromDays(3);

    private DateTimeOffset? lastRound;

    protected override TimeSpan Every => TimeSpan.FromSeconds(30);

    protected override string Actor => "figures";

    protected override async Task<int> RunOnceAsync(IServiceProvider services, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var done = await RoundAsync(services.GetRequiredService<AppDbContext>(), lastRound ?? now - FirstLookBack, now, ct);
        lastRound = now;
        return done;
    }

    /// <summary>One round: activities that ended in (since, now] mark their units, the year turns if it did, the marks are counted.</summary>
    public static async Task<int> RoundAsync(AppDbContext db, DateTimeOffset since, DateTimeOffset now, CancellationToken ct)
    {
        var (from, to) = (since.ToUniversalTime(), now.ToUniversalTime());
        var ended = await db.Activities.IgnoreQueryFilters().Where(a => a.State == ActivityState.Published && a.EndsAt > from && a.EndsAt <= to)
            .Select(a => a.UnitId).Distinct().ToListAsync(ct);
        if (ended.Count > 0)
        {
            Rollups.MarkStale(db, ended, now);
            await db.SaveChangesAsync(ct);
        }
        await Rollups.TurnYearAsync(db, now, ct);
        return await Rollups.RefreshAsync(db, now, ct);
    }
}
