using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.SocialOrgs;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.SocialOrgs.Evaluations;

/// <summary>
/// One evaluation: subjects × reviewers progress (states only, never unsubmitted scores), choosing subjects,
/// inviting reviewers, closing, and — once closed — allocations.
/// </summary>
[RequirePermission(Permission.SocialOrgsRead)]
public sealed class EvaluationModel(EvaluationDesk desk, AllocationDesk allocations, IStringLocalizer<SharedResource> t) : PageModel
{
    public const int BandRows = 6;

    public EvaluationDesk.EvaluationView View { get; private set; } = null!;
    public IReadOnlyList<EvaluationDesk.Candidate> Candidates { get; private set; } = [];
    public IReadOnlyList<AllocationDesk.AllocationRow> Allocations { get; private set; } = [];

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public OrgField? OrgField { get; set; }
    [BindProperty(SupportsGet = true)] public LegalStatus? Legal { get; set; }

    [BindProperty] public string? AllocationTitle { get; set; }
    [BindProperty] public decimal? Budget { get; set; }
    [BindProperty] public List<BandForm> Bands { get; set; } = [];

    public sealed class BandForm
    {
        public string? Name { get; set; }
        public decimal? MinScore { get; set; }
        public int? Shares { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var r = await desk.OpenAsync(id, ct);
        if (!r.Ok)
        {
            return StatusCode(r.Failures.Max(f => f.Status));
        }
        View = r.Value!;
        if (View.CanManage && View.Evaluation.Status == EvaluationStatus.Scoring)
        {
            Candidates = (await desk.CandidatesAsync(id, new EvaluationDesk.CandidateFilter(Q, OrgField, Legal), ct)).Value ?? [];
        }
        Allocations = await allocations.OfEvaluationAsync(id, ct);
        if (Bands.Count == 0)
        {
            Bands = [new() { Name = "A档", MinScore = 90, Shares = 3 }, new() { Name = "B档", MinScore = 80, Shares = 2 }, new() { Name = "C档", MinScore = 70, Shares = 1 }];
        }
        while (Bands.Count < BandRows)
        {
            Bands.Add(new BandForm());
        }
        return Page();
    }

    public Task<IActionResult> OnPostAddSubjectsAsync(Guid id, Guid[]? organizationIds, CancellationToken ct) =>
        Act(id, "subjects", async () => (await desk.AddSubjectsAsync(id, organizationIds, ct)).Failures, ct);

    public Task<IActionResult> OnPostRemoveSubjectAsync(Guid id, Guid subjectId, CancellationToken ct) =>
        Act(id, "subjects", async () => (await desk.RemoveSubjectAsync(id, subjectId, ct)).Failures, ct);

    public Task<IActionResult> OnPostAddReviewerAsync(Guid id, string? reviewerUserName, CancellationToken ct) =>
        Act(id, "reviewers", async () => (await desk.AddReviewerAsync(id, reviewerUserName, ct)).Failures, ct);

    public Task<IActionResult> OnPostRemoveReviewerAsync(Guid id, Guid reviewerId, CancellationToken ct) =>
        Act(id, "reviewers", async () => (await desk.RemoveReviewerAsync(id, reviewerId, ct)).Failures, ct);

    public async Task<IActionResult> OnPostCloseAsync(Guid id, CancellationToken ct)
    {
        var r = await desk.CloseAsync(id, ct);
        if (r.Ok)
        {
            TempData["Flash"] = t["Evaluations.Closed", r.Value.Uncounted].Value;
            return Redirect($"/social-orgs/evaluations/{id}/ranking");
        }
        return await Failed(id, r.Failures, ct);
    }

    public async Task<IActionResult> OnPostAllocateAsync(Guid id, CancellationToken ct)
    {
        var bands = Bands.Select(b => new AllocationDesk.BandInput(b.Name, b.MinScore, b.Shares)).ToList();
        var r = await allocations.CreateAsync(id, AllocationTitle, Budget, bands, ct);
        if (r.Ok)
        {
            TempData["Flash"] = t["Common.Saved"].Value;
            return Redirect($"/social-orgs/allocations/{r.Value!.Allocation.Id}");
        }
        return await Failed(id, r.Failures, ct);
    }

    private async Task<IActionResult> Act(Guid id, string section, Func<Task<IReadOnlyList<Failure>>> act, CancellationToken ct)
    {
        var failures = await act();
        if (failures.Count == 0)
        {
            TempData["Flash"] = t["Common.Saved"].Value;
            return Redirect($"/social-orgs/evaluations/{id}#{section}");
        }
        return await Failed(id, failures, ct);
    }

    private async Task<IActionResult> Failed(Guid id, IReadOnlyList<Failure> failures, CancellationToken ct)
    {
        var page = await OnGetAsync(id, ct);
        if (page is StatusCodeResult)
        {
            return page;
        }
        if (failures.Any(f => f.Status is 403 or 404 && f.Field == "Id"))
        {
            return StatusCode(failures.Max(f => f.Status));
        }
        this.ShowFailures(failures, t, prefix: "");
        return page;
    }
}
