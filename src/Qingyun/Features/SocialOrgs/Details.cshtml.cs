using System.Net;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.SocialOrgs;
using Qingyun.Features.Organization;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.SocialOrgs;

/// <summary>
/// One organization for League staff: profile, review (入库审核), the League-building record with the same
/// credit code, incubation and partnerships; the forms show only to those who may manage it.
/// </summary>
[RequirePermission(Permission.SocialOrgsRead)]
public sealed class DetailsModel(SocialOrgDetails details, Incubation incubation, Partnerships partnerships, BrowseUnits units,
    AppDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed class StageForm
    {
        public IncubationStage To { get; set; } = IncubationStage.Incubating;
        public DateOnly? On { get; set; }
        public string? Note { get; set; }
    }

    public sealed class SupportForm
    {
        public SupportKind Kind { get; set; } = SupportKind.Space;
        public DateOnly? On { get; set; }
        public string? Description { get; set; }
        public decimal? Amount { get; set; }
        public Guid? GivenByUnitId { get; set; }
    }

    public sealed class MentorForm
    {
        public string? Name { get; set; }
        public string? Expertise { get; set; }
        public DateOnly? From { get; set; }
        public DateOnly? Until { get; set; }
    }

    public sealed class MilestoneForm
    {
        public string? Title { get; set; }
        public DateOnly? DueOn { get; set; }
        public string? Note { get; set; }
    }

    public sealed class PartnerForm
    {
        public string? Title { get; set; } = Partnerships.DefaultTitle;
        public DateOnly? From { get; set; }
        public DateOnly? Until { get; set; }
        public string? LeagueCommitments { get; set; }
        public string? OrgCommitments { get; set; }
    }

    [BindProperty] public StageForm Stage { get; set; } = new();
    [BindProperty] public SupportForm Support { get; set; } = new();
    [BindProperty] public MentorForm Mentor { get; set; } = new();
    [BindProperty] public MilestoneForm Milestone { get; set; } = new();
    [BindProperty] public PartnerForm Partner { get; set; } = new();

    public SocialOrgView? View { get; private set; }
    public bool CanManage { get; private set; }
    public bool CanReveal { get; private set; }
    public DateOnly Today => clock.ChinaToday();
    public IReadOnlyList<UnitRow> GivingUnits { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var failed = await LoadAsync(id, ct);
        if (failed is not null)
        {
            return failed;
        }
        Stage.On = Today;
        Support.On = Today;
        Mentor.From = Today;
        Partner.From = Today;
        Partner.Until = Today.AddYears(1).AddDays(-1);
        return Page();
    }

    public async Task<IActionResult> OnPostReviewAsync(Guid id, bool approve, string? reason, [FromServices] ReviewSocialOrg.Handler handler, CancellationToken ct) =>
        await DoneAsync(id, await handler.Handle(new ReviewSocialOrg.Command(id, approve, reason), ct), "", "review", ct);

    public async Task<IActionResult> OnPostStageAsync(Guid id, CancellationToken ct) =>
        await DoneAsync(id, await incubation.MoveStageAsync(id, new Incubation.StageCommand(Stage.To, Stage.On, Stage.Note), ct), "Stage", "incubation", ct);

    public async Task<IActionResult> OnPostSupportAsync(Guid id, CancellationToken ct) =>
        await DoneAsync(id, await incubation.AddSupportAsync(id, new Incubation.SupportCommand(Support.Kind, Support.On, Support.Description,
            Support.Kind == SupportKind.Funding ? Support.Amount : null, Support.GivenByUnitId), ct), "Support", "support", ct);

    public async Task<IActionResult> OnPostMentorAsync(Guid id, CancellationToken ct) =>
        await DoneAsync(id, await incubation.AddMentorAsync(id, new Incubation.MentorCommand(Mentor.Name, Mentor.Expertise, Mentor.From, Mentor.Until), ct), "Mentor", "mentors", ct);

    public async Task<IActionResult> OnPostMilestoneAsync(Guid id, CancellationToken ct) =>
        await DoneAsync(id, await incubation.AddMilestoneAsync(id, new Incubation.MilestoneCommand(Milestone.Title, Milestone.DueOn, Milestone.Note), ct), "Milestone", "milestones", ct);

    public async Task<IActionResult> OnPostAchieveAsync(Guid id, Guid milestoneId, DateOnly? achievedOn, CancellationToken ct) =>
        await DoneAsync(id, await incubation.AchieveMilestoneAsync(id, milestoneId, achievedOn, ct), "", "milestones", ct);

    public async Task<IActionResult> OnPostDesignateAsync(Guid id, CancellationToken ct) =>
        await DoneAsync(id, await partnerships.DesignateAsync(id, new Partnerships.DesignateCommand(Partner.Title, Partner.From, Partner.Until,
            Partner.LeagueCommitments, Partner.OrgCommitments), ct), "Partner", "partnerships", ct);

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, Guid partnershipId, DateOnly? revokedOn, string? revokeReason, CancellationToken ct) =>
        await DoneAsync(id, await partnerships.RevokeAsync(id, partnershipId, new Partnerships.RevokeCommand(revokedOn, revokeReason), ct), "", "partnerships", ct);

    /// <summary>htmx swaps the masked phone for the full one; the handler audits the reveal.</summary>
    public async Task<IActionResult> OnPostRevealAsync(Guid id, [FromServices] RevealSocialOrgPhone handler, CancellationToken ct)
    {
        var r = await handler.Handle(id, ct);
        return r.Ok ? Content(WebUtility.HtmlEncode(r.Value!), "text/html; charset=utf-8") : StatusCode(r.Failures.Max(f => f.Status));
    }

    private async Task<IActionResult> DoneAsync<T>(Guid id, Result<T> r, string prefix, string anchor, CancellationToken ct)
    {
        if (r.Ok)
        {
            TempData["Flash"] = t["Common.Saved"].Value;
            return Redirect($"/social-orgs/{id}#{anchor}");
        }
        if (r.Failures.Any(f => f.Field == "Id" && f.Status is 403 or 404))
        {
            return StatusCode(r.Failures.Max(f => f.Status));
        }
        db.ChangeTracker.Clear();
        var failed = await LoadAsync(id, ct);
        if (failed is not null)
        {
            return failed;
        }
        this.ShowFailures(r.Failures, t, prefix.Length == 0 ? "Form" : prefix);
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        var r = await details.LoadAsync(id, ct);
        if (!r.Ok)
        {
            return NotFound();
        }
        View = r.Value;
        var path = await db.OrgUnits.IgnoreQueryFilters().Where(u => u.Id == View!.Org.UnitId).Select(u => u.Path).FirstAsync(ct);
        CanManage = db.Scope.Covers(path, Permission.SocialOrgsManage);
        CanReveal = db.Scope.Covers(path, Permission.SensitiveReveal);
        if (CanManage)
        {
            GivingUnits = await units.PickWithAsync(null, Permission.SocialOrgsRead, null, ct);
        }
        return null;
    }

    /// <summary>The validation message of one form field, if any.</summary>
    public string? Err(string key) => ModelState.TryGetValue(key, out var e) ? string.Join("；", e.Errors.Select(x => x.ErrorMessage)) : null;
}
