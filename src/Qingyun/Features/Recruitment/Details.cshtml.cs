using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.Rosters;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Recruitment;

[RequirePermission(Permission.PeopleRead)]
public sealed class DetailsModel(BrowseRecruits browse, RecruitmentSteps steps, AppDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    public RecruitDetails? Details { get; private set; }
    public bool CanManage { get; private set; }
    public bool CanApprove { get; private set; }
    public DateOnly Today => clock.ChinaToday();

    /// <summary>The stage the branch's next step leads to, if the branch has one to take.</summary>
    public RecruitStage? NextStage => Details!.Recruit.Stage switch
    {
        RecruitStage.Applied => RecruitStage.Activist,
        RecruitStage.Activist => RecruitStage.Candidate,
        RecruitStage.Candidate => RecruitStage.Proposed,
        _ => null,
    };

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var r = await browse.DetailsAsync(id, ct);
        if (!r.Ok)
        {
            return NotFound();
        }
        Details = r.Value;
        CanManage = db.Scope.Covers(Details!.UnitPath, Permission.PeopleManage);
        CanApprove = db.Scope.CanApprove(Details.UnitPath);
        return Page();
    }

    public async Task<IActionResult> OnPostAdvanceAsync(Guid id, RecruitStage to, DateOnly? on, string? note, IFormFile? form, CancellationToken ct) =>
        await Done(id, await steps.AdvanceAsync(new RecruitmentSteps.AdvanceCommand(id, to, on, form, note), ct), ct);

    public async Task<IActionResult> OnPostClassAsync(Guid id, DateOnly? on, string? topic, decimal? hours, CancellationToken ct) =>
        await Done(id, await steps.AddClassAsync(new RecruitmentSteps.ClassCommand(id, on, topic, hours), ct), ct);

    public async Task<IActionResult> OnPostDecideAsync(Guid id, bool approve, DateOnly? on, string? note, CancellationToken ct) =>
        await Done(id, await steps.DecideAsync(new RecruitmentSteps.DecideCommand(id, approve, on, note), ct), ct);

    public async Task<IActionResult> OnPostEnrolAsync(Guid id, string? memberNumber, bool isStudent, CancellationToken ct) =>
        await Done(id, await steps.EnrolAsync(new RecruitmentSteps.EnrolCommand(id, memberNumber, isStudent), ct), ct);

    public async Task<IActionResult> OnPostWithdrawAsync(Guid id, string? note, CancellationToken ct) =>
        await Done(id, await steps.WithdrawAsync(id, note, ct), ct);

    private async Task<IActionResult> Done<T>(Guid id, Result<T> r, CancellationToken ct)
    {
        if (r.Ok)
        {
            TempData["Flash"] = t["Common.Saved"].Value;
            return Redirect($"/recruits/{id}");
        }
        if (r.Failures.Any(f => f.Field == "Id" && f.Status == 404))
        {
            return NotFound();
        }
        var page = await OnGetAsync(id, ct);
        this.ShowFailures(r.Failures, t, prefix: "");
        return page;
    }
}
