using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.Assistance;
using Qingyun.Features.People;
using Qingyun.Infrastructure;
using Qingyun.Resources;

namespace Qingyun.Features.Assistance;

/// <summary>
/// One case, for its owner, a case administrator or the paired volunteer: the beneficiary (ID masked),
/// needs and consent, the pairing and its history, the plan's progress, visits, support. Opening it is audited.
/// </summary>
[Authorize]
public sealed class DetailsModel(AppDbContext db, CaseReader reader, CaseDesk desk, VisitLog visits, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    public CaseReader.CaseView View { get; private set; } = null!;
    public IReadOnlyList<(CasePairing Pairing, string Name)> Pairings { get; private set; } = [];
    public IReadOnlyList<CaseVisit> Visits { get; private set; } = [];
    public PlanProgress? Progress { get; private set; }
    public IReadOnlyList<CasePlan> Plans { get; private set; } = [];
    public IReadOnlyList<CaseSupport> Support { get; private set; } = [];
    public Dictionary<string, string> CategoryNames { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Name)> Teams { get; private set; } = [];
    public DateOnly Today { get; private set; }
    public string? Section { get; private set; }

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
        var pairings = await db.CasePairings.AsNoTracking().Where(p => p.CaseId == id).OrderByDescending(p => p.StartedOn).ThenByDescending(p => p.CreatedAt).ToListAsync(ct);
        var names = await BrowseCases.NamesAsync(db, pairings, ct);
        Pairings = pairings.Select(p => (p, names[p.Id].Name)).ToList();
        Visits = await visits.OfCaseAsync(id, ct);
        Progress = (await PlanProgress.ForCasesAsync(db, [id], Today, ct)).GetValueOrDefault(id);
        Plans = await db.CasePlans.AsNoTracking().Where(p => p.CaseId == id).OrderByDescending(p => p.StartsOn).ToListAsync(ct);
        Support = await db.CaseSupports.AsNoTracking().Where(s => s.CaseId == id).OrderByDescending(s => s.AppliedOn).ToListAsync(ct);
        CategoryNames = await IndexModel.CategoryNamesAsync(db, ct);
        if (View.CanEdit && db.Scope.Has(Permission.ServiceRead))
        {
            Teams = (await db.VolunteerTeams.AsNoTracking().OrderBy(x => x.Name).Take(200).Select(x => new { x.Id, x.Name }).ToListAsync(ct))
                .Select(x => (x.Id, x.Name)).ToList();
        }
        return Page();
    }

    public Task<IActionResult> OnPostStatusAsync(Guid id, CaseStatus? status, string? note, CancellationToken ct) =>
        Act(id, "status", async () => (await desk.SetStatusAsync(id, status, note, ct)).Failures, "Assistance.StatusChanged", ct);

    public Task<IActionResult> OnPostOwnerAsync(Guid id, string? ownerUserName, CancellationToken ct) =>
        Act(id, "owner", async () => (await desk.ChangeOwnerAsync(id, ownerUserName, ct)).Failures, "Assistance.OwnerChanged", ct);

    public Task<IActionResult> OnPostPairAsync(Guid id, string? volunteerNumber, Guid? teamId, DateOnly? pairedOn, string? pairingNote, CancellationToken ct) =>
        Act(id, "pairing", async () => (await desk.PairAsync(id, volunteerNumber, teamId, pairedOn, pairingNote, ct)).Failures, "Assistance.Paired", ct);

    public Task<IActionResult> OnPostVisitAsync(Guid id, CancellationToken ct) =>
        Act(id, "visit", async () => (await visits.LogAsync(id, Visit.ToCommand(), ct)).Failures,
            "Assistance.VisitLogged", ct);

    public Task<IActionResult> OnPostRemoveVisitAsync(Guid id, Guid visitId, CancellationToken ct) =>
        Act(id, "visits", async () => (await visits.RemoveAsync(id, visitId, ct)).Failures, "Assistance.VisitRemoved", ct);

    /// <summary>The full ID number, for a case administrator allowed to reveal it; audited by RevealSensitive.</summary>
    public async Task<IActionResult> OnPostRevealAsync(Guid id, [FromServices] RevealSensitive.Handler reveal, CancellationToken ct)
    {
        var r = await reader.OpenAsync(id, ct);
        if (!r.Ok)
        {
            return StatusCode(r.Failures.Max(f => f.Status));
        }
        if (r.Value!.Role != CaseRole.Admin)
        {
            return StatusCode(403);
        }
        var value = await reveal.Handle(r.Value.Beneficiary.Id, RevealSensitive.IdNumberField, ct);
        return value.Ok ? Content(value.Value!) : StatusCode(value.Failures.Max(f => f.Status));
    }

    private async Task<IActionResult> Act(Guid id, string section, Func<Task<IReadOnlyList<Failure>>> act, string done, CancellationToken ct)
    {
        var failures = await act();
        if (failures.Count == 0)
        {
            TempData["Flash"] = t[done].Value;
            return Redirect($"/assistance/{id}#{section}");
        }
        var page = await OnGetAsync(id, ct);
        if (page is StatusCodeResult)
        {
            return page;
        }
        Section = section;
        this.ShowFailures(failures, t, prefix: "");
        return page;
    }
}
