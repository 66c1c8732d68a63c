using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Assistance;
using Qingyun.Infrastructure;
using Qingyun.Resources;

namespace Qingyun.Features.Assistance;

/// <summary>
/// The paired volunteer's phone page for one case: where the plan stands, the next visit due, and a visit
/// logged on site in a few taps. The ID number is never shown here, not even masked.
/// </summary>
[Authorize]
public sealed class MyCaseModel(AppDbContext db, CaseReader reader, VisitLog visits, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    public CaseReader.CaseView View { get; private set; } = null!;
    public PlanProgress? Progress { get; private set; }
    public IReadOnlyList<CaseVisit> Visits { get; private set; } = [];
    public IReadOnlyList<PlanGoal> Goals { get; private set; } = [];
    public DateOnly Today { get; private set; }

    /// <summary>What the visit form carries: what was entered, or today's defaults.</summary>
    [BindProperty] public VisitEntry Visit { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var r = await reader.OpenAsync(id, ct);
        if (!r.Ok)
        {
            return StatusCode(r.Failures.Max(f => f.Status));
        }
        View = r.Value!;
        Today = clock.ChinaToday();
        Visit.VisitedOn ??= Today;
        Progress = (await PlanProgress.ForCasesAsync(db, [id], Today, ct)).GetValueOrDefault(id);
        Goals = Progress?.Plan.Goals ?? [];
        Visits = await visits.OfCaseAsync(id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostVisitAsync(Guid id, CancellationToken ct)
    {
        var r = await visits.LogAsync(id, Visit.ToCommand(), ct);
        return await AfterAsync(id, r.Failures, "Assistance.VisitLogged", ct);
    }

    public async Task<IActionResult> OnPostRemoveVisitAsync(Guid id, Guid visitId, CancellationToken ct)
    {
        var r = await visits.RemoveAsync(id, visitId, ct);
        return await AfterAsync(id, r.Failures, "Assistance.VisitRemoved", ct);
    }

    private async Task<IActionResult> AfterAsync(Guid id, IReadOnlyList<Failure> failures, string done, CancellationToken ct)
    {
        if (failures.Count == 0)
        {
            TempData["Flash"] = t[done].Value;
            return Redirect($"/serve/cases/{id}");
        }
        var page = await OnGetAsync(id, ct);
        if (page is StatusCodeResult)
        {
            return page;
        }
        this.ShowFailures(failures, t, prefix: "");
        return page;
    }
}
