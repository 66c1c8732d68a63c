using Microsoft.Extensions.Localization;
using Qingyun.Domain.Access;
using Qingyun.Domain.Volunteering;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Training;

/// <summary>志愿服务培训: courses, their sessions, attendance and completion. Training minutes are kept apart from service minutes.</summary>
public static class TrainingSetup
{
    public static IServiceCollection AddTraining(this IServiceCollection services)
    {
        services.AddScoped<BrowseTraining>();
        services.AddScoped<OwnTraining>();
        services.AddScoped<SaveCourse.Handler>();
        services.AddScoped<ScheduleSession.Handler>();
        services.AddScoped<MarkAttendance.Handler>();
        return services;
    }

    public sealed record CourseBody(Guid? UnitId, string? Name, string? Description, int? Minutes);

    public sealed record SessionBody(DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, string? Place, string? Teacher);

    public sealed record RecordBody(string? VolunteerNumber, bool Attended, bool Completed);

    private static object Show(Course c) => new { c.Id, c.UnitId, c.Name, c.Description, c.Minutes, c.CreatedAt };

    private static object Show(TrainingSession s) => new { s.Id, s.CourseId, s.UnitId, s.StartsAt, s.EndsAt, s.Place, s.Teacher, Minutes = ScheduleSession.MinutesOf(s) };

    public static WebApplication MapTrainingApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1/training").WithTags("Training");

        api.MapGet("/courses", async (Guid? unitId, string? name, BrowseTraining browse, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await browse.CoursesAsync(unitId, name, ct);
            return r.Ok ? Results.Ok(r.Value) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.ServiceRead).WithName("ListTrainingCourses")
          .WithSummary($"Courses of the units in scope (or in the `unitId` subtree), by name, at most {BrowseTraining.PageSize}; with the number of sessions and of volunteers who completed.");

        api.MapPost("/courses", async (CourseBody b, SaveCourse.Handler handler, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await handler.Handle(new SaveCourse.Command(null, b.UnitId, b.Name, b.Description, b.Minutes), ct);
            return r.Ok ? Results.Created($"/api/v1/training/courses/{r.Value!.Id}", Show(r.Value)) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.ServiceManage).WithName("CreateTrainingCourse")
          .WithSummary("Defines a course in a unit: a name unique in the unit, a description, a duration in minutes (1–6000).");

        api.MapGet("/courses/{id:guid}", async (Guid id, BrowseTraining browse, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await browse.CourseAsync(id, ct);
            return r.Ok ? Results.Ok(new { course = r.Value!.Course, sessions = r.Value.Sessions }) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.ServiceRead).WithName("GetTrainingCourse")
          .WithSummary("A course with its sessions (newest first), each with how many attended and completed; `completions` counts distinct volunteers.");

        api.MapPut("/courses/{id:guid}", async (Guid id, CourseBody b, SaveCourse.Handler handler, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await handler.Handle(new SaveCourse.Command(id, null, b.Name, b.Description, b.Minutes), ct);
            return r.Ok ? Results.Ok(Show(r.Value!)) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.ServiceManage).WithName("UpdateTrainingCourse")
          .WithSummary("Corrects a course's name, description and duration; its unit stays.");

        api.MapPost("/courses/{id:guid}/sessions", async (Guid id, SessionBody b, ScheduleSession.Handler handler, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await handler.Handle(new ScheduleSession.Command(id, b.StartsAt, b.EndsAt, b.Place, b.Teacher), ct);
            return r.Ok ? Results.Created($"/api/v1/training/sessions/{r.Value!.Id}", Show(r.Value)) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.ServiceManage).WithName("ScheduleTrainingSession")
          .WithSummary("Schedules a session of the course: `startsAt`, `endsAt` (after the start, at most 24 h later), `place`, `teacher`.");

        api.MapGet("/sessions/{id:guid}", async (Guid id, BrowseTraining browse, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await browse.SessionAsync(id, ct);
            return r.Ok
                ? Results.Ok(new
                {
                    session = r.Value!.Session, course = r.Value.Course,
                    records = r.Value.Attendees.Select(a => new { a.RecordId, a.VolunteerNumber, a.Name, a.Attended, a.Completed, a.Minutes, a.RecordedAt, a.RecordedBy }),
                })
                : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.ServiceRead).WithName("GetTrainingSession")
          .WithSummary("A session with its attendance: each volunteer's number, name, attended, completed and credited minutes.");

        api.MapPut("/sessions/{id:guid}/records", async (Guid id, RecordBody b, MarkAttendance.Handler handler, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await handler.Handle(new MarkAttendance.Command(id, b.VolunteerNumber, b.Attended, b.Completed), ct);
            if (!r.Ok)
            {
                return r.Failures.ToProblem(t);
            }
            var x = r.Value!.Record;
            return Results.Ok(new { x.Id, x.SessionId, x.CourseId, volunteerNumber = r.Value.VolunteerNumber, x.Attended, x.Completed, x.Minutes, minutesChange = r.Value.MinutesChange });
        }).RequirePermission(Permission.ServiceManage).WithName("RecordTrainingAttendance")
          .WithSummary("Records (or corrects: one record per session and volunteer) a volunteer's attendance by `volunteerNumber`: `attended`, `completed` (needs attended). Credits the session's length when attended to the volunteer's training minutes, apart from service hours.");

        api.MapGet("/mine", async (OwnTraining own, CancellationToken ct) =>
        {
            var mine = await own.MineAsync(ct);
            return Results.Ok(new { totalMinutes = mine?.TotalMinutes ?? 0, items = mine?.Items ?? [] });
        }).RequireAuthorization().WithName("ListMyTraining")
          .WithSummary("The signed-in volunteer's own training records (course, date, minutes, completed) and training total; empty without a volunteer registration.");

        return app;
    }
}
