using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.Activities;
using Qingyun.Infrastructure;
using static Qingyun.Infrastructure.Problems;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Activities;

/// <summary>Youth activities: publishing, the calendar, registration from a phone, attendance, the report.</summary>
public static class ActivitiesSetup
{
    public static IServiceCollection AddActivities(this IServiceCollection services) => services.AddScoped<YouthActivityDesk>();

    public sealed record CreateBody(Guid? UnitId, bool Publish, string? Title, string? Place, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt,
        Guid? CategoryId, string? Description, int? Capacity, Audience Audience = Audience.AllYouth, int? MinAge = null, int? MaxAge = null,
        PriceBand PriceBand = PriceBand.Free, decimal? Price = null, AttendanceMode AttendanceMode = AttendanceMode.CheckIn,
        Guid? ThemeId = null, Guid? TeacherId = null, Guid? TopicId = null, string? ContactName = null, string? ContactPhone = null)
    {
        public YouthActivityDraft ToDraft() => new(Title, Place, StartsAt, EndsAt, CategoryId, Description, Capacity, Audience, MinAge, MaxAge,
            PriceBand, Price, AttendanceMode, ThemeId, TeacherId, TopicId, ContactName, ContactPhone);
    }

    public sealed record ReasonBody(string? Reason);

    public sealed record MarkBody(Guid? PersonId, bool Present = true);

    public sealed record HeadcountBody(int? Headcount);

    public sealed record ReportBody(string? Report);

    public sealed record TokenBody(string? Token);

    public sealed record RegisterBody(Guid? ActivityId);

    public static object View(Activity a) => new
    {
        a.Id, a.UnitId, a.Kind, a.Title, a.Place, a.Description, a.StartsAt, a.EndsAt, a.State, a.CategoryId, a.Capacity, a.Registered,
        a.Audience, a.MinAge, a.MaxAge, a.PriceBand, a.Price, a.AttendanceMode, a.Headcount, a.ThemeId, a.TeacherId, a.TopicId,
        a.MenuItemId, a.SeriesId, a.Report, a.ReportedAt,
    };

    public static WebApplication MapActivitiesApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1/youth-activities").WithTags("Youth activities");
        api.MapGet("", async (Guid? unitId, int? year, int? month, Guid? categoryId, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
        {
            var today = clock.ChinaToday();
            var (y, m) = (year ?? today.Year, month ?? today.Month);
            if (m is < 1 or > 12 || y is < 2000 or > 2100)
            {
                return Results.Problem(statusCode: 400, title: "month");
            }
            string? path = null;
            if (unitId is { } id)
            {
                path = await db.OrgUnits.Where(u => u.Id == id).Select(u => u.Path).FirstOrDefaultAsync(ct);
                if (path is null)
                {
                    return Results.NotFound();
                }
            }
            return Results.Ok(await ActivityCalendar.MonthAsync(db, path, y, m, categoryId, ct));
        }).RequirePermission(Permission.ServiceRead).WithName("ActivityCalendar")
          .WithSummary("A month of activities (every kind) in the caller's scope, optionally one unit's subtree and one category, each with its person-times.");

        api.MapPost("", async (CreateBody body, YouthActivityDesk desk, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await desk.CreateAsync(body.UnitId, body.ToDraft(), body.Publish, ct), t, View))
          .RequirePermission(Permission.ServiceManage).WithName("CreateYouthActivity")
          .WithSummary("Creates a youth activity (a draft, or published at once with publish: true): capacity, who may join, price, attendance mode.");

        api.MapGet("/{id:guid}", async (Guid id, AppDbContext db, CancellationToken ct) =>
        {
            var a = await db.Activities.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id && x.Kind == ActivityKind.Youth, ct);
            if (a is null)
            {
                return Results.NotFound();
            }
            var named = await db.Participations.CountAsync(p => p.ActivityId == id, ct);
            return Results.Ok(new { activity = View(a), present = named, personTimes = named + (a.Headcount ?? 0) });
        }).RequirePermission(Permission.ServiceRead).WithName("GetYouthActivity")
          .WithSummary("A youth activity with its registrations count, named participants and person-times (named + headcount).");

        api.MapPost("/{id:guid}/publish", async (Guid id, YouthActivityDesk desk, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await desk.PublishAsync(id, ct), t, View)).RequirePermission(Permission.ServiceManage).WithName("PublishYouthActivity")
          .WithSummary("Publishes a draft: it shows on the hub's public page and young people can register.");

        api.MapPost("/{id:guid}/cancel", async (Guid id, ReasonBody body, YouthActivityDesk desk, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await desk.CancelAsync(id, body.Reason, ct), t, View)).RequirePermission(Permission.ServiceManage).WithName("CancelYouthActivity")
          .WithSummary("Cancels an activity that has not ended, with a reason; everyone registered is told.");

        api.MapGet("/{id:guid}/registrations", async (Guid id, AppDbContext db, CancellationToken ct) =>
        {
            if (!await db.Activities.AnyAsync(x => x.Id == id, ct))
            {
                return Results.NotFound();
            }
            return Results.Ok(await Roster.OfAsync(db, id, ct));
        }).RequirePermission(Permission.ServiceRead).WithName("YouthActivityRegistrations")
          .WithSummary("Who registered, masked phone, and whether they are marked present.");

        api.MapPost("/{id:guid}/attendance", async (Guid id, MarkBody body, YouthActivityDesk desk, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await desk.MarkAsync(id, body.PersonId, body.Present, ct);
            return r.Ok ? Results.Ok(new { present = r.Value is not null }) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.ServiceManage).WithName("MarkYouthAttendance")
          .WithSummary("Ticks (present: true) or unticks a registered person on the attendance list. Idempotent.");

        api.MapPut("/{id:guid}/headcount", async (Guid id, HeadcountBody body, YouthActivityDesk desk, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await desk.SetHeadcountAsync(id, body.Headcount, ct), t, View)).RequirePermission(Permission.ServiceManage).WithName("SetYouthHeadcount")
          .WithSummary("The number of people at an open event (person-times without names).");

        api.MapPut("/{id:guid}/report", async (Guid id, ReportBody body, YouthActivityDesk desk, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await desk.ReportAsync(id, body.Report, ct), t, View)).RequirePermission(Permission.ServiceManage).WithName("ReportYouthActivity")
          .WithSummary("The short report written after the activity.");

        var me = app.MapGroup("/api/v1/me").WithTags("Youth activities");
        me.MapPost("/registrations", async (RegisterBody body, YouthActivityDesk desk, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            if (body.ActivityId is not { } activityId)
            {
                return new[] { Failure.Required("ActivityId") }.ToProblem(t);
            }
            return Answer(await desk.RegisterAsync(activityId, ct), t, r => new { r.Id, r.ActivityId, r.State, r.RegisteredAt });
        }).RequireAuthorization().WithName("RegisterForActivity")
          .WithSummary("Registers the signed-in young person for a published youth activity (places, age range and members-only are checked). A second call finds the first.");

        me.MapDelete("/registrations/{activityId:guid}", async (Guid activityId, YouthActivityDesk desk, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await desk.CancelRegistrationAsync(activityId, ct), t, r => new { r.Id, r.ActivityId, r.State }))
          .RequireAuthorization().WithName("CancelRegistration").WithSummary("Cancels the signed-in person's registration before the start; the place is freed.");

        me.MapGet("/registrations", async (AppDbContext db, CancellationToken ct) =>
        {
            if (await db.OwnPersonIdAsync(ct) is not { } personId)
            {
                return Results.Ok(Array.Empty<object>());
            }
            return Results.Ok(await MyActivities.OfAsync(db, personId, ct));
        }).RequireAuthorization().WithName("MyRegistrations").WithSummary("The signed-in person's registrations with each activity's time, place and whether they were present.");

        me.MapPost("/check-ins", async (TokenBody body, YouthActivityDesk desk, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await desk.CheckInAsync(body.Token, ct);
            return r.Ok ? Results.Ok(new { r.Value.Row.Id, r.Value.Row.ActivityId, r.Value.Title, alreadyRecorded = r.Value.Already, r.Value.Row.At }) : r.Failures.ToProblem(t);
        }).RequireAuthorization().WithName("CheckInToActivity")
          .WithSummary("The signed-in person checks in to a youth activity with the organizer's rotating code (the QR's token). Idempotent.");
        return app;
    }
}
