using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.Activities;
using Qingyun.Domain.Assistance;
using Qingyun.Domain.Building;
using Qingyun.Domain.Indicators;
using Qingyun.Domain.Organization;
using Qingyun.Domain.Rosters;
using Qingyun.Domain.SocialOrgs;
using Qingyun.Domain.Volunteering;
using Qingyun.Infrastructure;
using Qingyun.Security;

namespace Qingyun.Features.Indicators;

/// <summary>One record a figure counts, as the drill-down lists it.</summary>
public sealed record DrillRow(DateOnly? On, Guid UnitId, string Unit, string Item, string? Person, decimal Value);

public sealed record DrillView(OrgUnit Unit, int Year, int? Month, Indicator Indicator, IReadOnlyList<DrillRow> Rows, bool Truncated, bool Current);

/// <summary>
/// The records behind a figure (decision 014): the same rules as <see cref="OwnFigures"/>, but read through the scope
/// filters, with names, so a reader sees exactly the records they may see. The sum of the values is the figure when
/// the reader sees the whole subtree; distinct-person figures list each person once.
/// </summary>
public sealed class Drill(AppDbContext db, FigureReader reader, TimeProvider clock)
{
    public const int MaxRows = 5000;

    public async Task<Result<DrillView>> ListAsync(Guid? unitId, int? year, string? code, int? month, CancellationToken ct)
    {
        var y = year ?? reader.CurrentYear;
        if (y is < IndicatorTarget.MinYear or > IndicatorTarget.MaxYear)
        {
            return new Failure("Year", "Range", 400, IndicatorTarget.MinYear, IndicatorTarget.MaxYear);
        }
        if (month is < 1 or > 12)
        {
            return new Failure("Month", "Range", 400, 1, 12);
        }
        var found = await db.UnitForAsync(unitId, Permission.FiguresRead, "UnitId", ct);
        if (!found.Ok)
        {
            return Result<DrillView>.Fail(found.Failures);
        }
        var unit = found.Value!;
        var indicator = (await reader.CatalogueForAsync(unit, ct, withRetired: true)).FirstOrDefault(i => i.Code == code);
        if (indicator is null)
        {
            return new Failure("Code", "Unknown", 400);
        }
        var lo = unit.Path;
        var hi = ScopeRanges.UpperBound(unit.Path);
        var units = await db.OrgUnits.IgnoreQueryFilters().AsNoTracking().Where(u => string.Compare(u.Path, lo) >= 0 && string.Compare(u.Path, hi) < 0)
            .ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var ids = units.Keys.ToList();
        var (start, end) = month is { } m ? (new DateOnly(y, m, 1), new DateOnly(y, m, 1).AddMonths(1)) : (new DateOnly(y, 1, 1), new DateOnly(y + 1, 1, 1));
        var (startAt, endAt) = (start.ChinaStart(), end.ChinaStart());
        var now = clock.GetUtcNow().ToUniversalTime();
        var today = now.ChinaDate();
        var rows = new List<(DateOnly? On, Guid UnitId, string Item, Guid? PersonId, decimal Value)>();
        switch (indicator.Code)
        {
            case Catalogue.MembersRegistered:
                rows.AddRange((await db.Memberships.AsNoTracking().Where(x => ids.Contains(x.UnitId)
                        && (x.Status == MemberStatus.Registered || x.Status == MemberStatus.Floating || x.Status == MemberStatus.Retained))
                    .OrderBy(x => x.MemberNumber).Take(MaxRows + 1).Select(x => new { x.JoinedOn, x.UnitId, x.MemberNumber, x.PersonId }).ToListAsync(ct))
                    .Select(x => ((DateOnly?)x.JoinedOn, x.UnitId, x.MemberNumber, (Guid?)x.PersonId, 1m)));
                break;
            case Catalogue.MembersNew:
                rows.AddRange((await db.Memberships.AsNoTracking().Where(x => ids.Contains(x.JoinedUnitId ?? x.UnitId) && x.JoinedOn >= start && x.JoinedOn < end)
                    .OrderBy(x => x.JoinedOn).Take(MaxRows + 1).Select(x => new { x.JoinedOn, Unit = x.JoinedUnitId ?? x.UnitId, x.MemberNumber, x.PersonId }).ToListAsync(ct))
                    .Select(x => ((DateOnly?)x.JoinedOn, x.Unit, x.MemberNumber, (Guid?)x.PersonId, 1m)));
                break;
            case Catalogue.CadresInPost:
                rows.AddRange((await db.CadreTerms.AsNoTracking().Where(x => ids.Contains(x.UnitId) && x.StartedOn <= today && (x.EndedOn == null || x.EndedOn > today))
                    .OrderBy(x => x.UnitId).Take(MaxRows + 1).Select(x => new { x.StartedOn, x.UnitId, x.Post, x.PersonId }).ToListAsync(ct))
                    .DistinctBy(x => (x.UnitId, x.PersonId)).Select(x => ((DateOnly?)x.StartedOn, x.UnitId, x.Post.ToString(), (Guid?)x.PersonId, 1m)));
                break;
            case Catalogue.Recommended:
                rows.AddRange((await (from r in db.Recommendations.AsNoTracking()
                                      join mm in db.Memberships.IgnoreQueryFilters() on r.MembershipId equals mm.Id
                                      where ids.Contains(r.UnitId) && r.ApprovedOn >= start && r.ApprovedOn < end
                                      orderby r.ApprovedOn
                                      select new { r.ApprovedOn, r.UnitId, r.PartyOrganization, mm.PersonId }).Take(MaxRows + 1).ToListAsync(ct))
                    .Select(x => (x.ApprovedOn, x.UnitId, x.PartyOrganization ?? "", (Guid?)x.PersonId, 1m)));
                break;
            case Catalogue.VolunteersRegistered:
                rows.AddRange((await db.Volunteers.AsNoTracking().Where(x => ids.Contains(x.UnitId) && x.Status == VolunteerStatus.Active)
                    .OrderBy(x => x.Number).Take(MaxRows + 1).Select(x => new { x.RegisteredAt, x.UnitId, x.Number, x.PersonId }).ToListAsync(ct))
                    .Select(x => ((DateOnly?)x.RegisteredAt.ChinaDate(), x.UnitId, x.Number, (Guid?)x.PersonId, 1m)));
                break;
            case Catalogue.ServiceHours or Catalogue.ServicePersonTimes or Catalogue.ServiceVolunteers:
                var lines = await (from e in db.ServiceEntries.AsNoTracking()
                                   join v in db.Volunteers.IgnoreQueryFilters() on e.VolunteerId equals v.Id
                                   where ids.Contains(e.UnitId) && e.ServiceDate >= start && e.ServiceDate < end
                                   orderby e.ServiceDate, e.RecordedAt
                                   select new { e.ServiceDate, e.UnitId, e.Content, e.Kind, e.Minutes, v.PersonId, e.VolunteerId }).Take(MaxRows * 4).ToListAsync(ct);
                if (indicator.Code == Catalogue.ServiceVolunteers)
                {
                    rows.AddRange(lines.GroupBy(l => (l.UnitId, l.VolunteerId)).Where(g => g.Sum(l => l.Minutes) > 0)
                        .GroupBy(g => g.Key.VolunteerId).Select(g => g.First())
                        .Select(g => ((DateOnly?)g.Max(l => l.ServiceDate), g.Key.UnitId, g.First().Content, (Guid?)g.First().PersonId, 1m)));
                }
                else
                {
                    rows.AddRange(lines.Select(l => ((DateOnly?)l.ServiceDate, l.UnitId, l.Content, (Guid?)l.PersonId,
                        indicator.Code == Catalogue.ServiceHours ? Math.Round(l.Minutes / 60m, 1) : l.Kind == EntryKind.Reversal ? -1m : 1m)));
                }
                break;
            case Catalogue.ServiceActivities or Catalogue.YouthActivities or Catalogue.MenuServices or Catalogue.YouthPersonTimes or Catalogue.YouthPersons:
                var kind = indicator.Code == Catalogue.ServiceActivities ? ActivityKind.VolunteerService : ActivityKind.Youth;
                var held = await db.Activities.AsNoTracking().Where(a => ids.Contains(a.UnitId) && a.Kind == kind && a.State == ActivityState.Published
                        && a.StartsAt >= startAt && a.StartsAt < endAt && a.EndsAt <= now
                        && (indicator.Code != Catalogue.MenuServices || a.MenuItemId != null))
                    .OrderBy(a => a.StartsAt).Take(MaxRows + 1).Select(a => new { a.Id, a.StartsAt, a.UnitId, a.Title, a.Headcount }).ToListAsync(ct);
                if (indicator.Code is Catalogue.YouthPersonTimes or Catalogue.YouthPersons)
                {
                    var heldIds = held.Select(a => a.Id).ToList();
                    var present = await db.Participations.AsNoTracking().Where(p => heldIds.Contains(p.ActivityId)).Select(p => new { p.ActivityId, p.PersonId }).ToListAsync(ct);
                    var byId = held.ToDictionary(a => a.Id);
                    if (indicator.Code == Catalogue.YouthPersons)
                    {
                        rows.AddRange(present.DistinctBy(p => p.PersonId).Select(p => byId[p.ActivityId] is var a
                            ? ((DateOnly?)a.StartsAt.ChinaDate(), a.UnitId, a.Title, (Guid?)p.PersonId, 1m) : default));
                    }
                    else
                    {
                        rows.AddRange(present.Select(p => byId[p.ActivityId] is var a ? ((DateOnly?)a.StartsAt.ChinaDate(), a.UnitId, a.Title, (Guid?)p.PersonId, 1m) : default));
                        rows.AddRange(held.Where(a => a.Headcount > 0).Select(a => ((DateOnly?)a.StartsAt.ChinaDate(), a.UnitId, a.Title, (Guid?)null, (decimal)a.Headcount!.Value)));
                    }
                }
                else
                {
                    rows.AddRange(held.Select(a => ((DateOnly?)a.StartsAt.ChinaDate(), a.UnitId, a.Title, (Guid?)null, 1m)));
                }
                break;
            case Catalogue.Beneficiaries:
                rows.AddRange((await db.AssistanceCases.AsNoTracking().Where(c => ids.Contains(c.UnitId) && c.IntakeOn < end && (c.ClosedOn == null || c.ClosedOn >= start))
                    .OrderBy(c => c.IntakeOn).Take(MaxRows + 1).Select(c => new { c.IntakeOn, c.UnitId, c.Programme, c.PersonId }).ToListAsync(ct))
                    .DistinctBy(c => (c.UnitId, c.PersonId)).Select(c => ((DateOnly?)c.IntakeOn, c.UnitId, c.Programme.ToString(), (Guid?)c.PersonId, 1m)));
                break;
            case Catalogue.Visits:
                rows.AddRange((await (from v in db.CaseVisits.AsNoTracking()
                                      join c in db.AssistanceCases.IgnoreQueryFilters() on v.CaseId equals c.Id
                                      where ids.Contains(v.UnitId) && v.VisitedOn >= start && v.VisitedOn < end
                                      orderby v.VisitedOn
                                      select new { v.VisitedOn, v.UnitId, v.Done, c.PersonId }).Take(MaxRows + 1).ToListAsync(ct))
                    .Select(v => ((DateOnly?)v.VisitedOn, v.UnitId, v.Done, (Guid?)v.PersonId, 1m)));
                break;
            case Catalogue.VisitsPlanned:
                foreach (var p in await (from p in db.CasePlans.AsNoTracking()
                                         join c in db.AssistanceCases.IgnoreQueryFilters() on p.CaseId equals c.Id
                                         where ids.Contains(p.UnitId) && p.State == PlanState.Approved
                                         select new { Plan = p, c.PersonId }).Take(MaxRows).ToListAsync(ct))
                {
                    for (var k = 1; k <= p.Plan.VisitsPlanned; k++)
                    {
                        if (p.Plan.DueOn(k) is var due && due >= start && due < end)
                        {
                            rows.Add((due, p.Plan.UnitId, $"第{k}次", p.PersonId, 1m));
                        }
                    }
                }
                break;
            case Catalogue.OrganizationsBuilt or Catalogue.OrganizationsWithLeague:
                var built = indicator.Code == Catalogue.OrganizationsBuilt;
                rows.AddRange((await db.NewOrganizations.AsNoTracking().Where(o => ids.Contains(o.UnitId) && o.Status == BuildingStatus.Built
                        && (!built || (o.BuiltOn >= start && o.BuiltOn < end)))
                    .OrderBy(o => o.BuiltOn).Take(MaxRows + 1).Select(o => new { o.BuiltOn, o.UnitId, o.Name }).ToListAsync(ct))
                    .Select(o => (o.BuiltOn, o.UnitId, o.Name, (Guid?)null, 1m)));
                break;
            case Catalogue.BuildingMembers:
                rows.AddRange((await (from e in db.NewOrganizationEvents.AsNoTracking()
                                      join o in db.NewOrganizations.IgnoreQueryFilters() on e.OrganizationId equals o.Id
                                      where ids.Contains(o.UnitId) && e.MembersDelta != null && e.On >= start && e.On < end
                                      orderby e.On
                                      select new { e.On, o.UnitId, o.Name, e.MembersDelta }).Take(MaxRows + 1).ToListAsync(ct))
                    .Select(e => ((DateOnly?)e.On, e.UnitId, e.Name, (Guid?)null, (decimal)e.MembersDelta!.Value)));
                break;
            case Catalogue.SocialOrgs:
                rows.AddRange((await db.SocialOrganizations.AsNoTracking().Where(o => ids.Contains(o.UnitId) && o.ReviewStatus == OrgReviewStatus.Approved)
                    .OrderBy(o => o.Name).Take(MaxRows + 1).Select(o => new { o.UnitId, o.Name }).ToListAsync(ct))
                    .Select(o => ((DateOnly?)null, o.UnitId, o.Name, (Guid?)null, 1m)));
                break;
            case Catalogue.DirectBound:
                rows.AddRange((await db.DirectBindings.AsNoTracking().Where(b => ids.Contains(b.UnitId) && b.BoundOn <= today && (b.EndedOn == null || b.EndedOn > today))
                    .OrderBy(b => b.BoundOn).Take(MaxRows + 1).Select(b => new { b.BoundOn, b.UnitId, b.YouthPersonId }).ToListAsync(ct))
                    .Select(b => ((DateOnly?)b.BoundOn, b.UnitId, "", (Guid?)b.YouthPersonId, 1m)));
                break;
            case Catalogue.DirectContacts:
                rows.AddRange((await db.DirectContactYouth.AsNoTracking().Where(c => ids.Contains(c.UnitId) && c.On >= start && c.On < end)
                    .OrderBy(c => c.On).Take(MaxRows + 1).Select(c => new { c.On, c.UnitId, c.Channel, c.YouthPersonId }).ToListAsync(ct))
                    .Select(c => ((DateOnly?)c.On, c.UnitId, c.Channel.ToString(), (Guid?)c.YouthPersonId, 1m)));
                break;
            default:
                var indicatorId = Guid.ParseExact(indicator.Code["reported.".Length..], "N");
                rows.AddRange((await db.IndicatorReports.AsNoTracking().Where(r => ids.Contains(r.UnitId) && r.IndicatorId == indicatorId && r.Year == y && r.State == ReportState.Approved)
                    .Select(r => new { r.ReviewedAt, r.UnitId, r.Note, r.Value }).ToListAsync(ct))
                    .Select(r => (r.ReviewedAt?.ChinaDate(), r.UnitId, r.Note, (Guid?)null, r.Value)));
                break;
        }
        var truncated = rows.Count > MaxRows;
        var shown = rows.Take(MaxRows).ToList();
        var personIds = shown.Where(r => r.PersonId is not null).Select(r => r.PersonId!.Value).Distinct().ToList();
        var people = new Dictionary<Guid, string>();
        foreach (var chunk in personIds.Chunk(1000))
        {
            var list = chunk.ToList();
            foreach (var p in await db.People.AsNoTracking().Where(p => list.Contains(p.Id)).Select(p => new { p.Id, p.Name }).ToListAsync(ct))
            {
                people[p.Id] = p.Name;
            }
        }
        var result = shown.Select(r => new DrillRow(r.On, r.UnitId, units.GetValueOrDefault(r.UnitId) ?? "", r.Item,
            r.PersonId is { } pid ? people.GetValueOrDefault(pid) ?? "—" : null, r.Value)).ToList();
        return new DrillView(unit, y, month, indicator, result, truncated, indicator.Shape == IndicatorShape.Stock);
    }
}
