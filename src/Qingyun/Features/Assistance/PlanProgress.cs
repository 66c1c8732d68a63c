using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain.Assistance;
using Qingyun.Domain.Notices;
using Qingyun.Features.Notices;
using Qingyun.Infrastructure;

namespace Qingyun.Features.Assistance;

/// <summary>
/// Where a case stands against its approved plan: visits planned, due by today, logged in the period,
/// goals reached — and whether it is overdue (fewer visits logged than due). The case page, the lists,
/// the volunteer's phone and the overdue job all read it from here.
/// </summary>
public sealed record PlanProgress(CasePlan Plan, int Planned, int Due, int Done, int GoalsReached, DateOnly Today)
{
    /// <summary>Fewer visits made than those whose due date has passed.</summary>
    public bool Overdue => Done < Due;

    /// <summary>The due date of the first visit not yet made, when it has passed.</summary>
    public DateOnly? MissedDueOn => Overdue ? Plan.DueOn(Done + 1) : null;

    /// <summary>The due date of the next visit to make, if the plan has any left.</summary>
    public DateOnly? NextDueOn => Done < Planned ? Plan.DueOn(Done + 1) : null;

    public int Percent => Planned == 0 ? 0 : Math.Min(100, Done * 100 / Planned);

    /// <summary>
    /// The progress of each case's plan that matters today: the approved plan whose period covers today,
    /// else the latest approved one that has ended. Cases without an approved plan are absent.
    /// Reads past the query filter: callers pass only case ids the viewer may see (or run as the system).
    /// </summary>
    public static async Task<Dictionary<Guid, PlanProgress>> ForCasesAsync(AppDbContext db, IReadOnlyCollection<Guid> caseIds, DateOnly today, CancellationToken ct)
    {
        if (caseIds.Count == 0)
        {
            return [];
        }
        var plans = await db.CasePlans.IgnoreQueryFilters().AsNoTracking()
            .Where(p => caseIds.Contains(p.CaseId) && p.State == PlanState.Approved && p.StartsOn <= today).ToListAsync(ct);
        var chosen = plans.GroupBy(p => p.CaseId)
            .Select(g => g.Where(p => p.EndsOn >= today).OrderByDescending(p => p.StartsOn).FirstOrDefault() ?? g.OrderByDescending(p => p.EndsOn).First())
            .ToList();
        if (chosen.Count == 0)
        {
            return [];
        }
        var ids = chosen.Select(p => p.CaseId).ToList();
        var earliest = chosen.Min(p => p.StartsOn);
        var visits = await db.CaseVisits.IgnoreQueryFilters().AsNoTracking()
            .Where(v => ids.Contains(v.CaseId) && v.VisitedOn >= earliest && v.VisitedOn <= today)
            .Select(v => new { v.CaseId, v.VisitedOn }).ToListAsync(ct);
        var byCase = visits.ToLookup(v => v.CaseId, v => v.VisitedOn);
        return chosen.ToDictionary(p => p.CaseId, p => Of(p, byCase[p.CaseId], today));
    }

    public static PlanProgress Of(CasePlan plan, IEnumerable<DateOnly> visitDays, DateOnly today)
    {
        var until = today < plan.EndsOn ? today : plan.EndsOn;
        var done = visitDays.Count(d => d >= plan.StartsOn && d <= until);
        // A visit due by a day may still be made on that day: it counts as due from the day after.
        var dueBy = today.AddDays(-1) < plan.EndsOn ? today.AddDays(-1) : plan.EndsOn;
        return new PlanProgress(plan, plan.VisitsPlanned, plan.DueBy(dueBy), done, plan.Goals.Count(g => g.AchievedOn is not null), today);
    }
}

/// <summary>
/// Tells the paired volunteer and the case owner when a planned visit is overdue — once per missed due date
/// and person, whichever node gets there first does it (the notice is looked for before it is written).
/// </summary>
public sealed class OverdueVisitsJob(IServiceScopeFactory scopes, ILogger<OverdueVisitsJob> log, TimeProvider clock) : PeriodicJob(scopes, log, clock)
{
    protected override TimeSpan Every => TimeSpan.FromHours(1);

    protected override string Actor => "overdue-visits";

    protected override Task<int> RunOnceAsync(IServiceProvider services, TimeProvider clock, CancellationToken ct) => FlagAsync(services, clock, ct);

    public static async Task<int> FlagAsync(IServiceProvider sp, TimeProvider clock, CancellationToken ct)
    {
        var db = sp.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow();
        var today = now.ChinaDate();
        var active = await db.AssistanceCases.IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.Status == CaseStatus.Active)
            .Select(c => new { c.Id, c.UnitId, c.PersonId, c.OwnerUserId }).ToListAsync(ct);
        var told = 0;
        foreach (var chunk in active.Chunk(500))
        {
            var progress = await PlanProgress.ForCasesAsync(db, chunk.Select(c => c.Id).ToList(), today, ct);
            foreach (var c in chunk)
            {
                if (!progress.TryGetValue(c.Id, out var p) || !p.Overdue || p.Plan.EndsOn < today)
                {
                    continue;
                }
                var due = p.MissedDueOn!.Value.ShowDate();
                var name = await db.People.IgnoreQueryFilters().Where(x => x.Id == c.PersonId).Select(x => x.Name).FirstAsync(ct);
                var persons = await db.CaseAccess.Where(a => a.CaseId == c.Id).Select(a => a.PersonId).ToListAsync(ct);
                var ownerPerson = await db.Users.Where(u => u.Id == c.OwnerUserId).Select(u => u.PersonId).FirstOrDefaultAsync(ct);
                var link = $"/assistance/{c.Id}";
                foreach (var person in persons)
                {
                    told += await TellOnceAsync(db, person, null, c.UnitId, $"/serve/cases/{c.Id}", now, name, p, due, ct);
                }
                told += ownerPerson is { } owner && !persons.Contains(owner)
                    ? await TellOnceAsync(db, owner, null, c.UnitId, link, now, name, p, due, ct)
                    : ownerPerson is null ? await TellOnceAsync(db, null, c.UnitId, c.UnitId, link, now, name, p, due, ct) : 0;
            }
            db.ChangeTracker.Clear();
        }
        return told;
    }

    private static async Task<int> TellOnceAsync(AppDbContext db, Guid? person, Guid? unitInbox, Guid unitId, string link, DateTimeOffset now,
        string name, PlanProgress p, string due, CancellationToken ct)
    {
        var suffix = Notice.Separator + due;
        var already = await db.Notices.IgnoreQueryFilters().AnyAsync(n => n.Kind == NoticeKind.CaseVisitOverdue && n.Link == link
            && n.PersonId == person && (unitInbox == null || n.UnitId == unitInbox) && n.Args.EndsWith(suffix), ct);
        if (already)
        {
            return 0;
        }
        var args = new[] { name, p.Due.ToString(System.Globalization.CultureInfo.InvariantCulture), p.Done.ToString(System.Globalization.CultureInfo.InvariantCulture), due };
        if (person is { } personId)
        {
            db.TellPerson(personId, unitId, NoticeKind.CaseVisitOverdue, link, now, args);
        }
        else
        {
            db.Tell(unitId, NoticeKind.CaseVisitOverdue, link, now, args);
        }
        await db.SaveChangesAsync(ct);
        return 1;
    }
}
