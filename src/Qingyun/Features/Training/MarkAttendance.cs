using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.Volunteering;
using Qingyun.Security;

namespace Qingyun.Features.Training;

/// <summary>
/// Records a volunteer at a session (by volunteer number): attended or not, completed (结业) or not. One
/// record per session and volunteer — recording again corrects it. The minutes credited are the
/// session's length when attended, and the volunteer's training total moves by the difference in the
/// same transaction, as one atomic addition, so concurrent sessions never lose a minute. Training hours
/// are kept apart from service hours: the service record is never touched.
/// </summary>
public static class MarkAttendance
{
    public sealed record Command(Guid SessionId, string? VolunteerNumber, bool Attended, bool Completed);

    public sealed record Marked(TrainingRecord Record, string VolunteerNumber, int MinutesChange);

    public sealed class Handler(AppDbContext db, TimeProvider clock)
    {
        public async Task<Result<Marked>> Handle(Command c, CancellationToken ct)
        {
            var owned = await db.OwnedAsync(db.TrainingSessions, s => s.Id == c.SessionId, Permission.ServiceManage, ct);
            if (!owned.Ok)
            {
                return Result<Marked>.Fail(owned.Failures);
            }
            var session = owned.Value!;
            var failures = new List<Failure>();
            var number = c.VolunteerNumber?.Trim() ?? "";
            Volunteer? volunteer = null;
            if (number.Length == 0)
            {
                failures.Add(Failure.Required("VolunteerNumber"));
            }
            else if (number.Length > Volunteer.NumberLength)
            {
                failures.Add(new Failure("VolunteerNumber", "VolunteerNumberUnknown"));
            }
            else
            {
                // A volunteer number is public; a volunteer of any unit may attend a unit's training.
                volunteer = await db.Volunteers.IgnoreQueryFilters([AppDbContext.ScopeFilter]).AsNoTracking()
                    .FirstOrDefaultAsync(v => v.Number == number, ct);
                if (volunteer is null)
                {
                    failures.Add(new Failure("VolunteerNumber", "VolunteerNumberUnknown"));
                }
            }
            if (c.Completed && !c.Attended)
            {
                failures.Add(new Failure("Completed", "CompletedNeedsAttended"));
            }
            var now = clock.GetUtcNow();
            if (c.Attended && session.StartsAt > now)
            {
                failures.Add(new Failure("Attended", "SessionNotStarted"));
            }
            if (failures.Count > 0)
            {
                return Result<Marked>.Fail(failures);
            }
            var minutes = c.Attended ? ScheduleSession.MinutesOf(session) : 0;
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    return await SaveAsync(session, volunteer!, c, minutes, now, ct);
                }
                catch (DbUpdateException) when (attempt == 0)
                {
                    // The same volunteer recorded twice at once: the unique (session, volunteer) index kept
                    // the first; this one now finds it and updates it.
                    db.ChangeTracker.Clear();
                }
            }
        }

        private async Task<Marked> SaveAsync(TrainingSession session, Volunteer volunteer, Command c, int minutes, DateTimeOffset now, CancellationToken ct)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var record = await db.TrainingRecords.FirstOrDefaultAsync(r => r.SessionId == session.Id && r.VolunteerId == volunteer.Id, ct);
            var change = minutes - (record?.Minutes ?? 0);
            if (record is null)
            {
                record = new TrainingRecord { SessionId = session.Id, CourseId = session.CourseId, VolunteerId = volunteer.Id, UnitId = session.UnitId };
                db.TrainingRecords.Add(record);
            }
            record.Attended = c.Attended;
            record.Completed = c.Completed;
            record.Minutes = minutes;
            record.RecordedAt = now;
            record.RecordedBy = db.Scope.UserName ?? "";
            await db.SaveChangesAsync(ct);
            if (change != 0)
            {
                await db.Volunteers.IgnoreQueryFilters().Where(v => v.Id == volunteer.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(v => v.TrainingMinutes, v => v.TrainingMinutes + change), ct);
            }
            await tx.CommitAsync(ct);
            return new Marked(record, volunteer.Number, change);
        }
    }
}
