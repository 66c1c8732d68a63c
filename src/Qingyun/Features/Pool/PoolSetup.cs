using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.Activities;
using Qingyun.Domain.Hubs;
using Qingyun.Features.Series;
using Qingyun.Features.Themes;
using Qingyun.Infrastructure;
using static Qingyun.Infrastructure.Problems;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Pool;

/// <summary>Issue 5 items 3, 4 and 6: quarterly themes, the teacher and topic pool (三优) and scheduled teaching (送教).</summary>
public static class PoolSetup
{
    public static IServiceCollection AddPool(this IServiceCollection services)
    {
        services.AddScoped<PoolDesk>();
        services.AddScoped<ThemeDesk>();
        services.AddScoped<SeriesDesk>();
        return services;
    }

    public sealed record TeacherBody(Guid? UnitId, string? Name, TeacherSource Source, string? Institution, string? Expertise, string? Phone, bool ClearPhone)
    {
        public PoolDesk.TeacherCommand ToCommand(Guid? unitId = null) => new(unitId ?? UnitId, Name, Source, Institution, Expertise, Phone, ClearPhone);
    }

    public sealed record TopicBody(Guid? UnitId, string? Title, string? Description, int? DurationMinutes, Guid? CategoryId, Guid? TeacherId)
    {
        public PoolDesk.TopicCommand ToCommand(Guid? unitId = null) => new(unitId ?? UnitId, Title, Description, DurationMinutes, CategoryId, TeacherId);
    }

    public sealed record ThemeBody(Guid? UnitId, int? Year, int? Quarter, string? Title, string? Description, int? PlannedActivities, int? PlannedPersonTimes)
    {
        public ThemeDesk.Command ToCommand(Guid? unitId = null) => new(unitId ?? UnitId, Year, Quarter, Title, Description, PlannedActivities, PlannedPersonTimes);
    }

    public sealed record SeriesBody(
        Guid? UnitId, string? Title, Frequency Frequency, DayOfWeek? Weekday, int? DayOfMonth, DateOnly? From, DateOnly? To,
        string? StartTime, int? DurationMinutes, string? Place, Guid? CategoryId, Guid? TeacherId, Guid? TopicId, int? Capacity, bool SkipHolidays = true);

    public static object TeacherView(Teacher t, Guid? forUnit = null) => new
    {
        t.Id, t.UnitId, t.Name, t.Source, t.Institution, t.Expertise, phone = t.PhoneMasked, archived = t.ArchivedAt is not null,
        inherited = forUnit is { } u && u != t.UnitId,
    };

    public static object TopicView(Topic t, Guid? forUnit = null) => new
    {
        t.Id, t.UnitId, t.Title, t.Description, t.DurationMinutes, t.CategoryId, t.TeacherId, archived = t.ArchivedAt is not null,
        inherited = forUnit is { } u && u != t.UnitId,
    };

    public static object ThemeView(QuarterTheme t) => new
    {
        t.Id, t.UnitId, t.Year, t.Quarter, t.Title, t.Description, t.PlannedActivities, t.PlannedPersonTimes,
    };

    private static object FiguresView(Figures f, QuarterTheme t) => new
    {
        activities = f.Activities, personTimes = f.PersonTimes, distinctPersons = f.DistinctPersons,
        activitiesPercent = ThemeDesk.Report.Percent(f.Activities, t.PlannedActivities),
        personTimesPercent = ThemeDesk.Report.Percent(f.PersonTimes, t.PlannedPersonTimes),
        byCategory = f.ByCategory.Select(c => new { c.CategoryId, c.Activities, c.PersonTimes, c.DistinctPersons }),
    };

    public static object SeriesView(ActivitySeries s) => new
    {
        s.Id, s.UnitId, s.Title, s.Frequency, s.Weekday, s.DayOfMonth, s.From, s.To,
        startTime = s.StartTime.ToString("HH:mm", CultureInfo.InvariantCulture), s.DurationMinutes, s.Place, s.CategoryId, s.TeacherId, s.TopicId,
        s.Capacity, s.SkipHolidays,
    };

    private static object PlanView(SeriesPlan p) => new
    {
        dates = p.Dates,
        skipped = p.Skipped.Select(s => new { s.Date, s.Reason, s.Holiday }),
    };

    private static object ActivityView(Activity a) => new { a.Id, a.Title, a.StartsAt, a.EndsAt, a.State, a.Place, a.SeriesId, a.Capacity, a.Registered };

    private static IResult Created<T>(Result<T> r, IStringLocalizer<SharedResource> t, Func<T, string> at, Func<T, object> body) =>
        r.Ok ? Results.Created(at(r.Value!), body(r.Value!)) : r.Failures.ToProblem(t);

    /// <summary>"HH:mm" (or "H:mm"); null when absent or unreadable, which the rule reports as required.</summary>
    public static TimeOnly? ParseTime(string? text) =>
        TimeOnly.TryParseExact(text?.Trim(), ["HH:mm", "H:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : null;

    public static SeriesDesk.Command ToCommand(SeriesBody b) =>
        new(b.UnitId, b.Title, b.Frequency, b.Weekday, b.DayOfMonth, b.From, b.To, ParseTime(b.StartTime), b.DurationMinutes, b.Place, b.CategoryId, b.TeacherId, b.TopicId, b.Capacity, b.SkipHolidays);

    public static WebApplication MapPoolApi(this WebApplication app)
    {
        MapTeachers(app);
        MapTopics(app);
        MapThemes(app);
        MapSeries(app);
        return app;
    }

    private static void MapTeachers(WebApplication app)
    {
        var g = app.MapGroup("/api/v1/teachers").WithTags("Hubs");
        g.MapGet("/", async (Guid? unitId, bool? archived, AppDbContext db, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            if (unitId is not null)
            {
                var unit = await db.UnitForAsync(unitId, Permission.ServiceRead, "UnitId", ct);
                if (!unit.Ok)
                {
                    return unit.Failures.ToProblem(t);
                }
                var pool = await PoolChoices.ForUnitAsync(db, unit.Value!.Id, ct);
                return Results.Ok(new { items = pool.Teachers.Select(x => TeacherView(x, pool.UnitId)) });
            }
            var rows = await db.Teachers.AsNoTracking().Where(x => archived == true || x.ArchivedAt == null).OrderBy(x => x.Name).ThenBy(x => x.Id).Take(500).ToListAsync(ct);
            return Results.Ok(new { items = rows.Select(x => TeacherView(x)) });
        }).RequirePermission(Permission.ServiceRead).WithName("ListTeachers")
          .WithSummary("Teachers in the pool (三优). With `unitId`: what that unit may choose from — its own and its ancestors' teachers, not archived. Without: the teachers of units in scope. Phones are masked.");

        g.MapGet("/{id:guid}", async (Guid id, AppDbContext db, CancellationToken ct) =>
            await db.Teachers.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) is { } x ? Results.Ok(TeacherView(x)) : Results.NotFound())
          .RequirePermission(Permission.ServiceRead).WithName("GetTeacher").WithSummary("One teacher of the pool, phone masked.");

        g.MapPost("/", async (TeacherBody b, PoolDesk desk, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Created(await desk.CreateTeacherAsync(b.ToCommand(), ct), t, x => $"/api/v1/teachers/{x.Id}", x => TeacherView(x)))
          .RequirePermission(Permission.ServiceManage).WithName("CreateTeacher")
          .WithSummary("Adds a teacher to a unit's pool: name, source, institution (required for institution teachers), expertise, phone (kept encrypted, shown masked).");

        g.MapPut("/{id:guid}", async (Guid id, TeacherBody b, PoolDesk desk, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await desk.EditTeacherAsync(id, b.ToCommand(), ct), t, x => TeacherView(x)))
          .RequirePermission(Permission.ServiceManage).WithName("EditTeacher")
          .WithSummary("Edits a teacher; a blank phone keeps the one on file, `clearPhone` removes it. The unit does not change.");

        g.MapPost("/{id:guid}/archive", async (Guid id, PoolDesk desk, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await desk.ArchiveTeacherAsync(id, ct), t, x => TeacherView(x)))
          .RequirePermission(Permission.ServiceManage).WithName("ArchiveTeacher")
          .WithSummary("Archives a teacher: no longer offered for new activities; existing activities keep it.");
    }

    private static void MapTopics(WebApplication app)
    {
        var g = app.MapGroup("/api/v1/topics").WithTags("Hubs");
        g.MapGet("/", async (Guid? unitId, bool? archived, AppDbContext db, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            if (unitId is not null)
            {
                var unit = await db.UnitForAsync(unitId, Permission.ServiceRead, "UnitId", ct);
                if (!unit.Ok)
                {
                    return unit.Failures.ToProblem(t);
                }
                var pool = await PoolChoices.ForUnitAsync(db, unit.Value!.Id, ct);
                return Results.Ok(new { items = pool.Topics.Select(x => TopicView(x, pool.UnitId)) });
            }
            var rows = await db.Topics.AsNoTracking().Where(x => archived == true || x.ArchivedAt == null).OrderBy(x => x.Title).ThenBy(x => x.Id).Take(500).ToListAsync(ct);
            return Results.Ok(new { items = rows.Select(x => TopicView(x)) });
        }).RequirePermission(Permission.ServiceRead).WithName("ListTopics")
          .WithSummary("Topics in the pool. With `unitId`: that unit's and its ancestors' topics, not archived. Without: the topics of units in scope.");

        g.MapGet("/{id:guid}", async (Guid id, AppDbContext db, CancellationToken ct) =>
            await db.Topics.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) is { } x ? Results.Ok(TopicView(x)) : Results.NotFound())
          .RequirePermission(Permission.ServiceRead).WithName("GetTopic").WithSummary("One topic of the pool.");

        g.MapPost("/", async (TopicBody b, PoolDesk desk, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Created(await desk.CreateTopicAsync(b.ToCommand(), ct), t, x => $"/api/v1/topics/{x.Id}", x => TopicView(x)))
          .RequirePermission(Permission.ServiceManage).WithName("CreateTopic")
          .WithSummary("Adds a topic to a unit's pool: title, description, duration in minutes, category, teacher (from the unit's or an ancestor's pool).");

        g.MapPut("/{id:guid}", async (Guid id, TopicBody b, PoolDesk desk, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await desk.EditTopicAsync(id, b.ToCommand(), ct), t, x => TopicView(x)))
          .RequirePermission(Permission.ServiceManage).WithName("EditTopic").WithSummary("Edits a topic; the unit does not change.");

        g.MapPost("/{id:guid}/archive", async (Guid id, PoolDesk desk, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await desk.ArchiveTopicAsync(id, ct), t, x => TopicView(x)))
          .RequirePermission(Permission.ServiceManage).WithName("ArchiveTopic").WithSummary("Archives a topic.");
    }

    private static void MapThemes(WebApplication app)
    {
        var g = app.MapGroup("/api/v1/quarter-themes").WithTags("Hubs");
        g.MapGet("/", async (int? year, AppDbContext db, CancellationToken ct) =>
        {
            var rows = await db.QuarterThemes.AsNoTracking().Where(x => year == null || x.Year == year)
                .OrderByDescending(x => x.Year).ThenByDescending(x => x.Quarter).ThenBy(x => x.Id).Take(500).ToListAsync(ct);
            return Results.Ok(new { items = rows.Select(ThemeView) });
        }).RequirePermission(Permission.ServiceRead).WithName("ListQuarterThemes").WithSummary("Quarterly themes of units in scope, newest quarter first; `year` narrows.");

        g.MapGet("/{id:guid}", async (Guid id, ThemeDesk desk, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await desk.ReportAsync(id, ct), t, r => new
            {
                theme = ThemeView(r.Theme), r.From, r.To, all = FiguresView(r.All, r.Theme), tagged = FiguresView(r.Tagged, r.Theme),
            }))
          .RequirePermission(Permission.ServiceRead).WithName("GetQuarterTheme")
          .WithSummary("A theme with plan against actual: youth activities held in the quarter (Asia/Shanghai) by the unit and units below, all and those tagged with the theme; person-times = participations + headcounts, distinct persons, percentages of plan, by category.");

        g.MapPost("/", async (ThemeBody b, ThemeDesk desk, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Created(await desk.CreateAsync(b.ToCommand(), ct), t, x => $"/api/v1/quarter-themes/{x.Id}", ThemeView))
          .RequirePermission(Permission.ServiceManage).WithName("CreateQuarterTheme")
          .WithSummary("Sets a unit's theme for a quarter (year, quarter 1–4, title, plan). One per unit and quarter: a second is refused with 409.");

        g.MapPut("/{id:guid}", async (Guid id, ThemeBody b, ThemeDesk desk, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await desk.EditAsync(id, b.ToCommand(), ct), t, ThemeView))
          .RequirePermission(Permission.ServiceManage).WithName("EditQuarterTheme").WithSummary("Edits a theme and its plan.");
    }

    private static void MapSeries(WebApplication app)
    {
        var g = app.MapGroup("/api/v1/activity-series").WithTags("Hubs");
        g.MapGet("/", async (AppDbContext db, CancellationToken ct) =>
        {
            var rows = await db.ActivitySeries.AsNoTracking().OrderByDescending(x => x.From).ThenBy(x => x.Id).Take(500).ToListAsync(ct);
            return Results.Ok(new { items = rows.Select(SeriesView) });
        }).RequirePermission(Permission.ServiceRead).WithName("ListActivitySeries").WithSummary("Scheduled-teaching series (送教) of units in scope.");

        g.MapGet("/{id:guid}", async (Guid id, AppDbContext db, CancellationToken ct) =>
        {
            var s = await db.ActivitySeries.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
            if (s is null)
            {
                return Results.NotFound();
            }
            var activities = await db.Activities.AsNoTracking().Where(a => a.SeriesId == id).OrderBy(a => a.StartsAt).ToListAsync(ct);
            return Results.Ok(new { series = SeriesView(s), activities = activities.Select(ActivityView) });
        }).RequirePermission(Permission.ServiceRead).WithName("GetActivitySeries").WithSummary("A series with the activities it generated.");

        g.MapPost("/", async (SeriesBody b, SeriesDesk desk, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Created(await desk.CreateAsync(ToCommand(b), ct), t, x => $"/api/v1/activity-series/{x.Id}", SeriesView))
          .RequirePermission(Permission.ServiceManage).WithName("CreateActivitySeries")
          .WithSummary("Saves a series: weekly on a weekday or monthly on a day (1–31), season From..To (at most 366 days), start time \"HH:mm\" China time, duration, place, category, teacher/topic from the pool, capacity, skip public holidays. Nothing is generated yet.");

        g.MapGet("/{id:guid}/preview", async (Guid id, SeriesDesk desk, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await desk.PreviewAsync(id, ct), t, p => new { series = SeriesView(p.Series), plan = PlanView(p.Plan) }))
          .RequirePermission(Permission.ServiceRead).WithName("PreviewActivitySeries")
          .WithSummary("The dates generating would create now, and the dates left out with why (NoSuchDay: the month has no such day, given as its first day; Holiday; Past; Generated).");

        g.MapPost("/{id:guid}/generate", async (Guid id, SeriesDesk desk, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await desk.GenerateAsync(id, ct), t, r => new { series = SeriesView(r.Series), created = r.Activities.Select(ActivityView), plan = PlanView(r.Plan) }))
          .RequirePermission(Permission.ServiceManage).WithName("GenerateActivitySeries")
          .WithSummary("Creates the previewed dates as published youth activities, in one transaction. Only dates without an activity of the series are created; when none is missing, 409.");
    }
}
