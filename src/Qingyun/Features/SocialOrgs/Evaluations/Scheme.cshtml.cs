using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.SocialOrgs.Evaluations;

/// <summary>One scheme version: criteria grouped with the groups' weight subtotals; a draft's criteria are edited here, then published.</summary>
[RequirePermission(Permission.SocialOrgsRead)]
public sealed class SchemeModel(SchemeDesk desk, IStringLocalizer<SharedResource> t) : PageModel
{
    public SchemeDesk.SchemeView View { get; private set; } = null!;
    public IReadOnlyList<SchemeDesk.SchemeRow> History { get; private set; } = [];

    public sealed class CriterionForm
    {
        public string? Group { get; set; }
        public string? Name { get; set; }
        public decimal? Weight { get; set; }
        public decimal? MaxScore { get; set; }
        public string? Guidance { get; set; }
        public string? EvidenceRequired { get; set; }
        public int? SortOrder { get; set; }

        public SchemeDesk.CriterionInput ToInput() => new(Group, Name, Weight, MaxScore, Guidance, EvidenceRequired, SortOrder);
    }

    [BindProperty] public CriterionForm Criterion { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var r = await desk.OpenAsync(id, ct);
        if (!r.Ok)
        {
            return StatusCode(r.Failures.Max(f => f.Status));
        }
        View = r.Value!;
        History = await desk.HistoryAsync(View.Scheme.FamilyId, ct);
        return Page();
    }

    public Task<IActionResult> OnPostEditAsync(Guid id, string? name, string? description, CancellationToken ct) =>
        Act(id, async () => (await desk.EditAsync(id, name, description, ct)).Failures, null, ct);

    public Task<IActionResult> OnPostAddCriterionAsync(Guid id, CancellationToken ct) =>
        Act(id, async () => (await desk.AddCriterionAsync(id, Criterion.ToInput(), ct)).Failures, null, ct);

    public Task<IActionResult> OnPostEditCriterionAsync(Guid id, Guid criterionId, CancellationToken ct) =>
        Act(id, async () => (await desk.EditCriterionAsync(id, criterionId, Criterion.ToInput(), ct)).Failures, null, ct);

    public Task<IActionResult> OnPostRemoveCriterionAsync(Guid id, Guid criterionId, CancellationToken ct) =>
        Act(id, async () => (await desk.RemoveCriterionAsync(id, criterionId, ct)).Failures, null, ct);

    public Task<IActionResult> OnPostPublishAsync(Guid id, CancellationToken ct) =>
        Act(id, async () => (await desk.PublishAsync(id, ct)).Failures, null, ct);

    public Task<IActionResult> OnPostRetireAsync(Guid id, CancellationToken ct) =>
        Act(id, async () => (await desk.RetireAsync(id, ct)).Failures, null, ct);

    public async Task<IActionResult> OnPostNewVersionAsync(Guid id, CancellationToken ct)
    {
        Guid? created = null;
        return await Act(id, async () =>
        {
            var r = await desk.NewVersionAsync(id, ct);
            created = r.Value?.Id;
            return r.Failures;
        }, () => created, ct);
    }

    private async Task<IActionResult> Act(Guid id, Func<Task<IReadOnlyList<Failure>>> act, Func<Guid?>? goTo, CancellationToken ct)
    {
        var failures = await act();
        if (failures.Count == 0)
        {
            TempData["Flash"] = t["Common.Saved"].Value;
            return Redirect($"/social-orgs/schemes/{goTo?.Invoke() ?? id}");
        }
        var page = await OnGetAsync(id, ct);
        if (page is StatusCodeResult)
        {
            return page;
        }
        if (failures.Any(f => f.Status is 403 or 404))
        {
            return StatusCode(failures.Max(f => f.Status));
        }
        this.ShowFailures(failures, t, prefix: "");
        return page;
    }
}
