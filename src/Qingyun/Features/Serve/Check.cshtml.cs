using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qingyun.Data;
using Qingyun.Domain.Volunteering;
using Qingyun.Features.Volunteering;
using Qingyun.Infrastructure;
using Qingyun.Resources;

namespace Qingyun.Features.Serve;

/// <summary>
/// Where the organizer's QR code leads: the volunteer's phone opens it, signed in, and taps 签到 or 签退.
/// The token is checked again on the tap, so a link saved and opened later is refused.
/// </summary>
[Authorize]
public sealed class CheckModel(AppDbContext db, AttendanceDesk desk, IStringLocalizer<SharedResource> t) : PageModel
{
    public string? ActivityTitle { get; private set; }
    public Attendance? Attendance { get; private set; }
    public AttendanceDesk.Outcome? Done { get; private set; }

    public async Task OnGetAsync(string token, CancellationToken ct)
    {
        if (CheckInCodes.ActivityOf(token) is not { } activityId)
        {
            return;
        }
        ActivityTitle = await db.Activities.IgnoreQueryFilters().Where(a => a.Id == activityId).Select(a => a.Title).FirstOrDefaultAsync(ct);
        if (await VolunteerDirectory.OwnAsync(db, ct) is { } v)
        {
            Attendance = await db.Attendances.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(a => a.ActivityId == activityId && a.VolunteerId == v.Id, ct);
        }
    }

    public async Task<IActionResult> OnPostAsync(string token, Direction direction, CancellationToken ct)
    {
        var r = await desk.ByActivityCodeAsync(token, direction, ct);
        await OnGetAsync(token, ct);
        if (!r.Ok)
        {
            this.ShowFailures(r.Failures, t, prefix: "");
            return Page();
        }
        Done = r.Value;
        Attendance = r.Value!.Attendance;
        return Page();
    }
}
