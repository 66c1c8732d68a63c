using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Qingyun.Data;
using Qingyun.Domain.Volunteering;
using Qingyun.Features.Volunteering;
using Qingyun.Infrastructure;
using Qingyun.Resources;

namespace Qingyun.Features.Serve;

/// <summary>One activity as a volunteer sees it: positions, free places, and signing up or withdrawing.</summary>
[Authorize]
public sealed class ActivityModel(AppDbContext db, MyService mine, SignUps signUps, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    public OpenActivities.Item? Item { get; private set; }
    public MyService.Place? Mine { get; private set; }
    public bool IsVolunteer { get; private set; }
    /// <summary>Published and not yet started: sign-up is open.</summary>
    public bool Open { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var found = await OpenActivities.ListAsync(db, clock, id, ct);
        Item = found.Count > 0 ? found[0] : null;
        if (Item is null)
        {
            return NotFound();
        }
        Open = Item.Activity.State == Domain.Activities.ActivityState.Published && Item.Activity.StartsAt > clock.GetUtcNow();
        var v = await VolunteerDirectory.OwnAsync(db, ct);
        IsVolunteer = v is not null;
        if (v is not null)
        {
            Mine = (await mine.PlacesAsync(v.Id, upcomingOnly: false, ct)).Where(p => p.ActivityId == id).OrderByDescending(p => p.State is SignUpState.Confirmed or SignUpState.Waitlisted or SignUpState.Pending).FirstOrDefault();
        }
        return Page();
    }

    public async Task<IActionResult> OnPostSignUpAsync(Guid id, Guid positionId, CancellationToken ct)
    {
        var r = await signUps.SignUpAsync(positionId, ct);
        if (r.Ok)
        {
            TempData["Flash"] = t["Serve.SignedUp." + r.Value!.State].Value;
            return Redirect($"/serve/activities/{id}");
        }
        return await Failed(id, r.Failures, ct);
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid id, Guid signUpId, CancellationToken ct)
    {
        var r = await signUps.CancelOwnAsync(signUpId, ct);
        if (r.Ok)
        {
            TempData["Flash"] = t["Serve.Cancelled"].Value;
            return Redirect($"/serve/activities/{id}");
        }
        return await Failed(id, r.Failures, ct);
    }

    private async Task<IActionResult> Failed(Guid id, IReadOnlyList<Domain.Failure> failures, CancellationToken ct)
    {
        var page = await OnGetAsync(id, ct);
        if (page is NotFoundResult)
        {
            return page;
        }
        this.ShowFailures(failures, t, prefix: "");
        return Page();
    }
}
