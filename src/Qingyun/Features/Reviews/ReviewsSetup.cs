using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.Rosters;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Reviews;

public sealed record ReviewRoundRow(Guid Id, Guid UnitId, string UnitName, string UnitPath, int Year, ReviewState State, DateOnly? MeetingOn, int Members, int Present, int Excellent, int Graded);

public sealed record ReviewEntryRow(Guid MembershipId, string Name, string MemberNumber, bool Present, ReviewGrade? Grade);

public static class ReviewsSetup
{
    public static IServiceCollection AddReviews(this IServiceCollection services)
    {
        services.AddScoped<ReviewSteps>();
        return services;
    }

    /// <summary>Positional rows cannot be filtered after projection: pass the rounds already narrowed.</summary>
    public static IQueryable<ReviewRoundRow> Rounds(AppDbContext db, IQueryable<ReviewRound> rounds) =>
        from r in rounds
        join u in db.OrgUnits on r.UnitId equals u.Id
        orderby r.Year descending, u.Name
        select new ReviewRoundRow(r.Id, u.Id, u.Name, u.Path, r.Year, r.State, r.MeetingOn,
            db.ReviewEntries.Count(e => e.RoundId == r.Id), db.ReviewEntries.Count(e => e.RoundId == r.Id && e.Present),
            db.ReviewEntries.Count(e => e.RoundId == r.Id && e.Grade == ReviewGrade.Excellent), db.ReviewEntries.Count(e => e.RoundId == r.Id && e.Grade != null));

    public static Task<List<ReviewEntryRow>> EntriesAsync(AppDbContext db, Guid roundId, CancellationToken ct) =>
        (from e in db.ReviewEntries
         join m in db.Memberships on e.MembershipId equals m.Id
         join p in db.People on m.PersonId equals p.Id
         where e.RoundId == roundId
         orderby m.MemberNumber
         select new ReviewEntryRow(m.Id, p.Name, m.MemberNumber, e.Present, e.Grade)).ToListAsync(ct);

    public sealed record OpenBody(Guid? UnitId, int Year);

    public sealed record RecordBody(DateOnly? MeetingOn, IReadOnlyList<ReviewSteps.EntryInput>? Entries);

    public sealed record DecideBody(bool Approve, string? Note);

    public static WebApplication MapReviewsApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1/reviews").WithTags("Reviews");
        static IResult Round(Result<ReviewRound> r, IStringLocalizer<SharedResource> t) =>
            r.Ok ? Results.Ok(new { r.Value!.Id, r.Value.UnitId, r.Value.Year, r.Value.State, r.Value.MeetingOn, r.Value.ReturnNote }) : r.Failures.ToProblem(t);

        api.MapGet("/", async (int? year, AppDbContext db, CancellationToken ct) =>
        {
            var q = year is { } y ? db.ReviewRounds.Where(r => r.Year == y) : db.ReviewRounds;
            return Results.Ok(new { items = await Rounds(db, q).Take(200).ToListAsync(ct) });
        }).RequirePermission(Permission.PeopleRead).WithName("ListReviews").WithSummary("Review and registration rounds (团员教育评议、团籍注册) in scope.");

        api.MapGet("/{id:guid}", async (Guid id, AppDbContext db, CancellationToken ct) =>
        {
            var round = await Rounds(db, db.ReviewRounds.Where(r => r.Id == id)).FirstOrDefaultAsync(ct);
            return round is null ? Results.NotFound() : Results.Ok(new { round, entries = await EntriesAsync(db, id, ct) });
        }).RequirePermission(Permission.PeopleRead).WithName("GetReview");

        api.MapPost("/", async (OpenBody b, ReviewSteps steps, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await steps.OpenAsync(b.UnitId, b.Year, ct);
            return r.Ok ? Results.Created($"/api/v1/reviews/{r.Value!.Id}", new { r.Value.Id, r.Value.Year, r.Value.State }) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.PeopleManage).WithName("OpenReview").WithSummary("A branch opens the year's round; its active members become the entries.");

        api.MapPut("/{id:guid}/entries", async (Guid id, RecordBody b, ReviewSteps steps, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Round(await steps.RecordAsync(new ReviewSteps.RecordCommand(id, b.MeetingOn, b.Entries ?? []), ct), t))
          .RequirePermission(Permission.PeopleManage).WithName("RecordReview").WithSummary("Meeting date, attendance and grades; 优秀 may be at most 30% of the members.");

        api.MapPost("/{id:guid}/submit", async (Guid id, ReviewSteps steps, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Round(await steps.SubmitAsync(id, ct), t))
          .RequirePermission(Permission.PeopleManage).WithName("SubmitReview").WithSummary("To the level above: all graded, two thirds present, 优秀 ≤ 30%.");

        api.MapPost("/{id:guid}/decision", async (Guid id, DecideBody b, ReviewSteps steps, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Round(await steps.DecideAsync(new ReviewSteps.DecideCommand(id, b.Approve, b.Note), ct), t))
          .RequirePermission(Permission.PeopleManage).WithName("DecideReview").WithSummary("The level above approves (members graded 基本合格 or better are registered for the year) or returns it.");
        return app;
    }
}
