using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qingyun.Data;
using Qingyun.Domain.Access;
using Qingyun.Domain.Activities;
using Qingyun.Domain.Volunteering;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Volunteering;

/// <summary>
/// Where a volunteer's personal QR code leads when the organizer scans it: the organizer's activities of
/// the moment in which that volunteer holds a place, each with 签到 / 签退.
/// </summary>
[RequirePermission(Permission.ServiceManage)]
public sealed class ScanModel(AppDbContext db, CheckInCodes codes, AttendanceDesk desk, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed record Option(Activity Activity, Attendance? Attendance);

    public VolunteerDirectory.Card? Card { get; private set; }
    public IReadOnlyList<Option> Options { get; private set; } = [];
    public AttendanceDesk.Outcome? Done { get; private set; }

    public async Task OnGetAsync(string token, CancellationToken ct)
    {
        if (codes.VolunteerOf(token) is not { } volunteerId)
        {
            return;
        }
        var now = clock.GetUtcNow();
        var latestStart = now + AttendanceDesk.OpensBefore;
        var earliestEnd = now - AttendanceDesk.CheckOutCloses;
        // Activities in scope first (filtered), then the volunteer's places among them.
        var activities = await db.Activities.AsNoTracking()
            .Where(a => a.State == ActivityState.Published && a.StartsAt <= latestStart && a.EndsAt >= earliestEnd).ToListAsync(ct);
        var ids = activities.Select(a => a.Id).ToList();
        var placed = await db.SignUps.AsNoTracking().Where(s => ids.Contains(s.ActivityId) && s.VolunteerId == volunteerId && s.State == SignUpState.Confirmed)
            .Select(s => s.ActivityId).ToListAsync(ct);
        var attendance = await db.Attendances.AsNoTracking().Where(a => ids.Contains(a.ActivityId) && a.VolunteerId == volunteerId).ToListAsync(ct);
        Options = [.. activities.Where(a => placed.Contains(a.Id)).Select(a => new Option(a, attendance.FirstOrDefault(x => x.ActivityId == a.Id)))];
        Card = (await VolunteerDirectory.CardsAsync(db, [volunteerId], ct)).GetValueOrDefault(volunteerId);
    }

    public async Task<IActionResult> OnPostAsync(string token, Guid activityId, Direction direction, CancellationToken ct)
    {
        var r = await desk.ByPersonalCodeAsync(token, activityId, direction, ct);
        await OnGetAsync(token, ct);
        if (!r.Ok)
        {
            this.ShowFailures(r.Failures, t, prefix: "");
            return Page();
        }
        Done = r.Value;
        return Page();
    }
}
