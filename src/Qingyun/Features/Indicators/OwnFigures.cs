using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain.Activities;
using Qingyun.Domain.Assistance;
using Qingyun.Domain.Building;
using Qingyun.Domain.Indicators;
using Qingyun.Domain.SocialOrgs;
using Qingyun.Domain.Volunteering;
using Qingyun.Infrastructure;

namespace Qingyun.Features.Indicators;

/// <summary>A roll-up cell's address.</summary>
public readonly record struct CellKey(Guid UnitId, string Code, int Year, int Month, string Key);

/// <summary>A person counted by a distinct-person indicator at a unit in a year.</summary>
public readonly record struct SubjectKey(Guid UnitId, string Code, int Year, Guid SubjectId);

/// <summary>What a set of units hold themselves: the cells and the people their own records count.</summary>
public sealed class OwnCount
{
    public Dictionary<CellKey, decimal> Cells { get; } = [];
    public HashSet<SubjectKey> Subjects { get; } = [];

    public void Add(Guid unit, string code, int year, int month, decimal value, string key = "")
    {
        var k = new CellKey(unit, code, year, month, key);
        Cells[k] = Cells.GetValueOrDefault(k) + value;
    }

    public void AddStock(Guid unit, string code, decimal value) => Add(unit, code, FigureTally.CurrentYear, 0, value);
}

/// <summary>
/// The one place every computed indicator is counted from the records (decision 014), for the records a set of
/// units hold themselves, whatever the reader may see: the roll-ups add the subtree up and the pages decide
/// who reads which unit. Rules worth knowing:
/// <list type="bullet">
/// <item>Service hours and person-times follow the hours record: a correction's reversal line takes its minutes and its
/// one person-time back in the month of the service it corrects.</item>
/// <item>New members count at the branch that admitted them, wherever they have moved since; members now count where they are.</item>
/// <item>An activity counts once it is published and over (the periodic round notices activities ending); cancelled ones never.</item>
/// </list>
/// </summary>
public static class OwnFigures
{
    public static async Task<OwnCount> CountAsync(AppDbContext db, IReadOnlyCollection<Guid> unitIds, DateTimeOffset now, CancellationToken ct)
    {
        var count = new OwnCount();
        var units = unitIds.ToList();
        var today = now.ChinaDate();
        var utcNow = now.ToUniversalTime();

        // Organization building.
        foreach (var r in await db.Memberships.IgnoreQueryFilters().AsNoTracking()
                     .Where(m => units.Contains(m.UnitId) && (m.Status == Domain.Rosters.MemberStatus.Registered
                         || m.Status == Domain.Rosters.MemberStatus.Floating || m.Status == Domain.Rosters.MemberStatus.Retained))
                     .GroupBy(m => m.UnitId).Select(g => new { g.Key, N = g.Count() }).ToListAsync(ct))
        {
            count.AddStock(r.Key, Catalogue.MembersRegistered, r.N);
        }
        foreach (var m in await db.Memberships.IgnoreQueryFilters().AsNoTracking()
                     .Where(m => units.Contains(m.JoinedUnitId ?? m.UnitId))
                     .Select(m => new { Unit = m.JoinedUnitId ?? m.UnitId, m.JoinedOn }).ToListAsync(ct))
        {
            count.Add(m.Unit, Catalogue.MembersNew, m.JoinedOn.Year, m.JoinedOn.Month, 1);
        }
        foreach (var r in await db.CadreTerms.IgnoreQueryFilters().AsNoTracking()
                     .Where(t => units.Contains(t.UnitId) && t.StartedOn <= today && (t.EndedOn == null || t.EndedOn > today))
                     .Select(t => new { t.UnitId, t.PersonId }).Distinct().ToListAsync(ct))
        {
            count.AddStock(r.UnitId, Catalogue.CadresInPost, 1);
        }
        foreach (var r in await db.Recommendations.IgnoreQueryFilters().AsNoTracking()
                     .Where(r => units.Contains(r.UnitId) && r.ApprovedOn != null).Select(r => new { r.UnitId, r.ApprovedOn }).ToListAsync(ct))
        {
            count.Add(r.UnitId, Catalogue.Recommended, r.ApprovedOn!.Value.Year, r.ApprovedOn.Value.Month, 1);
        }

        // Volunteer service: the hours record, line by line.
        foreach (var r in await db.Volunteers.IgnoreQueryFilters().AsNoTracking()
                     .Where(v => units.Contains(v.UnitId) && v.Status == VolunteerStatus.Active)
                     .GroupBy(v => v.UnitId).Select(g => new { g.Key, N = g.Count() }).ToListAsync(ct))
        {
            count.AddStock(r.Key, Catalogue.VolunteersRegistered, r.N);
        }
        var lines = await db.ServiceEntries.IgnoreQueryFilters().AsNoTracking()
            .Where(e => units.Contains(e.UnitId))
            .GroupBy(e => new { e.UnitId, e.VolunteerId, e.ServiceDate.Year, e.ServiceDate.Month, Reversal = e.Kind == EntryKind.Reversal })
            .Select(g => new { g.Key.UnitId, g.Key.VolunteerId, g.Key.Year, g.Key.Month, g.Key.Reversal, Minutes = g.Sum(e => e.Minutes), N = g.Count() })
            .ToListAsync(ct);
        foreach (var l in lines)
        {
            count.Add(l.UnitId, Catalogue.ServiceHours, l.Year, l.Month, l.Minutes);
            count.Add(l.UnitId, Catalogue.ServicePersonTimes, l.Year, l.Month, l.Reversal ? -l.N : l.N);
        }
        foreach (var v in lines.GroupBy(l => (l.UnitId, l.VolunteerId, l.Year)).Where(g => g.Sum(l => l.Minutes) > 0))
        {
            count.Subjects.Add(new SubjectKey(v.Key.UnitId, Catalogue.ServiceVolunteers, v.Key.Year, v.Key.VolunteerId));
        }

        // Activities: volunteer service and youth activities held (published and over).
        var held = await db.Activities.IgnoreQueryFilters().AsNoTracking()
            .Where(a => units.Contains(a.UnitId) && a.State == ActivityState.Published && a.EndsAt <= utcNow)
            .Select(a => new { a.Id, a.UnitId, a.Kind, a.StartsAt, a.CategoryId, a.Headcount, a.MenuItemId }).ToListAsync(ct);
        var youthIds = held.Where(a => a.Kind == ActivityKind.Youth).Select(a => a.Id).ToList();
        var present = new List<(Guid ActivityId, Guid PersonId)>();
        foreach (var chunk in youthIds.Chunk(2000))
        {
            var ids = chunk.ToList();
            present.AddRange((await db.Participations.IgnoreQueryFilters().AsNoTracking().Where(p => ids.Contains(p.ActivityId))
                .Select(p => new { p.ActivityId, p.PersonId }).ToListAsync(ct)).Select(p => (p.ActivityId, p.PersonId)));
        }
        var presentBy = present.ToLookup(p => p.ActivityId);
        foreach (var a in held)
        {
            var day = a.StartsAt.ChinaDate();
            if (a.Kind == ActivityKind.VolunteerService)
            {
                count.Add(a.UnitId, Catalogue.ServiceActivities, day.Year, day.Month, 1);
                continue;
            }
            var key = a.CategoryId?.ToString("N") ?? "";
            var people = presentBy[a.Id].ToList();
            count.Add(a.UnitId, Catalogue.YouthActivities, day.Year, day.Month, 1, key);
            count.Add(a.UnitId, Catalogue.YouthPersonTimes, day.Year, day.Month, people.Count + (a.Headcount ?? 0), key);
            if (a.MenuItemId is not null)
            {
                count.Add(a.UnitId, Catalogue.MenuServices, day.Year, day.Month, 1);
            }
            foreach (var p in people)
            {
                count.Subjects.Add(new SubjectKey(a.UnitId, Catalogue.YouthPersons, day.Year, p.PersonId));
            }
        }

        // Assistance: a beneficiary counts in every year their case was open; visits made; visits planned by due date.
        foreach (var c in await db.AssistanceCases.IgnoreQueryFilters().AsNoTracking().Where(c => units.Contains(c.UnitId))
                     .Select(c => new { c.UnitId, c.PersonId, c.IntakeOn, c.ClosedOn }).ToListAsync(ct))
        {
            var last = c.ClosedOn?.Year ?? Math.Max(today.Year, c.IntakeOn.Year);
            for (var y = c.IntakeOn.Year; y <= last; y++)
            {
                count.Subjects.Add(new SubjectKey(c.UnitId, Catalogue.Beneficiaries, y, c.PersonId));
            }
        }
        foreach (var v in await db.CaseVisits.IgnoreQueryFilters().AsNoTracking().Where(v => units.Contains(v.UnitId))
                     .GroupBy(v => new { v.UnitId, v.VisitedOn.Year, v.VisitedOn.Month }).Select(g => new { g.Key, N = g.Count() }).ToListAsync(ct))
        {
            count.Add(v.Key.UnitId, Catalogue.Visits, v.Key.Year, v.Key.Month, v.N);
        }
        foreach (var p in await db.CasePlans.IgnoreQueryFilters().AsNoTracking()
                     .Where(p => units.Contains(p.UnitId) && p.State == PlanState.Approved).ToListAsync(ct))
        {
            for (var k = 1; k <= p.VisitsPlanned; k++)
            {
                var due = p.DueOn(k);
                count.Add(p.UnitId, Catalogue.VisitsPlanned, due.Year, due.Month, 1);
            }
        }

        // Non-public League building and social organizations.
        foreach (var o in await db.NewOrganizations.IgnoreQueryFilters().AsNoTracking()
                     .Where(o => units.Contains(o.UnitId) && o.Status == BuildingStatus.Built).Select(o => new { o.UnitId, o.BuiltOn }).ToListAsync(ct))
        {
            count.AddStock(o.UnitId, Catalogue.OrganizationsWithLeague, 1);
            if (o.BuiltOn is { } on)
            {
                count.Add(o.UnitId, Catalogue.OrganizationsBuilt, on.Year, on.Month, 1);
            }
        }
        foreach (var e in await (from e in db.NewOrganizationEvents.IgnoreQueryFilters()
                                 join o in db.NewOrganizations.IgnoreQueryFilters() on e.OrganizationId equals o.Id
                                 where units.Contains(o.UnitId) && e.MembersDelta != null
                                 select new { o.UnitId, e.On, e.MembersDelta }).AsNoTracking().ToListAsync(ct))
        {
            count.Add(e.UnitId, Catalogue.BuildingMembers, e.On.Year, e.On.Month, e.MembersDelta!.Value);
        }
        foreach (var r in await db.SocialOrganizations.IgnoreQueryFilters().AsNoTracking()
                     .Where(o => units.Contains(o.UnitId) && o.ReviewStatus == OrgReviewStatus.Approved)
                     .GroupBy(o => o.UnitId).Select(g => new { g.Key, N = g.Count() }).ToListAsync(ct))
        {
            count.AddStock(r.Key, Catalogue.SocialOrgs, r.N);
        }

        // 1+100: young people bound now, and each young person reached by a contact.
        foreach (var r in await db.DirectBindings.IgnoreQueryFilters().AsNoTracking()
                     .Where(b => units.Contains(b.UnitId) && b.BoundOn <= today && (b.EndedOn == null || b.EndedOn > today))
                     .GroupBy(b => b.UnitId).Select(g => new { g.Key, N = g.Count() }).ToListAsync(ct))
        {
            count.AddStock(r.Key, Catalogue.DirectBound, r.N);
        }
        foreach (var r in await db.DirectContactYouth.IgnoreQueryFilters().AsNoTracking().Where(y => units.Contains(y.UnitId))
                     .GroupBy(y => new { y.UnitId, y.On.Year, y.On.Month }).Select(g => new { g.Key, N = g.Count() }).ToListAsync(ct))
        {
            count.Add(r.Key.UnitId, Catalogue.DirectContacts, r.Key.Year, r.Key.Month, r.N);
        }

        // Hand-reported values count once the level above has approved them.
        foreach (var r in await db.IndicatorReports.IgnoreQueryFilters().AsNoTracking()
                     .Where(r => units.Contains(r.UnitId) && r.State == ReportState.Approved)
                     .Select(r => new { r.UnitId, r.IndicatorId, r.Year, r.Value }).ToListAsync(ct))
        {
            count.Add(r.UnitId, ReportedIndicator.CodeOf(r.IndicatorId), r.Year, 0, r.Value);
        }

        // Distinct-person cells: the unit's own number of people, per indicator and year.
        foreach (var g in count.Subjects.GroupBy(s => (s.UnitId, s.Code, s.Year)))
        {
            count.Add(g.Key.UnitId, g.Key.Code, g.Key.Year, 0, g.Count());
        }
        // A flow's year cell (month 0, no key) beside its months: a figure of the year is then one cell for every shape,
        // so a dashboard compares its children by reading one row per child and indicator (issue 8: the city within 2× a community).
        foreach (var g in count.Cells.Where(c => c.Key.Month >= 1 && Catalogue.Find(c.Key.Code)?.Shape == IndicatorShape.Flow)
                     .GroupBy(c => (c.Key.UnitId, c.Key.Code, c.Key.Year)).ToList())
        {
            count.Add(g.Key.UnitId, g.Key.Code, g.Key.Year, 0, g.Sum(c => c.Value));
        }
        // Zero cells carry no information; leaving them out keeps "nothing changed" a no-op.
        foreach (var zero in count.Cells.Where(c => c.Value == 0).Select(c => c.Key).ToList())
        {
            count.Cells.Remove(zero);
        }
        return count;
    }
}
