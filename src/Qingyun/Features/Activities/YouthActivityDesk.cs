using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.Activities;
using Qingyun.Domain.Hubs;
using Qingyun.Domain.Notices;
using Qingyun.Domain.Rosters;
using Qingyun.Features.Notices;
using Qingyun.Features.Volunteering;
using Qingyun.Infrastructure;
using Qingyun.Security;

namespace Qingyun.Features.Activities;

/// <summary>
/// Youth activities from publishing to the report: a hub (or any unit running activities) publishes; young
/// people register from a phone within the places; attendance is taken on site by the same rotating code as
/// volunteer service, by ticking the registration list, or as a headcount for open events. Person-times and
/// distinct persons are kept apart: a participation row is one person at one activity.
/// </summary>
public sealed class YouthActivityDesk(AppDbContext db, CheckInCodes codes, TimeProvider clock)
{
    public const int MaxHeadcount = 100_000;

    public async Task<Result<Activity>> CreateAsync(Guid? unitId, YouthActivityDraft draft, bool publish, CancellationToken ct)
    {
        var unit = await db.UnitForAsync(unitId, Permission.ServiceManage, "UnitId", ct);
        if (!unit.Ok)
        {
            return Result<Activity>.Fail(unit.Failures);
        }
        var now = clock.GetUtcNow();
        var f = draft.Check(now);
        await CheckChoicesAsync(draft, unit.Value!.Id, f, ct);
        if (f.Count > 0)
        {
            return Result<Activity>.Fail(f);
        }
        var a = draft.ToActivity(unit.Value.Id, now, db.Scope.UserName);
        if (publish)
        {
            a.State = ActivityState.Published;
            a.PublishedAt = now;
        }
        db.Activities.Add(a);
        await db.SaveChangesAsync(ct);
        return a;
    }

    /// <summary>
    /// The category must be in use; a teacher or topic must be in the pool of the unit or a unit above it; a theme
    /// must be the unit's or an ancestor's theme of the activity's quarter.
    /// </summary>
    private async Task CheckChoicesAsync(YouthActivityDraft draft, Guid unitId, List<Failure> f, CancellationToken ct)
    {
        if (draft.TeacherId is not null || draft.TopicId is not null)
        {
            var pool = await Pool.PoolChoices.ForUnitAsync(db, unitId, ct);
            if (draft.TeacherId is { } teacherId && !pool.HasTeacher(teacherId))
            {
                f.Add(new Failure("TeacherId", "NotInPool"));
            }
            if (draft.TopicId is { } topicId && !pool.HasTopic(topicId))
            {
                f.Add(new Failure("TopicId", "NotInPool"));
            }
        }
        if (draft.CategoryId is { } categoryId && !await db.ActivityCategories.AnyAsync(c => c.Id == categoryId && c.ArchivedAt == null, ct))
        {
            f.Add(Failure.NotFound("CategoryId"));
        }
        if (draft.ThemeId is { } themeId)
        {
            var path = await db.OrgUnits.IgnoreQueryFilters().Where(u => u.Id == unitId).Select(u => u.Path).FirstAsync(ct);
            var theme = await db.QuarterThemes.IgnoreQueryFilters().Where(t => t.Id == themeId)
                .Join(db.OrgUnits.IgnoreQueryFilters(), t => t.UnitId, u => u.Id, (t, u) => new { t.Year, t.Quarter, u.Path }).FirstOrDefaultAsync(ct);
            if (theme is null || !path.StartsWith(theme.Path, StringComparison.Ordinal))
            {
                f.Add(Failure.NotFound("ThemeId"));
            }
            else if (draft.StartsAt is { } s && (s.ChinaDate().Year != theme.Year || (s.ChinaDate().Month + 2) / 3 != theme.Quarter))
            {
                f.Add(new Failure("ThemeId", "ThemeOtherQuarter", 400, theme.Year, theme.Quarter));
            }
        }
    }

    public async Task<Result<Activity>> PublishAsync(Guid id, CancellationToken ct)
    {
        var a = await ManagedAsync(id, ct);
        if (!a.Ok)
        {
            return a;
        }
        if (a.Value!.State != ActivityState.Draft)
        {
            return new Failure("State", "NotADraft", 409);
        }
        if (a.Value.StartsAt <= clock.GetUtcNow())
        {
            return new Failure("StartsAt", "MustBeFuture", 409);
        }
        a.Value.State = ActivityState.Published;
        a.Value.PublishedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return a;
    }

    /// <summary>Cancels an activity that has not ended; everyone registered is told.</summary>
    public async Task<Result<Activity>> CancelAsync(Guid id, string? reason, CancellationToken ct)
    {
        var a = await ManagedAsync(id, ct);
        if (!a.Ok)
        {
            return a;
        }
        var f = new List<Failure>();
        var why = ActivityDesk.Text(reason, "Reason", 500, true, f);
        if (f.Count > 0)
        {
            return Result<Activity>.Fail(f);
        }
        var now = clock.GetUtcNow();
        if (a.Value!.State == ActivityState.Cancelled || a.Value.EndsAt <= now)
        {
            return new Failure("State", "ActivityOver", 409);
        }
        a.Value.State = ActivityState.Cancelled;
        a.Value.CancelledAt = now;
        a.Value.CancelReason = why;
        var people = await db.Registrations.Where(r => r.ActivityId == id && r.State == RegistrationState.Registered).Select(r => r.PersonId).ToListAsync(ct);
        foreach (var personId in people)
        {
            db.TellPerson(personId, a.Value.UnitId, NoticeKind.ActivityCancelled, $"/youth/activities/{id}", now, a.Value.Title, why!);
        }
        await db.SaveChangesAsync(ct);
        return a;
    }

    // ------------------------------------------------------------------ registration (the young person's own)

    /// <summary>
    /// Registers the signed-in person. The place is taken by one guarded UPDATE (Registered &lt; Capacity), so
    /// any number of simultaneous taps fill exactly the places there are; a second tap finds the first.
    /// </summary>
    public async Task<Result<Registration>> RegisterAsync(Guid activityId, CancellationToken ct)
    {
        if (await db.OwnPersonIdAsync(ct) is not { } personId)
        {
            return new Failure("Account", "NoPerson", 403);
        }
        var a = await db.Activities.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(x => x.Id == activityId && x.Kind == ActivityKind.Youth, ct);
        var now = clock.GetUtcNow();
        if (a is null || a.State == ActivityState.Draft)
        {
            return Failure.NotFound("Id");
        }
        if (a.State != ActivityState.Published || a.StartsAt <= now)
        {
            return new Failure("Id", "RegistrationClosed", 409);
        }
        var mine = await db.Registrations.IgnoreQueryFilters().AsNoTracking()
            .FirstOrDefaultAsync(r => r.ActivityId == activityId && r.PersonId == personId && r.State == RegistrationState.Registered, ct);
        if (mine is not null)
        {
            return mine;
        }
        var person = await db.People.IgnoreQueryFilters().AsNoTracking().FirstAsync(p => p.Id == personId, ct);
        var age = person.AgeOn(a.StartsAt.ChinaDate());
        if (a.MinAge is { } min && age < min || a.MaxAge is { } max && age > max)
        {
            return new Failure("Age", "OutsideAgeRange", 409, a.MinAge ?? 0, a.MaxAge ?? 120);
        }
        if (a.Audience == Audience.MembersOnly && !await db.Memberships.IgnoreQueryFilters().AnyAsync(m => m.PersonId == personId
                && (m.Status == MemberStatus.Registered || m.Status == MemberStatus.Floating || m.Status == MemberStatus.Retained), ct))
        {
            return new Failure("Audience", "MembersOnly", 409);
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var taken = await db.Activities.IgnoreQueryFilters()
            .Where(x => x.Id == activityId && x.State == ActivityState.Published && (x.Capacity == null || x.Registered < x.Capacity))
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.Registered, x => x.Registered + 1), ct);
        if (taken == 0)
        {
            return new Failure("Capacity", "Full", 409, a.Capacity ?? 0);
        }
        var r = new Registration { ActivityId = activityId, PersonId = personId, UnitId = a.UnitId, RegisteredAt = now };
        db.Registrations.Add(r);
        db.TellPerson(personId, a.UnitId, NoticeKind.RegistrationConfirmed, $"/youth/activities/{activityId}", now, a.Title, a.StartsAt.ShowTime(), a.Place);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same person tapped twice at once: the unique index kept one; the place taken here goes back.
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return await db.Registrations.IgnoreQueryFilters().AsNoTracking()
                .FirstAsync(x => x.ActivityId == activityId && x.PersonId == personId && x.State == RegistrationState.Registered, ct);
        }
        await tx.CommitAsync(ct);
        return r;
    }

    public async Task<Result<Registration>> CancelRegistrationAsync(Guid activityId, CancellationToken ct)
    {
        if (await db.OwnPersonIdAsync(ct) is not { } personId)
        {
            return new Failure("Account", "NoPerson", 403);
        }
        var r = await db.Registrations.IgnoreQueryFilters()
            .FirstOrDefaultAsync(x => x.ActivityId == activityId && x.PersonId == personId && x.State == RegistrationState.Registered, ct);
        if (r is null)
        {
            return Failure.NotFound("Id");
        }
        var starts = await db.Activities.IgnoreQueryFilters().Where(x => x.Id == activityId).Select(x => x.StartsAt).FirstAsync(ct);
        if (starts <= clock.GetUtcNow())
        {
            return new Failure("Id", "AlreadyStarted", 409);
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        r.State = RegistrationState.Cancelled;
        r.CancelledAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await db.Activities.IgnoreQueryFilters().Where(x => x.Id == activityId && x.Registered > 0)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.Registered, x => x.Registered - 1), ct);
        await tx.CommitAsync(ct);
        return r;
    }

    // ------------------------------------------------------------------ attendance

    /// <summary>The young person scanned the organizer's rotating code (the same code as volunteer service).</summary>
    public async Task<Result<(Participation Row, string Title, bool Already)>> CheckInAsync(string? token, CancellationToken ct)
    {
        if (await db.OwnPersonIdAsync(ct) is not { } personId)
        {
            return new Failure("Account", "NoPerson", 403);
        }
        var activityId = CheckInCodes.ActivityOf(token);
        var a = activityId is null ? null
            : await db.Activities.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(x => x.Id == activityId && x.Kind == ActivityKind.Youth, ct);
        if (a is null || !codes.IsCurrent(a, token))
        {
            return new Failure("Code", "CodeExpired", 409) { Label = "CheckInCode" };
        }
        var now = clock.GetUtcNow();
        if (a.State != ActivityState.Published || now < a.StartsAt - AttendanceDesk.OpensBefore || now > a.EndsAt)
        {
            return new Failure("Code", "OutsideCheckInWindow", 409, (a.StartsAt - AttendanceDesk.OpensBefore).ShowTime(), a.EndsAt.ShowTime()) { Label = "CheckInCode" };
        }
        var r = await RecordAsync(a, personId, ParticipationMethod.CheckIn, now, ct);
        return (r.Row, a.Title, r.Already);
    }

    /// <summary>The organizer ticks a registered person as present (or takes the tick back before the activity ends).</summary>
    public async Task<Result<Participation?>> MarkAsync(Guid activityId, Guid? person, bool present, CancellationToken ct)
    {
        var a = await ManagedAsync(activityId, ct);
        if (!a.Ok)
        {
            return Result<Participation?>.Fail(a.Failures);
        }
        if (person is not { } personId)
        {
            return Failure.Required("PersonId");
        }
        var now = clock.GetUtcNow();
        if (a.Value!.State != ActivityState.Published || now < a.Value.StartsAt - AttendanceDesk.OpensBefore)
        {
            return new Failure("State", "AttendanceNotOpen", 409, (a.Value.StartsAt - AttendanceDesk.OpensBefore).ShowTime());
        }
        if (!await db.Registrations.AnyAsync(r => r.ActivityId == activityId && r.PersonId == personId && r.State == RegistrationState.Registered, ct))
        {
            return new Failure("PersonId", "NotRegistered", 409);
        }
        if (!present)
        {
            await db.Participations.Where(p => p.ActivityId == activityId && p.PersonId == personId).ExecuteDeleteAsync(ct);
            return Result<Participation?>.Success(null);
        }
        var r = await RecordAsync(a.Value, personId, ParticipationMethod.List, now, ct);
        return r.Row;
    }

    public async Task<Result<Activity>> SetHeadcountAsync(Guid activityId, int? headcount, CancellationToken ct)
    {
        var a = await ManagedAsync(activityId, ct);
        if (!a.Ok)
        {
            return a;
        }
        if (headcount is not { } n || n < 0 || n > MaxHeadcount)
        {
            return new Failure("Headcount", "Range", 400, 0, MaxHeadcount);
        }
        if (a.Value!.State != ActivityState.Published || clock.GetUtcNow() < a.Value.StartsAt - AttendanceDesk.OpensBefore)
        {
            return new Failure("State", "AttendanceNotOpen", 409, (a.Value.StartsAt - AttendanceDesk.OpensBefore).ShowTime());
        }
        a.Value.Headcount = n;
        await db.SaveChangesAsync(ct);
        return a;
    }

    private async Task<(Participation Row, bool Already)> RecordAsync(Activity a, Guid personId, ParticipationMethod method, DateTimeOffset now, CancellationToken ct)
    {
        var existing = await db.Participations.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(p => p.ActivityId == a.Id && p.PersonId == personId, ct);
        if (existing is not null)
        {
            return (existing, true);
        }
        var row = new Participation { ActivityId = a.Id, PersonId = personId, UnitId = a.UnitId, At = now, Method = method, RecordedBy = db.Scope.UserName };
        db.Participations.Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
            return (row, false);
        }
        catch (DbUpdateException)
        {
            // Two taps raced: the other one recorded it.
            db.ChangeTracker.Clear();
            return (await db.Participations.IgnoreQueryFilters().AsNoTracking().FirstAsync(p => p.ActivityId == a.Id && p.PersonId == personId, ct), true);
        }
    }

    // ------------------------------------------------------------------ afterwards

    public async Task<Result<Activity>> ReportAsync(Guid activityId, string? text, CancellationToken ct)
    {
        var a = await ManagedAsync(activityId, ct);
        if (!a.Ok)
        {
            return a;
        }
        var f = new List<Failure>();
        var report = ActivityDesk.Text(text, "Report", Activity.ReportMaxLength, true, f);
        if (f.Count > 0)
        {
            return Result<Activity>.Fail(f);
        }
        if (a.Value!.StartsAt > clock.GetUtcNow())
        {
            return new Failure("Report", "NotYetHeld", 409);
        }
        a.Value.Report = report;
        a.Value.ReportedAt = clock.GetUtcNow();
        a.Value.ReportedBy = db.Scope.UserName;
        await db.SaveChangesAsync(ct);
        return a;
    }

    public static readonly string[] PhotoTypes = ["image/jpeg", "image/png", "image/webp"];

    public async Task<Result<ActivityPhoto>> AddPhotoAsync(Guid activityId, string? contentType, byte[] content, string? caption, CancellationToken ct)
    {
        var a = await ManagedAsync(activityId, ct);
        if (!a.Ok)
        {
            return Result<ActivityPhoto>.Fail(a.Failures);
        }
        if (content.Length == 0)
        {
            return Failure.Required("Photo");
        }
        if (content.Length > ActivityPhoto.MaxBytes)
        {
            return new Failure("Photo", "FileTooLarge", 400, ActivityPhoto.MaxBytes / 1024 / 1024);
        }
        var type = SniffImage(content);
        if (type is null || (contentType is not null && !PhotoTypes.Contains(contentType)))
        {
            return new Failure("Photo", "NotAnImage");
        }
        var f = new List<Failure>();
        var text = ActivityDesk.Text(caption, "Caption", 200, false, f);
        if (f.Count > 0)
        {
            return Result<ActivityPhoto>.Fail(f);
        }
        var photo = new ActivityPhoto
        {
            ActivityId = activityId, UnitId = a.Value!.UnitId, ContentType = type, Content = content, Caption = text,
            UploadedAt = clock.GetUtcNow(), UploadedBy = db.Scope.UserName,
        };
        db.ActivityPhotos.Add(photo);
        await db.SaveChangesAsync(ct);
        return photo;
    }

    /// <summary>The type the bytes say, not the one the browser claims: JPEG, PNG or WebP, else null.</summary>
    public static string? SniffImage(ReadOnlySpan<byte> b) =>
        b.Length > 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF ? "image/jpeg"
        : b.Length > 8 && b[..8].SequenceEqual((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ? "image/png"
        : b.Length > 12 && b[..4].SequenceEqual("RIFF"u8) && b[8..12].SequenceEqual("WEBP"u8) ? "image/webp"
        : null;

    private Task<Result<Activity>> ManagedAsync(Guid id, CancellationToken ct) =>
        db.OwnedAsync(db.Activities.Where(x => x.Kind == ActivityKind.Youth), x => x.Id == id, Permission.ServiceManage, ct);
}
