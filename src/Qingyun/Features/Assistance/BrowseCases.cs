using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain.Assistance;
using Qingyun.Domain.People;
using Qingyun.Infrastructure;

namespace Qingyun.Features.Assistance;

public sealed record CaseFilter(Guid? UnitId, string? Name, CaseStatus? Status, AssistanceProgramme? Programme, string? Category, bool? Mine, bool? Overdue);

/// <summary>
/// The cases a viewer may see (the query filter cuts them: administrators their subtree, owners theirs,
/// volunteers theirs), with who is paired now and where each stands against its plan. Every list read
/// is audited as one line.
/// </summary>
public sealed class BrowseCases(AppDbContext db, CaseReader reader, TimeProvider clock)
{
    public const int Limit = 300;

    public sealed record Row(Guid Id, Guid PersonId, string Name, Gender Gender, int Age, string? IdNumberMasked, Guid UnitId, string UnitName,
        AssistanceProgramme Programme, string Categories, CaseNeeds Needs, CaseStatus Status, DateOnly IntakeOn, string OwnerName,
        string? Paired, DateOnly? PairedSince, PlanProgress? Progress, int Visits, DateOnly? LastVisit);

    public sealed record Page(IReadOnlyList<Row> Rows, bool More);

    public DateOnly Today => clock.ChinaToday();

    public async Task<Page> ListAsync(CaseFilter f, CancellationToken ct)
    {
        var q = db.AssistanceCases.AsNoTracking();
        if (f.UnitId is { } unitId)
        {
            // Not IgnoreQueryFilters here: it would lift the case filter of the whole query. The unit filter
            // keeps units the viewer reads, which is where anyone filtering by unit works.
            var path = await db.OrgUnits.Where(u => u.Id == unitId).Select(u => u.Path).FirstOrDefaultAsync(ct) ?? "-";
            q = q.Where(c => db.OrgUnits.Any(u => u.Id == c.UnitId && u.Path.StartsWith(path)));
        }
        if (f.Status is { } status)
        {
            q = q.Where(c => c.Status == status);
        }
        if (f.Programme is { } programme)
        {
            q = q.Where(c => c.Programme == programme);
        }
        if (!string.IsNullOrWhiteSpace(f.Category))
        {
            var marker = "|" + f.Category.Trim() + "|";
            q = q.Where(c => c.Categories.Contains(marker));
        }
        if (f.Mine == true)
        {
            var me = db.Scope.UserId;
            var person = db.Scope.PersonId;
            q = q.Where(c => c.OwnerUserId == me || db.CaseAccess.Any(a => a.CaseId == c.Id && a.PersonId == person));
        }
        if (!string.IsNullOrWhiteSpace(f.Name))
        {
            // Beneficiaries are protected people: found by name past the person filter in a query of their own,
            // then matched against cases that went through the case filter.
            var name = f.Name.Trim();
            var named = await db.People.IgnoreQueryFilters().Where(p => p.Name.Contains(name) && db.AssistanceCases.IgnoreQueryFilters().Any(c => c.PersonId == p.Id))
                .Select(p => p.Id).Take(5000).ToListAsync(ct);
            q = q.Where(c => named.Contains(c.PersonId));
        }
        var cases = await q.OrderBy(c => c.Status == CaseStatus.Closed).ThenByDescending(c => c.IntakeOn).ThenBy(c => c.Id).Take(Limit + 1).ToListAsync(ct);
        var more = cases.Count > Limit;
        cases = cases.Take(Limit).ToList();
        var rows = await RowsAsync(cases, ct);
        if (f.Overdue == true)
        {
            rows = rows.Where(r => r.Progress is { Overdue: true } && r.Status == CaseStatus.Active).ToList();
        }
        await reader.AuditListAsync("list", rows.Count, f.UnitId, ct);
        return new Page(rows, more);
    }

    /// <summary>The rows of cases already read through the filter: names, pairing, visits and plan progress.</summary>
    public async Task<List<Row>> RowsAsync(IReadOnlyList<AssistanceCase> cases, CancellationToken ct)
    {
        if (cases.Count == 0)
        {
            return [];
        }
        var today = Today;
        var ids = cases.Select(c => c.Id).ToList();
        var personIds = cases.Select(c => c.PersonId).Distinct().ToList();
        var unitIds = cases.Select(c => c.UnitId).Distinct().ToList();
        var people = await db.People.IgnoreQueryFilters().AsNoTracking().Where(p => personIds.Contains(p.Id))
            .Select(p => new { p.Id, p.Name, p.Gender, p.BirthDate, p.IdNumberMasked }).ToDictionaryAsync(p => p.Id, ct);
        var units = await db.OrgUnits.IgnoreQueryFilters().AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var pairings = await PairedNamesAsync(db, ids, ct);
        var visits = await db.CaseVisits.IgnoreQueryFilters().AsNoTracking().Where(v => ids.Contains(v.CaseId))
            .GroupBy(v => v.CaseId).Select(g => new { g.Key, Count = g.Count(), Last = g.Max(v => v.VisitedOn) }).ToDictionaryAsync(g => g.Key, ct);
        var progress = await PlanProgress.ForCasesAsync(db, ids, today, ct);
        return cases.Select(c =>
        {
            var p = people[c.PersonId];
            var age = today.Year - p.BirthDate.Year - (p.BirthDate.AddYears(today.Year - p.BirthDate.Year) > today ? 1 : 0);
            var paired = pairings.GetValueOrDefault(c.Id);
            var v = visits.GetValueOrDefault(c.Id);
            return new Row(c.Id, c.PersonId, p.Name, p.Gender, age, p.IdNumberMasked, c.UnitId, units.GetValueOrDefault(c.UnitId, ""), c.Programme, c.Categories,
                c.Needs, c.Status, c.IntakeOn, c.OwnerName, paired?.Name, paired?.Since, progress.GetValueOrDefault(c.Id), v?.Count ?? 0, v?.Last);
        }).ToList();
    }

    public sealed record Paired(string Name, DateOnly Since, Guid? VolunteerId, Guid? TeamId);

    /// <summary>Who is paired with each case now: the volunteer's name, or the team's.</summary>
    public static async Task<Dictionary<Guid, Paired>> PairedNamesAsync(AppDbContext db, IReadOnlyCollection<Guid> caseIds, CancellationToken ct)
    {
        var live = await db.CasePairings.IgnoreQueryFilters().AsNoTracking().Where(p => caseIds.Contains(p.CaseId) && p.EndedOn == null).ToListAsync(ct);
        var names = await NamesAsync(db, live, ct);
        return live.ToDictionary(p => p.CaseId, p => names[p.Id]);
    }

    /// <summary>The name each pairing goes by, keyed by pairing.</summary>
    public static async Task<Dictionary<Guid, Paired>> NamesAsync(AppDbContext db, IReadOnlyList<CasePairing> pairings, CancellationToken ct)
    {
        var volunteerIds = pairings.Where(p => p.VolunteerId != null).Select(p => p.VolunteerId!.Value).Distinct().ToList();
        var teamIds = pairings.Where(p => p.TeamId != null).Select(p => p.TeamId!.Value).Distinct().ToList();
        var volunteers = await db.Volunteers.IgnoreQueryFilters().AsNoTracking().Where(v => volunteerIds.Contains(v.Id))
            .Join(db.People.IgnoreQueryFilters(), v => v.PersonId, p => p.Id, (v, p) => new { v.Id, p.Name }).ToDictionaryAsync(x => x.Id, x => x.Name, ct);
        var teams = await db.VolunteerTeams.IgnoreQueryFilters().AsNoTracking().Where(t => teamIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        return pairings.ToDictionary(p => p.Id, p => new Paired(
            p.VolunteerId is { } v ? volunteers.GetValueOrDefault(v, "") : teams.GetValueOrDefault(p.TeamId!.Value, ""), p.StartedOn, p.VolunteerId, p.TeamId));
    }
}
