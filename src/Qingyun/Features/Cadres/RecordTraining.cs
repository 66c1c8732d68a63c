using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.Cadres;
using Qingyun.Infrastructure;
using Qingyun.Security;

namespace Qingyun.Features.Cadres;

/// <summary>
/// Records a training a cadre attended (团干部培训). It is kept by a unit the person serves or served in,
/// so whoever manages that unit sees and corrects it; by default the unit of their latest open term.
/// </summary>
public static class RecordTraining
{
    public sealed record Command(Guid PersonId, Guid? UnitId, string? Course, string? Organizer, DateOnly? AttendedOn, decimal? Hours);

    public sealed class Handler(AppDbContext db, TimeProvider clock)
    {
        public async Task<Result<CadreTraining>> Handle(Command c, CancellationToken ct)
        {
            var terms = await db.CadreTerms.Where(t => t.PersonId == c.PersonId)
                .Select(t => new { t.UnitId, t.EndedOn, t.StartedOn }).ToListAsync(ct);
            if (terms.Count == 0)
            {
                return Failure.NotFound("PersonId");
            }
            var unitId = c.UnitId;
            if (unitId is null)
            {
                var candidates = terms.OrderBy(t => t.EndedOn is null ? 0 : 1).ThenByDescending(t => t.StartedOn).Select(t => t.UnitId).Distinct().ToList();
                var paths = await db.OrgUnits.Where(u => candidates.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Path, ct);
                unitId = candidates.FirstOrDefault(id => paths.TryGetValue(id, out var p) && db.Scope.Covers(p, Permission.PeopleManage));
                if (unitId == Guid.Empty)
                {
                    return Failure.Forbidden("UnitId");
                }
            }
            var unit = await db.UnitForAsync(unitId, Permission.PeopleManage, "UnitId", ct);
            if (!unit.Ok)
            {
                return Result<CadreTraining>.Fail(unit.Failures);
            }
            var failures = new List<Failure>();
            if (terms.All(t => t.UnitId != unit.Value!.Id))
            {
                failures.Add(new Failure("UnitId", "NotCadreOfUnit"));
            }
            var course = Text(c.Course, "Course", CadreTraining.CourseMaxLength, failures);
            var organizer = Text(c.Organizer, "Organizer", CadreTraining.OrganizerMaxLength, failures);
            var now = clock.GetUtcNow();
            if (c.AttendedOn is not { } on)
            {
                failures.Add(Failure.Required("AttendedOn"));
            }
            else if (on > now.ChinaDate())
            {
                failures.Add(new Failure("AttendedOn", "DateInFuture"));
            }
            else if (on.Year < 1950)
            {
                failures.Add(new Failure("AttendedOn", "DateTooEarly", 400, 1950));
            }
            if (c.Hours is not { } hours)
            {
                failures.Add(Failure.Required("Hours"));
            }
            else if (hours is < 0.5m or > CadreTraining.MaxHours || decimal.Round(hours, 1) != hours)
            {
                failures.Add(new Failure("Hours", "HoursRange", 400, 0.5m, CadreTraining.MaxHours));
            }
            if (failures.Count > 0)
            {
                return Result<CadreTraining>.Fail(failures);
            }
            var training = new CadreTraining
            {
                PersonId = c.PersonId, UnitId = unit.Value!.Id, Course = course!, Organizer = organizer!, AttendedOn = c.AttendedOn!.Value,
                Hours = c.Hours!.Value, ByUserName = db.Scope.UserName, CreatedAt = now,
            };
            db.CadreTrainings.Add(training);
            await db.SaveChangesAsync(ct);
            return training;
        }

        private static string? Text(string? value, string field, int max, List<Failure> failures)
        {
            var v = value?.Trim() ?? "";
            if (v.Length == 0)
            {
                failures.Add(Failure.Required(field));
            }
            else if (v.Length > max)
            {
                failures.Add(Failure.TooLong(field, max));
            }
            else if (v.Any(char.IsControl))
            {
                failures.Add(new Failure(field, "ControlCharacters"));
            }
            return v;
        }
    }
}
