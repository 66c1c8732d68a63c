using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.Volunteering;
using Qingyun.Security;

namespace Qingyun.Features.Training;

/// <summary>Defines a course (新建) or corrects one (修改): a name unique in its unit, a description, a duration in minutes.</summary>
public static class SaveCourse
{
    public const int MaxMinutes = 6000;
    public const int DescriptionMaxLength = 1000;

    /// <summary><paramref name="Id"/> null creates a course in <paramref name="UnitId"/>; otherwise the course keeps its unit.</summary>
    public sealed record Command(Guid? Id, Guid? UnitId, string? Name, string? Description, int? Minutes);

    public sealed class Handler(AppDbContext db, TimeProvider clock)
    {
        public async Task<Result<Course>> Handle(Command c, CancellationToken ct)
        {
            Course course;
            if (c.Id is { } id)
            {
                var owned = await db.OwnedAsync(db.Courses, x => x.Id == id, Permission.ServiceManage, ct);
                if (!owned.Ok)
                {
                    return owned;
                }
                course = owned.Value!;
            }
            else
            {
                var unit = await db.UnitForAsync(c.UnitId, Permission.ServiceManage, "UnitId", ct);
                if (!unit.Ok)
                {
                    return Result<Course>.Fail(unit.Failures);
                }
                if (unit.Value!.IsClosed)
                {
                    return new Failure("UnitId", "UnitClosed");
                }
                course = new Course { UnitId = unit.Value.Id, CreatedAt = clock.GetUtcNow() };
            }
            var failures = new List<Failure>();
            var name = TrainingText.Clean(c.Name, "Name", Course.NameMaxLength, true, failures, "CourseName");
            var description = TrainingText.Clean(c.Description, "Description", DescriptionMaxLength, false, failures, multiline: true);
            if (c.Minutes is not { } minutes)
            {
                failures.Add(Failure.Required("Minutes") with { Label = "CourseMinutes" });
            }
            else if (minutes is < 1 or > MaxMinutes)
            {
                failures.Add(new Failure("Minutes", "Range", 400, 1, MaxMinutes) { Label = "CourseMinutes" });
            }
            if (name is not null && failures.Count == 0
                && await db.Courses.IgnoreQueryFilters([AppDbContext.ScopeFilter]).AnyAsync(x => x.UnitId == course.UnitId && x.Name == name && x.Id != course.Id, ct))
            {
                failures.Add(new Failure("Name", "DuplicateCourseName", 409) { Label = "CourseName" });
            }
            if (failures.Count > 0)
            {
                return Result<Course>.Fail(failures);
            }
            course.Name = name!;
            course.Description = description;
            course.Minutes = c.Minutes!.Value;
            if (c.Id is null)
            {
                db.Courses.Add(course);
            }
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Two organizers naming a course at once: the unique index keeps one.
                db.ChangeTracker.Clear();
                return new Failure("Name", "DuplicateCourseName", 409) { Label = "CourseName" };
            }
            return course;
        }
    }
}
