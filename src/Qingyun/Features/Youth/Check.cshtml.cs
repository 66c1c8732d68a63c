using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qingyun.Data;
using Qingyun.Features.Activities;
using Qingyun.Features.Volunteering;
using Qingyun.Infrastructure;
using Qingyun.Resources;

namespace Qingyun.Features.Youth;

/// <summary>Where a youth activity's QR code leads: the young person, signed in, taps 签到. The code is checked again on the tap.</summary>
[Authorize]
public sealed class CheckModel(AppDbContext db, YouthActivityDesk desk, IStringLocalizer<SharedResource> t) : PageModel
{
    public string? ActivityTitle { get; private set; }
    public bool Recorded { get; private set; }
    public bool Already { get; private set; }

    public async Task OnGetAsync(string token, CancellationToken ct)
    {
        if (CheckInCodes.ActivityOf(token) is { } activityId)
        {
            ActivityTitle = await db.Activities.IgnoreQueryFilters().Where(a => a.Id == activityId).Select(a => a.Title).FirstOrDefaultAsync(ct);
        }
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken ct)
    {
        var r = await desk.CheckInAsync(token, ct);
        await OnGetAsync(token, ct);
        if (!r.Ok)
        {
            this.ShowFailures(r.Failures, t, prefix: "");
            return Page();
        }
        (Recorded, Already) = (true, r.Value.Already);
        return Page();
    }
}
