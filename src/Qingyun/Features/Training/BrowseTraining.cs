using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.Volunteering;
using Qingyun.Features.Volunteering;
using Qingyun.Security;

namespace Qingyun.Features.Training;

public sealed record CourseRow(Guid Id, Guid UnitId, string UnitName, string Name, string? Description, int Minutes, int Sessions, int Completions);

public sealed record SessionRow(Guid Id, Guid CourseId, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Place, string? Teacher, int Attended, int Completed)
{
    public int Minutes => (int)Math.Round((EndsAt - StartsAt).TotalMinutes);
}

public sealed record CourseDetails(CourseRow Course, IReadOnlyList<SessionRow> Sessions, bool CanManage);

public sealed record AttendeeRow(Guid RecordId, Guid VolunteerId, string Name, string VolunteerNumber, bool Attended, bool Completed, int Minutes, DateTimeOffset RecordedAt, string RecordedBy);

public sealed record SessionDetails(SessionRow Session, CourseRow Course, IReadOnlyList<AttendeeRow> Attendees, bool CanManage);

/// <summary>Courses, sessions and attendance of the units in the caller's scope (ServiceRead).</summary>
public sealed class BrowseTraining(AppDbContext db)
{
    internal static readonly string[] ScopeOnly = [AppDbContext.ScopeFilter];

    public const int PageSize = 200;

    /// <summary>
    /// Course rows with their counts. The unit names are read in a second query: lifting the scope filter
    /// to join them would lift it for the whole query (EF Core applies IgnoreQueryFilters query-wide).
    /// </summary>
    private async Task<List<CourseRow>> CoursesOf(IQueryable<Course> courses, CancellationToken ct)
    {
        var rows = await courses.Select(c => new
        {
            c.Id, c.UnitId, c.Name, c.Description, c.Minutes,
            Sessions = db.TrainingSessions.Count(s => s.CourseId == c.Id),
            Completions = db.TrainingRecords.Where(r => r.CourseId == c.Id && r.Completed).Select(r => r.VolunteerId).Distinct().Count(),
        }).ToListAsync(ct);
        var unitIds = rows.Select(r => r.UnitId).Distinct().ToList();
        var names = await db.OrgUnits.IgnoreQueryFilters(ScopeOnly).Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        return rows.Select(r => new CourseRow(r.Id, r.UnitId, names.GetValueOrDefault(r.UnitId, ""), r.Name, r.Description, r.Minutes, r.Sessions, r.Completions)).ToList();
    }

    /// <summary>Courses in scope, or in the subtree of <paramref name="unitId"/>, by name.</summary>
    public async Task<Result<IReadOnlyList<CourseRow>>> CoursesAsync(Guid? unitId, string? name, CancellationToken ct)
    {
        var q = db.Courses.AsQueryable();
        if (unitId is not null)
        {
            var unit = await db.UnitForAsync(unitId, Permission.ServiceRead, "UnitId", ct);
            if (!unit.Ok)
            {
                return Result<IReadOnlyList<CourseRow>>.Fail(unit.Failures);
            }
            var lo = unit.Value!.Path;
            var hi = ScopeRanges.UpperBound(lo);
            q = q.Where(c => db.OrgUnits.Any(u => u.Id == c.UnitId && string.Compare(u.Path, lo) >= 0 && string.Compare(u.Path, hi) < 0));
        }
        if (!string.IsNullOrWhiteSpace(name))
        {
            var n = name.Trim();
            q = q.Where(c => c.Name.Contains(n));
        }
        var rows = await CoursesOf(q.OrderBy(c => c.Name).ThenBy(c => c.Id).Take(PageSize), ct);
        return rows.OrderBy(r => r.Name, StringComparer.Ordinal).ToList();
    }

    public async Task<Result<CourseDetails>> CourseAsync(Guid id, CancellationToken ct)
    {
        var course = (await CoursesOf(db.Courses.Where(c => c.Id == id), ct)).FirstOrDefault();
        if (course is null)
        {
            return Failure.NotFound("Id");
        }
        var sessions = await Sessions(db.TrainingSessions.Where(s => s.CourseId == id).OrderByDescending(s => s.StartsAt)).ToListAsync(ct);
        return new CourseDetails(course, sessions, await CanManageAsync(course.UnitId, ct));
    }

    public async Task<Result<SessionDetails>> SessionAsync(Guid id, CancellationToken ct)
    {
        var session = await Sessions(db.TrainingSessions.Where(s => s.Id == id)).FirstOrDefaultAsync(ct);
        if (session is null)
        {
            return Failure.NotFound("Id");
        }
        var course = (await CoursesOf(db.Courses.Where(c => c.Id == session.CourseId), ct)).First();
        var records = await db.TrainingRecords.AsNoTracking().Where(r => r.SessionId == id).ToListAsync(ct);
        var cards = await VolunteerDirectory.CardsAsync(db, records.Select(r => r.VolunteerId), ct);
        var attendees = records.Select(r =>
            {
                var card = cards.GetValueOrDefault(r.VolunteerId);
                return new AttendeeRow(r.Id, r.VolunteerId, card?.Name ?? "", card?.Number ?? "", r.Attended, r.Completed, r.Minutes, r.RecordedAt, r.RecordedBy);
            })
            .OrderBy(a => a.VolunteerNumber, StringComparer.Ordinal).ToList();
        return new SessionDetails(session, course, attendees, await CanManageAsync(course.UnitId, ct));
    }

    private IQueryable<SessionRow> Sessions(IQueryable<TrainingSession> sessions) =>
        sessions.Select(s => new SessionRow(s.Id, s.CourseId, s.StartsAt, s.EndsAt, s.Place, s.Teacher,
            db.TrainingRecords.Count(r => r.SessionId == s.Id && r.Attended),
            db.TrainingRecords.Count(r => r.SessionId == s.Id && r.Completed)));

    private async Task<bool> CanManageAsync(Guid unitId, CancellationToken ct)
    {
        var path = await db.OrgUnits.IgnoreQueryFilters(ScopeOnly).Where(u => u.Id == unitId).Select(u => u.Path).FirstOrDefaultAsync(ct);
        return path is not null && db.Scope.Covers(path, Permission.ServiceManage);
    }
}

/// <summary>The signed-in volunteer's own training: every session they were recorded at, newest first.</summary>
public sealed class OwnTraining(AppDbContext db)
{
    public sealed record Item(Guid RecordId, Guid CourseId, string CourseName, string UnitName, DateTimeOffset StartsAt, string Place, int Minutes, bool Attended, bool Completed);

    public sealed record Summary(long TotalMinutes, IReadOnlyList<Item> Items);

    /// <summary>Null when the account has no volunteer registration.</summary>
    public async Task<Summary?> MineAsync(CancellationToken ct)
    {
        var volunteer = await VolunteerDirectory.OwnAsync(db, ct);
        return volunteer is null ? null : await ForAsync(volunteer.Id, volunteer.TrainingMinutes, ct);
    }

    /// <summary>One volunteer's records read past the scope filter: call it only for the volunteer's own page.</summary>
    public async Task<Summary> ForAsync(Guid volunteerId, long totalMinutes, CancellationToken ct)
    {
        var items = await (from r in db.TrainingRecords.IgnoreQueryFilters(BrowseTraining.ScopeOnly)
                           join s in db.TrainingSessions.IgnoreQueryFilters(BrowseTraining.ScopeOnly) on r.SessionId equals s.Id
                           join c in db.Courses.IgnoreQueryFilters(BrowseTraining.ScopeOnly) on r.CourseId equals c.Id
                           join u in db.OrgUnits.IgnoreQueryFilters(BrowseTraining.ScopeOnly) on r.UnitId equals u.Id
                           where r.VolunteerId == volunteerId
                           orderby s.StartsAt descending
                           select new Item(r.Id, c.Id, c.Name, u.Name, s.StartsAt, s.Place, r.Minutes, r.Attended, r.Completed)).ToListAsync(ct);
        return new Summary(totalMinutes, items);
    }
}
