using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.Activities;
using Qingyun.Domain.Volunteering;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Volunteering;

/// <summary>
/// An activity from the organizer's side, from publishing to hours: positions, sign-ups and the waitlist,
/// on-site attendance with those who forgot to check out flagged, and confirmation into the record.
/// </summary>
[RequirePermission(Permission.ServiceRead)]
public sealed class ActivityModel(AppDbContext db, ActivityDesk desk, SignUps signUps, AttendanceDesk attendance, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed record SignUpRow(SignUp SignUp, VolunteerDirectory.Card Card, string Position);

    public sealed record AttendanceRow(Attendance Attendance, VolunteerDirectory.Card Card, string Position, bool MissingCheckOut);

    public Activity? Activity { get; private set; }
    public string UnitName { get; private set; } = "";
    public bool CanManage { get; private set; }
    public IReadOnlyList<Position> Positions { get; private set; } = [];
    public IReadOnlyList<SignUpRow> SignUpRows { get; private set; } = [];
    public IReadOnlyList<AttendanceRow> AttendanceRows { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Name)> Courses { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Activity = await db.Activities.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (Activity is null)
        {
            return NotFound();
        }
        Now = clock.GetUtcNow();
        var unit = await db.OrgUnits.AsNoTracking().FirstAsync(u => u.Id == Activity.UnitId, ct);
        UnitName = unit.Name;
        CanManage = db.Scope.Covers(unit.Path, Permission.ServiceManage);
        Positions = await db.Positions.AsNoTracking().Where(p => p.ActivityId == id).OrderBy(p => p.Name).ToListAsync(ct);
        var names = Positions.ToDictionary(p => p.Id, p => p.Name);
        var signUps = await db.SignUps.AsNoTracking().Where(s => s.ActivityId == id).OrderBy(s => s.State).ThenBy(s => s.Sequence).ToListAsync(ct);
        var attendances = await db.Attendances.AsNoTracking().Where(a => a.ActivityId == id).OrderBy(a => a.CheckedInAt).ToListAsync(ct);
        var cards = await VolunteerDirectory.CardsAsync(db, signUps.Select(s => s.VolunteerId).Concat(attendances.Select(a => a.VolunteerId)), ct);
        SignUpRows = [.. signUps.Select(s => new SignUpRow(s, cards[s.VolunteerId], names.GetValueOrDefault(s.PositionId, "")))];
        AttendanceRows = [.. attendances.Select(a => new AttendanceRow(a, cards[a.VolunteerId], names.GetValueOrDefault(a.PositionId, ""), AttendanceDesk.MissingCheckOut(a, Activity.EndsAt, Now)))];
        Courses = [.. (await db.Courses.AsNoTracking().OrderBy(c => c.Name).Select(c => new { c.Id, c.Name }).Take(200).ToListAsync(ct)).Select(c => (c.Id, c.Name))];
        return Page();
    }

    public async Task<IActionResult> OnPostPositionAsync(Guid id, string? name, string? duty, int? quota, int[]? skills, int? minimumAge, bool needsApproval, Guid? requiredCourseId, CancellationToken ct)
    {
        var flags = (Skill)(skills ?? []).Aggregate(0, (a, b) => a | b);
        var r = await desk.AddPositionAsync(new ActivityDesk.PositionCommand(id, name, duty, quota, flags, minimumAge, needsApproval, requiredCourseId), ct);
        return await Done(id, r.Failures, ct);
    }

    public async Task<IActionResult> OnPostPublishAsync(Guid id, CancellationToken ct) => await Done(id, (await desk.PublishAsync(id, ct)).Failures, ct);

    public async Task<IActionResult> OnPostCancelAsync(Guid id, string? reason, CancellationToken ct) => await Done(id, (await desk.CancelAsync(id, reason, ct)).Failures, ct);

    public async Task<IActionResult> OnPostDecideAsync(Guid id, Guid signUpId, bool approve, string? note, CancellationToken ct) =>
        await Done(id, (await signUps.DecideAsync(signUpId, approve, note, ct)).Failures, ct);

    public async Task<IActionResult> OnPostRemoveAsync(Guid id, Guid signUpId, string? note, CancellationToken ct) =>
        await Done(id, (await signUps.RemoveAsync(signUpId, note, ct)).Failures, ct);

    public async Task<IActionResult> OnPostConfirmAsync(Guid id, CancellationToken ct)
    {
        var r = await attendance.ConfirmAsync(id, null, ct);
        if (r.Ok)
        {
            TempData["Flash"] = t["Volunteering.Confirmed", r.Value].Value;
        }
        return await Done(id, r.Failures, ct, flash: false);
    }

    public async Task<IActionResult> OnPostCheckOutAsync(Guid id, Guid attendanceId, DateTime? at, string? note, CancellationToken ct) =>
        await Done(id, (await attendance.SetCheckOutAsync(attendanceId, ChinaTime.FromLocal(at), note, ct)).Failures, ct);

    public async Task<IActionResult> OnPostRejectAsync(Guid id, Guid attendanceId, string? note, CancellationToken ct) =>
        await Done(id, (await attendance.RejectAsync(attendanceId, note, ct)).Failures, ct);

    private async Task<IActionResult> Done(Guid id, IReadOnlyList<Failure> failures, CancellationToken ct, bool flash = true)
    {
        if (failures.Count == 0)
        {
            if (flash)
            {
                TempData["Flash"] = t["Common.Saved"].Value;
            }
            return Redirect($"/volunteering/activities/{id}");
        }
        if (failures.Any(f => f.Status == 404 && f.Field is "Id" or "ActivityId"))
        {
            return NotFound();
        }
        var page = await OnGetAsync(id, ct);
        if (page is NotFoundResult)
        {
            return page;
        }
        this.ShowFailures(failures, t, prefix: "");
        return Page();
    }
}
