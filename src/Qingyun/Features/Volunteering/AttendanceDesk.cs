using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.Activities;
using Qingyun.Domain.Notices;
using Qingyun.Domain.Volunteering;
using Qingyun.Features.Notices;
using Qingyun.Infrastructure;
using Qingyun.Security;

namespace Qingyun.Features.Volunteering;

public enum Direction
{
    In = 1,
    Out = 2,
}

/// <summary>
/// 签到签退 and the organizer's confirmation of hours ("谁组织谁记录"). Check-in opens an hour before the
/// start and closes at the end; check-out closes two hours after the end. Each is idempotent: a second tap
/// finds the first and records nothing. Someone still checked in when check-out closes is flagged for the
/// organizer, who sets the time (labeled as theirs) or turns the hours down — nothing is credited silently.
/// </summary>
public sealed class AttendanceDesk(IServiceProvider services, CurrentScope scope, CheckInCodes codes, ServiceLedger ledger, CheckInWriter writer, GateReader gates, TimeProvider clock)
{
    public static readonly TimeSpan OpensBefore = TimeSpan.FromMinutes(60);

    // The request's context, leased from the pool when first needed: a check-in by the organizer's code is read and
    // written with the other check-ins arriving now (GateReader, CheckInWriter), and a context leased and handed back
    // unused was 2 % of the app's work at a busy gate.
    private AppDbContext? _db;

    private AppDbContext Db => _db ??= services.GetRequiredService<AppDbContext>();
    public static readonly TimeSpan CheckOutCloses = TimeSpan.FromMinutes(120);

    public sealed record Outcome(Attendance Attendance, string ActivityTitle, bool AlreadyRecorded);

    private sealed record Place(Attendance? Existing, Guid? PositionId);

    // The volunteer's attendance so far and their confirmed place, in one round trip, compiled (the typed code and the
    // organizer's scan; the scanned code's reads are grouped by GateReader).
    private static readonly PerModel<Func<AppDbContext, Guid, Guid, CancellationToken, Task<Place>>> AttendanceAndPlace = new(() =>
        EF.CompileAsyncQuery((AppDbContext db, Guid activityId, Guid volunteerId, CancellationToken ct) => db.Activities.IgnoreQueryFilters().AsNoTracking()
            .Where(a => a.Id == activityId)
            .Select(a => new Place(
                db.Attendances.FirstOrDefault(x => x.ActivityId == a.Id && x.VolunteerId == volunteerId),
                db.SignUps.Where(s => s.ActivityId == a.Id && s.VolunteerId == volunteerId && s.State == SignUpState.Confirmed)
                    .Select(s => (Guid?)s.PositionId).FirstOrDefault()))
            .First()));

    /// <summary>
    /// A refusal about the check-in code. The input is "Code", but Field.Code is the unit code (组织代码):
    /// the message must name the check-in code (签到码) instead.
    /// </summary>
    private static Failure CodeFailure(string rule, int status, params object[] args) => new("Code", rule, status, args) { Label = "CheckInCode" };

    public static bool MissingCheckOut(Attendance a, DateTimeOffset activityEnds, DateTimeOffset now) =>
        a.State == AttendanceState.CheckedIn && now > activityEnds + CheckOutCloses;

    /// <summary>A volunteer scanned the organizer's QR code.</summary>
    public async Task<Result<Outcome>> ByActivityCodeAsync(string? token, Direction direction, CancellationToken ct)
    {
        var personId = scope.PersonIdKnown ? scope.PersonId : await Db.OwnPersonIdAsync(ct);
        // Read together with the other check-ins arriving now.
        var gate = personId is { } p ? await gates.ReadAsync(p, CheckInCodes.ActivityOf(token) ?? Guid.Empty, ct) : null;
        if (gate is null)
        {
            // No such activity: still, someone who is not a volunteer hears that first.
            return await VolunteerDirectory.OwnAsync(Db, ct) is null ? new Failure("Account", "NotAVolunteer", 403) : CodeFailure("CodeExpired", 409);
        }
        if (gate.VolunteerId is null)
        {
            return new Failure("Account", "NotAVolunteer", 403);
        }
        if (!codes.IsCurrent(gate.Activity.Id, gate.Activity.CheckInSecret, token))
        {
            return CodeFailure("CodeExpired", 409);
        }
        return await RecordAsync(gate.Activity, gate.VolunteerId.Value, new Place(gate.Existing, gate.PositionId), direction, CheckMethod.ActivityCode, ct);
    }

    /// <summary>A volunteer typed the 6-digit code: it is matched against the activities they hold a place in now.</summary>
    public async Task<Result<Outcome>> ByDigitsAsync(string? digits, Direction direction, CancellationToken ct)
    {
        var volunteer = await VolunteerDirectory.OwnAsync(Db, ct);
        if (volunteer is null)
        {
            return new Failure("Account", "NotAVolunteer", 403);
        }
        var code = digits?.Trim() ?? "";
        if (code.Length != 6 || !code.All(char.IsAsciiDigit))
        {
            return CodeFailure("SixDigits", 400);
        }
        var now = clock.GetUtcNow();
        var earliestEnd = now - CheckOutCloses;
        var latestStart = now + OpensBefore;
        var candidates = await (from s in Db.SignUps.IgnoreQueryFilters()
                                join a in Db.Activities.IgnoreQueryFilters() on s.ActivityId equals a.Id
                                where s.VolunteerId == volunteer.Id && s.State == SignUpState.Confirmed && a.State == ActivityState.Published
                                      && a.StartsAt <= latestStart && a.EndsAt >= earliestEnd
                                select a).AsNoTracking().ToListAsync(ct);
        var activity = candidates.FirstOrDefault(a => codes.DigitsMatch(a, code));
        return activity is null ? CodeFailure("CodeExpired", 409)
            : await RecordAsync(ActivityAtGate.Of(activity), volunteer.Id, await AttendanceAndPlace.For(Db)(Db, activity.Id, volunteer.Id, ct), direction, CheckMethod.TypedCode, ct);
    }

    /// <summary>The organizer scanned a volunteer's personal code, for one of their activities.</summary>
    public async Task<Result<Outcome>> ByPersonalCodeAsync(string? token, Guid activityId, Direction direction, CancellationToken ct)
    {
        var activity = await Db.OwnedAsync(Db.Activities, a => a.Id == activityId, Permission.ServiceManage, ct);
        if (!activity.Ok)
        {
            return Result<Outcome>.Fail(activity.Failures);
        }
        var volunteerId = codes.VolunteerOf(token);
        var known = volunteerId is { } v && await Db.Volunteers.IgnoreQueryFilters().AnyAsync(x => x.Id == v, ct);
        if (!known)
        {
            return CodeFailure("CodeExpired", 409);
        }
        return await RecordAsync(ActivityAtGate.Of(activity.Value!), volunteerId!.Value, await AttendanceAndPlace.For(Db)(Db, activity.Value!.Id, volunteerId.Value, ct),
            direction, CheckMethod.PersonalCode, ct);
    }

    private async Task<Result<Outcome>> RecordAsync(ActivityAtGate activity, Guid volunteerId, Place found, Direction direction, CheckMethod method, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (activity.State != ActivityState.Published)
        {
            return CodeFailure("ActivityNotOpen", 409);
        }
        var existing = found.Existing;
        if (direction == Direction.In)
        {
            if (existing is not null)
            {
                return new Outcome(existing, activity.Title, true);
            }
            if (now < activity.StartsAt - OpensBefore || now > activity.EndsAt)
            {
                return CodeFailure("OutsideCheckInWindow", 409,
                    (activity.StartsAt - OpensBefore).ShowTime(), activity.EndsAt.ShowTime());
            }
            if (found.PositionId is not { } positionId)
            {
                return CodeFailure("NoPlaceInActivity", 409);
            }
            var attendance = new Attendance
            {
                ActivityId = activity.Id, PositionId = positionId, VolunteerId = volunteerId, UnitId = activity.UnitId,
                CheckedInAt = now, CheckInMethod = method,
            };
            // Written with the other check-ins arriving now; two taps that raced get the one row.
            var (row, written) = await writer.WriteAsync(attendance, scope.Actor, ct);
            return new Outcome(row, activity.Title, !written);
        }
        if (existing is null)
        {
            return CodeFailure("NotCheckedIn", 409);
        }
        if (existing.CheckedOutAt is not null)
        {
            return new Outcome(existing, activity.Title, true);
        }
        if (now > activity.EndsAt + CheckOutCloses)
        {
            return CodeFailure("CheckOutClosed", 409);
        }
        var minutes = ServiceMinutes(existing.CheckedInAt, now, activity.StartsAt, activity.EndsAt);
        // Only the first check-out counts, even when two arrive at once.
        var changed = await Db.Attendances.IgnoreQueryFilters()
            .Where(a => a.Id == existing.Id && a.CheckedOutAt == null && a.State == AttendanceState.CheckedIn)
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.CheckedOutAt, now).SetProperty(a => a.CheckOutMethod, method)
                .SetProperty(a => a.Minutes, minutes).SetProperty(a => a.State, AttendanceState.CheckedOut), ct);
        var after = await Db.Attendances.IgnoreQueryFilters().AsNoTracking().FirstAsync(a => a.Id == existing.Id, ct);
        return new Outcome(after, activity.Title, changed == 0);
    }

    /// <summary>Check-in to check-out, clipped to the scheduled time: arriving early and travel do not count.</summary>
    public static int ServiceMinutes(DateTimeOffset checkedIn, DateTimeOffset checkedOut, Activity a) => ServiceMinutes(checkedIn, checkedOut, a.StartsAt, a.EndsAt);

    private static int ServiceMinutes(DateTimeOffset checkedIn, DateTimeOffset checkedOut, DateTimeOffset startsAt, DateTimeOffset endsAt)
    {
        var from = checkedIn > startsAt ? checkedIn : startsAt;
        var to = checkedOut < endsAt ? checkedOut : endsAt;
        return to > from ? (int)(to - from).TotalMinutes : 0;
    }

    /// <summary>The organizer sets the check-out a volunteer forgot; the line says it was the organizer.</summary>
    public async Task<Result<Attendance>> SetCheckOutAsync(Guid attendanceId, DateTimeOffset? at, string? note, CancellationToken ct)
    {
        var found = await Db.OwnedAsync(Db.Attendances, a => a.Id == attendanceId, Permission.ServiceManage, ct);
        if (!found.Ok)
        {
            return found;
        }
        var a = found.Value!;
        var f = new List<Failure>();
        var why = ActivityDesk.Text(note, "Note", 500, true, f);
        if (at is null)
        {
            f.Add(Failure.Required("CheckedOutAt"));
        }
        if (f.Count > 0)
        {
            return Result<Attendance>.Fail(f);
        }
        if (a.State != AttendanceState.CheckedIn)
        {
            return new Failure("Id", "AlreadyCheckedOut", 409);
        }
        var activity = await Db.Activities.AsNoTracking().FirstAsync(x => x.Id == a.ActivityId, ct);
        if (at < a.CheckedInAt || at > activity.EndsAt + CheckOutCloses || at > clock.GetUtcNow())
        {
            return new Failure("CheckedOutAt", "CheckOutTimeOutOfRange", 400, a.CheckedInAt.ShowTime(), activity.EndsAt.ShowTime());
        }
        a.CheckedOutAt = at;
        a.CheckOutMethod = CheckMethod.Organizer;
        a.Minutes = ServiceMinutes(a.CheckedInAt, at!.Value, activity);
        a.State = AttendanceState.CheckedOut;
        a.Note = why;
        await Db.SaveChangesAsync(ct);
        return a;
    }

    /// <summary>Confirms checked-out attendance into the hours record, one line each (once: the line is keyed by the attendance).</summary>
    public async Task<Result<int>> ConfirmAsync(Guid activityId, IReadOnlyCollection<Guid>? only, CancellationToken ct)
    {
        var activity = await Db.OwnedAsync(Db.Activities, a => a.Id == activityId, Permission.ServiceManage, ct);
        if (!activity.Ok)
        {
            return Result<int>.Fail(activity.Failures);
        }
        var now = clock.GetUtcNow();
        if (now < activity.Value!.StartsAt)
        {
            return new Failure("Id", "ActivityNotStarted", 409);
        }
        var query = Db.Attendances.Where(a => a.ActivityId == activityId && a.State == AttendanceState.CheckedOut);
        if (only is { Count: > 0 })
        {
            query = query.Where(a => only.Contains(a.Id));
        }
        var pending = await query.AsNoTracking().Select(a => new { a.Id, a.VolunteerId }).ToListAsync(ct);
        var positions = await Db.Positions.Where(p => p.ActivityId == activityId).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var cards = await VolunteerDirectory.CardsAsync(Db, pending.Select(a => a.VolunteerId), ct);
        var done = 0;
        foreach (var id in pending.Select(x => x.Id))
        {
            // One line per save; a line that lost a race to a parallel confirmation is dropped with its change.
            Db.ChangeTracker.Clear();
            var a = await Db.Attendances.FirstAsync(x => x.Id == id, ct);
            if (a.State != AttendanceState.CheckedOut)
            {
                continue;
            }
            a.State = AttendanceState.Confirmed;
            a.DecidedAt = now;
            a.DecidedBy = Db.Scope.UserName;
            var entry = new ServiceEntry
            {
                VolunteerId = a.VolunteerId, UnitId = a.UnitId, ActivityId = activityId, AttendanceId = a.Id, Kind = EntryKind.Attendance,
                Minutes = a.Minutes, ServiceDate = activity.Value.StartsAt.ChinaDate(),
                Content = Trim($"{activity.Value.Title}（{positions.GetValueOrDefault(a.PositionId)}）", ServiceEntry.ContentMaxLength),
                RecordedBy = Db.Scope.UserName ?? "", RecordedAt = now,
            };
            a.EntryId = entry.Id;
            Db.TellPerson(cards[a.VolunteerId].PersonId, a.UnitId, NoticeKind.HoursConfirmed, "/serve/record", now,
                activity.Value.Title, Hours(a.Minutes));
            if (await ledger.AppendAsync(Db, entry, ct))
            {
                done++;
            }
        }
        Db.ChangeTracker.Clear();
        return done;
    }

    /// <summary>The organizer does not credit an attendance (with a reason the volunteer sees).</summary>
    public async Task<Result<Attendance>> RejectAsync(Guid attendanceId, string? note, CancellationToken ct)
    {
        var found = await Db.OwnedAsync(Db.Attendances, a => a.Id == attendanceId, Permission.ServiceManage, ct);
        if (!found.Ok)
        {
            return found;
        }
        var f = new List<Failure>();
        var why = ActivityDesk.Text(note, "Note", 500, true, f);
        if (f.Count > 0)
        {
            return Result<Attendance>.Fail(f);
        }
        if (found.Value!.State is AttendanceState.Confirmed or AttendanceState.Rejected)
        {
            return new Failure("Id", "AlreadyDecided", 409);
        }
        found.Value.State = AttendanceState.Rejected;
        found.Value.Note = why;
        found.Value.DecidedAt = clock.GetUtcNow();
        found.Value.DecidedBy = Db.Scope.UserName;
        await Db.SaveChangesAsync(ct);
        return found;
    }

    public static string Hours(long minutes) => (minutes / 60m).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);

    private static string Trim(string s, int max) => s.Length <= max ? s : s[..max];
}
