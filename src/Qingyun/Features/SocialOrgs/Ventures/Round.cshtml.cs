using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.SocialOrgs;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.SocialOrgs.Ventures;

/// <summary>One round: its criteria, figures and applications; opening, starting the review, eligibility, closing.</summary>
[RequirePermission(Permission.SocialOrgsRead)]
public sealed class RoundModel(AppDbContext db, RoundReader reader, IStringLocalizer<SharedResource> t) : PageModel
{
    public RoundReader.RoundView View { get; private set; } = null!;
    public IReadOnlyList<(Guid Id, string Name)> Orgs { get; private set; } = [];
    public bool ShowEntry { get; private set; }

    [BindProperty] public EntryInput Entry { get; set; } = new();

    /// <summary>An application an admin enters for an organization (a paper application, say).</summary>
    public sealed class EntryInput
    {
        public Guid? OrganizationId { get; set; }
        public string? ProjectTitle { get; set; }
        public OrgField? Field { get; set; }
        public string? Summary { get; set; }
        public string? Goals { get; set; }
        public string? BudgetNote { get; set; }
        public decimal? Requested { get; set; }
        public DateOnly? StartOn { get; set; }
        public DateOnly? EndOn { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var r = await reader.RoundAsync(id, ct);
        if (!r.Ok)
        {
            return r.Failures.Any(f => f.Status == 403) ? Forbid() : NotFound();
        }
        View = r.Value!;
        if (View.CanManage && View.Round.Status == RoundStatus.Open)
        {
            Orgs = await Library.LibraryPicks.OrganizationsAsync(db, ct);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostEnterAsync(Guid id, [FromServices] Apply apply, CancellationToken ct)
    {
        var e = Entry;
        var r = await apply.ForOrganizationAsync(e.OrganizationId,
            new Apply.Command(id, e.ProjectTitle, e.Field, e.Summary, e.Goals, e.BudgetNote, e.Requested, e.StartOn, e.EndOn), ct);
        ShowEntry = true;
        return await AfterAsync(id, r, "Ventures.Entered", ct, "Entry");
    }

    public async Task<IActionResult> OnPostOpenAsync(Guid id, [FromServices] OpenRound open, CancellationToken ct) =>
        await AfterAsync(id, await open.RunAsync(id, ct), "Ventures.Opened", ct);

    public async Task<IActionResult> OnPostStartReviewAsync(Guid id, bool early, [FromServices] StartReview start, CancellationToken ct) =>
        await AfterAsync(id, await start.RunAsync(id, early, ct), "Ventures.ReviewStarted", ct);

    public async Task<IActionResult> OnPostIneligibleAsync(Guid id, Guid applicationId, string? reason, [FromServices] MarkIneligible mark, CancellationToken ct)
    {
        var page = await OnGetAsync(id, ct);
        if (page is not PageResult)
        {
            return page;
        }
        if (View.Applications.All(a => a.Application.Id != applicationId))
        {
            return NotFound();
        }
        return await AfterAsync(id, await mark.RunAsync(applicationId, reason, ct), "Ventures.MarkedIneligible", ct);
    }

    public async Task<IActionResult> OnPostCloseAsync(Guid id, bool byDecision, [FromServices] CloseRound close, CancellationToken ct) =>
        await AfterAsync(id, await close.RunAsync(id, byDecision, ct), "Ventures.Closed", ct);

    private async Task<IActionResult> AfterAsync<T>(Guid id, Result<T> r, string flash, CancellationToken ct, string prefix = "")
    {
        if (r.Ok)
        {
            TempData["Flash"] = t[flash].Value;
            return Redirect($"/social-orgs/rounds/{id}");
        }
        var page = await OnGetAsync(id, ct);
        if (page is not PageResult)
        {
            return page;
        }
        if (r.Failures.Any(f => f.Status == 404))
        {
            return NotFound();
        }
        if (r.Failures.Any(f => f.Status == 403))
        {
            return Forbid();
        }
        this.ShowFailures(r.Failures, t, prefix);
        return Page();
    }
}
