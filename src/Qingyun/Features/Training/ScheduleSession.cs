using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.Activities;
using Qingyun.Domain.People;
using Qingyun.Domain.Volunteering;
using Qingyun.Security;

namespace Qingyun.Features.Training;

/// <summary>Schedules a session of a course (培训场次): a start, an end after it, a place and a teacher.</summary>
public static class ScheduleSession
{
    public const int MaxHours = 24;

    public sealed record Command(Guid CourseId, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, string? Place, string? Teacher);

    public sealed class Handler(AppDbContext db)
    {
        public async Task<Result<TrainingSession>> Handle(Command c, CancellationToken ct)
        {
            var course = await db.OwnedAsync(db.Courses, x => x.Id == c.CourseId, Permission.ServiceManage, ct);
            if (!course.Ok)
            {
                return Result<TrainingSession>.Fail(course.Failures);
            }
            var failures = new List<Failure>();
            if (c.StartsAt is null)
            {
                failures.Add(Failure.Required("StartsAt"));
            }
            if (c.EndsAt is null)
            {
                failures.Add(Failure.Required("EndsAt"));
            }
            else if (c.StartsAt is { } start && c.EndsAt <= start)
            {
                failures.Add(new Failure("EndsAt", "EndsNotAfterStart"));
            }
            else if (c.StartsAt is { } s && c.EndsAt - s > TimeSpan.FromHours(MaxHours))
            {
                failures.Add(new Failure("EndsAt", "SessionTooLong", 400, MaxHours));
            }
            var place = TrainingText.Clean(c.Place, "Place", Activity.PlaceMaxLength, true, failures);
            var teacher = TrainingText.Clean(c.Teacher, "Teacher", Person.NameMaxLength, false, failures);
            if (failures.Count > 0)
            {
                return Result<TrainingSession>.Fail(failures);
            }
            var session = new TrainingSession
            {
                CourseId = course.Value!.Id, UnitId = course.Value.UnitId, StartsAt = c.StartsAt!.Value.ToUniversalTime(),
                EndsAt = c.EndsAt!.Value.ToUniversalTime(), Place = place!, Teacher = teacher,
            };
            db.TrainingSessions.Add(session);
            await db.SaveChangesAsync(ct);
            return session;
        }
    }

    /// <summary>The credited length of a session, in whole minutes.</summary>
    public static int MinutesOf(TrainingSession s) => (int)Math.Round((s.EndsAt - s.StartsAt).TotalMinutes);
}
