using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain.Notices;
using Qingyun.Features.Notices;
using Qingyun.Infrastructure;

namespace Qingyun.Features.Direct;

/// <summary>
/// From the first day of a quarter's last month, tells each cadre whose bound young people are not all reached
/// this quarter how many are left (<see cref="NoticeKind.YouthNotReached"/>), once per post and quarter.
/// </summary>
public sealed class YouthNotReachedJob(IServiceScopeFactory scopes, ILogger<YouthNotReachedJob> log, TimeProvider clock) : PeriodicJob(scopes, log, clock)
{
    protected override TimeSpan Every => TimeSpan.FromHours(6);

    protected override string Actor => "direct-reminders";

    protected override Task<int> RunOnceAsync(IServiceProvider services, TimeProvider clock, CancellationToken ct) => RemindAsync(services, clock, ct);

    public static string LinkFor(Guid termId) => $"/direct/terms/{termId}";

    public static async Task<int> RemindAsync(IServiceProvider sp, TimeProvider clock, CancellationToken ct)
    {
        var db = sp.GetRequiredService<AppDbContext>();
        var coverage = sp.GetRequiredService<Coverage>();
        var now = clock.GetUtcNow();
        var period = Period.Of(now.ChinaDate());
        if (!period.InLastMonth)
        {
            return 0;
        }
        var today = period.Today;
        var terms = await (from t in db.CadreTerms.IgnoreQueryFilters()
                           join u in db.OrgUnits.IgnoreQueryFilters() on t.UnitId equals u.Id
                           where t.EndedOn == null && db.DirectBindings.IgnoreQueryFilters().Any(b => b.CadreTermId == t.Id && b.EndedOn == null && b.BoundOn <= today)
                           orderby t.Id
                           select new { t, u }).AsNoTracking().ToListAsync(ct);
        var prefix = period.Label + Notice.Separator;
        var sent = 0;
        foreach (var chunk in terms.Chunk(200))
        {
            var rows = await coverage.ComputeAsync([.. chunk.Select(x => (x.t, x.u, ""))], period, ct);
            foreach (var row in rows.Where(r => r.NotContacted.Count > 0))
            {
                var link = LinkFor(row.TermId);
                var told = await db.Notices.IgnoreQueryFilters().AnyAsync(n => n.PersonId == row.CadrePersonId && n.Kind == NoticeKind.YouthNotReached
                    && n.Link == link && n.Args.StartsWith(prefix), ct);
                if (told)
                {
                    continue;
                }
                db.TellPerson(row.CadrePersonId, row.UnitId, NoticeKind.YouthNotReached, link, now, period.Label,
                    row.NotContacted.Count.ToString(CultureInfo.InvariantCulture), row.Bound.ToString(CultureInfo.InvariantCulture));
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                sent++;
            }
        }
        return sent;
    }
}
