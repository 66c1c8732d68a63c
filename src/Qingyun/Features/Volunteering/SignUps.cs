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

/// <summary>
/// 报名: sign up, cancel, approve. The quota holds under any race because every change to a position's
/// places first locks the position row (bumping its version) inside the transaction, then reads the count;
/// the version after the bump is the sign-up's place in the arrival order, which serves the waitlist.
/// </summary>
public sealed class SignUps(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<SignUp>> SignUpAsync(Guid positionId, CancellationToken ct)
    {
        var volunteer = await VolunteerDirectory.OwnAsync(db, ct);
        if (volunteer is null)
        {
            return new Failure("Account", "NotAVolunteer", 403);
        }
        if (volunteer.Status != VolunteerStatus.Active)
        {
            return new Failure("Account", "VolunteerNotActive", 409);
        }
        // Published activities are open to every volunteer, wherever they registered: read past the scope filter.
        var position = await db.Positions.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(p => p.Id == positionId, ct);
        var activity = position is null ? null
            : await db.Activities.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(a => a.Id == position.ActivityId && a.State == ActivityState.Published, ct);
        if (position is null || activity is null)
        {
            return Failure.NotFound("PositionId");
        }
        var now = clock.GetUtcNow();
        if (activity.StartsAt <= now)
        {
            return new Failure("PositionId", "SignUpClosed", 409);
        }
        var f = new List<Failure>();
        var birth = await db.People.IgnoreQueryFilters().Where(p => p.Id == volunteer.PersonId).Select(p => p.BirthDate).FirstAsync(ct);
        var ageThen = AgeOn(birth, activity.StartsAt.ChinaDate());
        if (position.MinimumAge is { } min && ageThen < min)
        {
            f.Add(new Failure("PositionId", "BelowPositionAge", 409, min));
        }
        if ((volunteer.Skills & position.RequiredSkills) != position.RequiredSkills)
        {
            f.Add(new Failure("PositionId", "MissingSkills", 409));
        }
        if (position.RequiredCourseId is { } course
            && !await db.TrainingRecords.IgnoreQueryFilters().AnyAsync(r => r.VolunteerId == volunteer.Id && r.CourseId == course && r.Completed, ct))
        {
            var courseName = await db.Courses.IgnoreQueryFilters().Where(c => c.Id == course).Select(c => c.Name).FirstAsync(ct);
            f.Add(new Failure("PositionId", "CourseRequired", 409, courseName));
        }
        // Nobody can be in two places at once: a confirmed place elsewhere that overlaps in time is a clash.
        var clash = await (from s in db.SignUps.IgnoreQueryFilters()
                           join a in db.Activities.IgnoreQueryFilters() on s.ActivityId equals a.Id
                           where s.VolunteerId == volunteer.Id && s.State == SignUpState.Confirmed && s.ActivityId != activity.Id
                                 && a.StartsAt < activity.EndsAt && activity.StartsAt < a.EndsAt
                           select a.Title).FirstOrDefaultAsync(ct);
        if (clash is not null)
        {
            f.Add(new Failure("PositionId", "OverlapsAnotherActivity", 409, clash));
        }
        if (f.Count > 0)
        {
            return Result<SignUp>.Fail(f);
        }

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var (taken, quota, version) = await LockAsync(positionId, ct);
            var state = position.NeedsApproval ? SignUpState.Pending : taken < quota ? SignUpState.Confirmed : SignUpState.Waitlisted;
            var signUp = new SignUp
            {
                PositionId = positionId, ActivityId = activity.Id, VolunteerId = volunteer.Id, UnitId = activity.UnitId,
                State = state, Sequence = version, SignedUpAt = now,
            };
            db.SignUps.Add(signUp);
            if (state == SignUpState.Confirmed)
            {
                await db.Positions.IgnoreQueryFilters().Where(p => p.Id == positionId).ExecuteUpdateAsync(u => u.SetProperty(p => p.Taken, p => p.Taken + 1), ct);
            }
            var kind = state switch { SignUpState.Confirmed => NoticeKind.SignUpConfirmed, SignUpState.Waitlisted => NoticeKind.SignUpWaitlisted, _ => NoticeKind.SignUpPending };
            db.TellPerson(volunteer.PersonId, activity.UnitId, kind, $"/serve/activities/{activity.Id}", now, activity.Title, position.Name);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                await tx.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                return Result<SignUp>.Fail(new Failure("PositionId", "AlreadySignedUp", 409));
            }
            await tx.CommitAsync(ct);
            return Result<SignUp>.Success(signUp);
        });
    }

    /// <summary>Takes the position's row lock for the rest of the transaction and reads its places.</summary>
    private async Task<(int Taken, int Quota, long Version)> LockAsync(Guid positionId, CancellationToken ct)
    {
        var positions = db.Positions.IgnoreQueryFilters().Where(p => p.Id == positionId);
        await positions.ExecuteUpdateAsync(u => u.SetProperty(p => p.Version, p => p.Version + 1), ct);
        var row = await positions.AsNoTracking().Select(p => new { p.Taken, p.Quota, p.Version }).FirstAsync(ct);
        return (row.Taken, row.Quota, row.Version);
    }

    private static int AgeOn(DateOnly birth, DateOnly day)
    {
        var age = day.Year - birth.Year;
        return birth.AddYears(age) > day ? age - 1 : age;
    }

    /// <summary>The volunteer withdraws before the start; a confirmed place passes to the first on the waitlist.</summary>
    public async Task<Result<SignUp>> CancelOwnAsync(Guid signUpId, CancellationToken ct)
    {
        var volunteer = await VolunteerDirectory.OwnAsync(db, ct);
        var s = volunteer is null ? null
            : await db.SignUps.IgnoreQueryFilters().FirstOrDefaultAsync(x => x.Id == signUpId && x.VolunteerId == volunteer.Id, ct);
        if (s is null)
        {
            return Failure.NotFound("Id");
        }
        var starts = await db.Activities.IgnoreQueryFilters().Where(a => a.Id == s.ActivityId).Select(a => a.StartsAt).FirstAsync(ct);
        if (starts <= clock.GetUtcNow())
        {
            return new Failure("Id", "CancelAfterStart", 409);
        }
        return await ReleaseAsync(s, SignUpState.Cancelled, null, ct);
    }

    /// <summary>The organizer approves a pending sign-up (a place, or the waitlist if full) or turns it down with a reason.</summary>
    public async Task<Result<SignUp>> DecideAsync(Guid signUpId, bool approve, string? note, CancellationToken ct)
    {
        var found = await db.OwnedAsync(db.SignUps, x => x.Id == signUpId, Permission.ServiceManage, ct);
        if (!found.Ok)
        {
            return found;
        }
        var s = found.Value!;
        if (s.State != SignUpState.Pending)
        {
            return new Failure("Id", "NotPending", 409);
        }
        var f = new List<Failure>();
        var why = ActivityDesk.Text(note, "Note", SignUp.NoteMaxLength, !approve, f);
        if (f.Count > 0)
        {
            return Result<SignUp>.Fail(f);
        }
        if (!approve)
        {
            return await ReleaseAsync(s, SignUpState.Rejected, why, ct);
        }
        var now = clock.GetUtcNow();
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var (taken, quota, version) = await LockAsync(s.PositionId, ct);
            await db.Entry(s).ReloadAsync(ct);
            if (s.State != SignUpState.Pending)
            {
                return Result<SignUp>.Fail(new Failure("Id", "NotPending", 409));
            }
            s.State = taken < quota ? SignUpState.Confirmed : SignUpState.Waitlisted;
            s.Sequence = version;
            s.DecidedAt = now;
            s.DecidedBy = db.Scope.UserName;
            s.Note = why;
            if (s.State == SignUpState.Confirmed)
            {
                await db.Positions.IgnoreQueryFilters().Where(p => p.Id == s.PositionId).ExecuteUpdateAsync(u => u.SetProperty(p => p.Taken, p => p.Taken + 1), ct);
            }
            await TellAsync(s, s.State == SignUpState.Confirmed ? NoticeKind.SignUpConfirmed : NoticeKind.SignUpWaitlisted, now, ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return Result<SignUp>.Success(s);
        });
    }

    /// <summary>The organizer takes someone off the activity (with a reason); their place passes on like a cancellation.</summary>
    public async Task<Result<SignUp>> RemoveAsync(Guid signUpId, string? note, CancellationToken ct)
    {
        var found = await db.OwnedAsync(db.SignUps, x => x.Id == signUpId, Permission.ServiceManage, ct);
        if (!found.Ok)
        {
            return found;
        }
        var f = new List<Failure>();
        var why = ActivityDesk.Text(note, "Note", SignUp.NoteMaxLength, true, f);
        return f.Count > 0 ? Result<SignUp>.Fail(f) : await ReleaseAsync(found.Value!, SignUpState.Rejected, why, ct);
    }

    private async Task<Result<SignUp>> ReleaseAsync(SignUp s, SignUpState to, string? note, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await LockAsync(s.PositionId, ct);
            await db.Entry(s).ReloadAsync(ct);
            if (!s.IsActive)
            {
                return Result<SignUp>.Fail(new Failure("Id", "NotActive", 409));
            }
            var hadPlace = s.State == SignUpState.Confirmed;
            s.State = to;
            s.DecidedAt = now;
            s.DecidedBy = db.Scope.UserName;
            s.Note = note;
            if (to == SignUpState.Rejected)
            {
                await TellAsync(s, NoticeKind.SignUpRejected, now, ct);
            }
            if (hadPlace)
            {
                // The freed place goes to the first on the waitlist, in arrival order; if nobody waits, it is free.
                var next = await db.SignUps.IgnoreQueryFilters()
                    .Where(x => x.PositionId == s.PositionId && x.State == SignUpState.Waitlisted)
                    .OrderBy(x => x.Sequence).ThenBy(x => x.Id).FirstOrDefaultAsync(ct);
                if (next is not null)
                {
                    next.State = SignUpState.Confirmed;
                    next.DecidedAt = now;
                    await TellAsync(next, NoticeKind.PromotedFromWaitlist, now, ct);
                }
                else
                {
                    await db.Positions.IgnoreQueryFilters().Where(p => p.Id == s.PositionId).ExecuteUpdateAsync(u => u.SetProperty(p => p.Taken, p => p.Taken - 1), ct);
                }
            }
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return Result<SignUp>.Success(s);
        });
    }

    private async Task TellAsync(SignUp s, NoticeKind kind, DateTimeOffset now, CancellationToken ct)
    {
        var info = await (from a in db.Activities.IgnoreQueryFilters()
                          join p in db.Positions.IgnoreQueryFilters() on a.Id equals p.ActivityId
                          where p.Id == s.PositionId
                          select new { a.Title, Position = p.Name }).FirstAsync(ct);
        var personId = await db.Volunteers.IgnoreQueryFilters().Where(v => v.Id == s.VolunteerId).Select(v => v.PersonId).FirstAsync(ct);
        db.TellPerson(personId, s.UnitId, kind, $"/serve/activities/{s.ActivityId}", now, info.Title, info.Position);
    }
}
