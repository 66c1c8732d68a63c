using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain.Assistance;

namespace Qingyun.Features.Assistance;

/// <summary>
/// The assistance figures of seed 001 for a unit's subtree and a year — beneficiaries, pairs, visits made
/// against planned, support given — as counts only. Anyone who reads people of the unit may see them
/// (decision 012): no name, no case, leaves this class.
/// </summary>
public static class AssistanceFigures
{
    public sealed record Figures(
        int Year, int Beneficiaries, int Cases, IReadOnlyDictionary<CaseStatus, int> ByStatus, IReadOnlyDictionary<AssistanceProgramme, int> ByProgramme,
        IReadOnlyDictionary<string, int> ByCategory, int Pairs, int PairedCases, int Visits, int VisitMinutes, IReadOnlyDictionary<VisitForm, int> VisitsByForm,
        int VisitsPlanned, int VisitsDue, int SupportDelivered, decimal MoneyDelivered, decimal MoneyOnVisits, IReadOnlyDictionary<SupportKind, int> SupportByKind,
        int ScholarshipsApplied, int ScholarshipsApproved, int OverdueCases);

    /// <summary>
    /// Counts for the subtree under <paramref name="unitPath"/> in <paramref name="year"/>. Reads past the case
    /// filter on purpose; the caller has checked that the viewer reads people of that unit.
    /// </summary>
    public static async Task<Figures> ForAsync(AppDbContext db, string unitPath, int year, DateOnly today, CancellationToken ct)
    {
        var start = new DateOnly(year, 1, 1);
        var end = new DateOnly(year, 12, 31);
        var units = db.OrgUnits.IgnoreQueryFilters().Where(u => u.Path.StartsWith(unitPath)).Select(u => u.Id);
        var cases = await db.AssistanceCases.IgnoreQueryFilters().AsNoTracking()
            .Where(c => units.Contains(c.UnitId) && c.IntakeOn <= end && (c.ClosedOn == null || c.ClosedOn >= start))
            .Select(c => new { c.Id, c.PersonId, c.Status, c.Programme, c.Categories }).ToListAsync(ct);
        var ids = cases.Select(c => c.Id).ToList();

        var pairings = await db.CasePairings.IgnoreQueryFilters().AsNoTracking()
            .Where(p => units.Contains(p.UnitId) && p.StartedOn <= end && (p.EndedOn == null || p.EndedOn >= start))
            .Select(p => new { p.CaseId }).ToListAsync(ct);
        var visits = await db.CaseVisits.IgnoreQueryFilters().AsNoTracking()
            .Where(v => units.Contains(v.UnitId) && v.VisitedOn >= start && v.VisitedOn <= end)
            .Select(v => new { v.CaseId, v.Form, v.Minutes, v.MoneyGiven, v.VisitedOn }).ToListAsync(ct);
        var plans = await db.CasePlans.IgnoreQueryFilters().AsNoTracking()
            .Where(p => units.Contains(p.UnitId) && p.State == PlanState.Approved && p.StartsOn <= end && p.EndsOn >= start).ToListAsync(ct);
        var support = await db.CaseSupports.IgnoreQueryFilters().AsNoTracking()
            .Where(s => units.Contains(s.UnitId) && s.AppliedOn <= end && (s.AppliedOn >= start || (s.DeliveredOn != null && s.DeliveredOn >= start)))
            .Select(s => new { s.Kind, s.State, s.Amount, s.DeliveredAmount, s.DeliveredOn, s.AppliedOn }).ToListAsync(ct);

        // Planned visits falling due inside the year (a plan may straddle two years).
        var planned = plans.Sum(p => Enumerable.Range(1, p.VisitsPlanned).Count(k => p.DueOn(k) is var d && d >= start && d <= end));
        var dueBy = today < end ? today : end;
        var due = plans.Sum(p => Enumerable.Range(1, p.VisitsPlanned).Count(k => p.DueOn(k) is var d && d >= start && d <= dueBy));
        var progress = await PlanProgress.ForCasesAsync(db, cases.Where(c => c.Status == CaseStatus.Active).Select(c => c.Id).ToList(), today, ct);
        var delivered = support.Where(s => s.State == SupportState.Delivered && s.DeliveredOn >= start && s.DeliveredOn <= end).ToList();

        return new Figures(
            year,
            cases.Select(c => c.PersonId).Distinct().Count(),
            cases.Count,
            cases.GroupBy(c => c.Status).ToDictionary(g => g.Key, g => g.Count()),
            cases.GroupBy(c => c.Programme).ToDictionary(g => g.Key, g => g.Count()),
            cases.SelectMany(c => c.Categories.Split('|', StringSplitOptions.RemoveEmptyEntries)).GroupBy(x => x).ToDictionary(g => g.Key, g => g.Count()),
            pairings.Count,
            pairings.Select(p => p.CaseId).Distinct().Count(),
            visits.Count,
            visits.Sum(v => v.Minutes),
            visits.GroupBy(v => v.Form).ToDictionary(g => g.Key, g => g.Count()),
            planned,
            due,
            delivered.Count,
            delivered.Sum(s => s.DeliveredAmount ?? s.Amount ?? 0m),
            visits.Sum(v => v.MoneyGiven ?? 0m),
            delivered.GroupBy(s => s.Kind).ToDictionary(g => g.Key, g => g.Count()),
            support.Count(s => s.Kind == SupportKind.Scholarship && s.AppliedOn >= start),
            support.Count(s => s.Kind == SupportKind.Scholarship && s.AppliedOn >= start && s.State is SupportState.Approved or SupportState.Delivered),
            progress.Values.Count(p => p.Overdue && p.Plan.EndsOn >= today));
    }
}
