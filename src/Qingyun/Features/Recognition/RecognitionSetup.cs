using Microsoft.Extensions.Localization;
using Qingyun.Domain.Access;
using Qingyun.Domain.Volunteering;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Recognition;

public static class RecognitionSetup
{
    public static IServiceCollection AddRecognition(this IServiceCollection services)
    {
        services.AddScoped<BrowseRecognition>();
        services.AddScoped<RecordCommendation.Handler>();
        services.AddScoped<FiveStar>();
        services.AddScoped<Benefits>();
        services.AddScoped<ExportBelowMinimum>();
        return services;
    }

    public sealed record CommendationBody(Guid? UnitId, string? VolunteerNumber, string? Title, DateOnly? AwardedOn, string? Note);

    public sealed record NominationBody(Guid? UnitId, string? VolunteerNumber);

    public sealed record WithdrawBody(string? VolunteerNumber);

    public sealed record BenefitBody(Guid? UnitId, string? Partner, string? Offer, int? MinimumStars, DateOnly? ValidUntil);

    private static object Show(Volunteer v) => new { v.Id, v.Number, v.UnitId, v.Stars, v.ConfirmedMinutes, v.FiveStarNominatedAt, v.FiveStarNominatedBy };

    private static object Show(Commendation c) => new { c.Id, c.UnitId, c.VolunteerId, c.Title, c.AwardedOn, c.Note, c.RecordedAt, c.RecordedBy };

    private static object Show(Benefit b) => new { b.Id, b.UnitId, b.Partner, b.Offer, b.MinimumStars, b.ValidUntil, b.CreatedAt };

    public static WebApplication MapRecognitionApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1/recognition").WithTags("Recognition");

        api.MapGet("/commendations", async (Guid? unitId, Guid? after, BrowseRecognition browse, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await browse.CommendationsAsync(unitId, after, ct);
            return r.Ok ? Results.Ok(new { items = r.Value!.Items, next = r.Value.Next }) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.ServiceRead).WithName("ListCommendations")
          .WithSummary("表彰 recorded by units in scope (or the `unitId` subtree), newest first; keyset paging by `after`.");

        api.MapPost("/commendations", async (CommendationBody b, RecordCommendation.Handler handler, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await handler.Handle(new RecordCommendation.Command(b.UnitId, b.VolunteerNumber, b.Title, b.AwardedOn, b.Note), ct);
            return r.Ok ? Results.Created($"/api/v1/recognition/commendations/{r.Value!.Id}", Show(r.Value)) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.ServiceManage).WithName("RecordCommendation")
          .WithSummary("Records a unit's commendation of a volunteer it knows (registered in its subtree or served with it): title, date, note.");

        api.MapPost("/five-star", async (NominationBody b, FiveStar fiveStar, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await fiveStar.NominateAsync(new FiveStar.NominateCommand(b.UnitId, b.VolunteerNumber), ct);
            return r.Ok ? Results.Ok(Show(r.Value!)) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.ServiceManage).WithName("NominateFiveStar")
          .WithSummary("A unit nominates a volunteer for five stars; five stars need the hours as well (Volunteering:StarHours, 1500 by default).");

        api.MapPost("/five-star/withdraw", async (WithdrawBody b, FiveStar fiveStar, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await fiveStar.WithdrawAsync(b.VolunteerNumber, ct);
            return r.Ok ? Results.Ok(Show(r.Value!)) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.ServiceManage).WithName("WithdrawFiveStar")
          .WithSummary("The nominating unit (or one above it) withdraws a five-star nomination; the star level is recomputed.");

        api.MapGet("/below-minimum", async (int? year, Guid? unitId, Guid? after, BrowseRecognition browse, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await browse.BelowMinimumAsync(year ?? browse.Today.Year - 1, unitId, after, ct);
            return r.Ok
                ? Results.Ok(new
                {
                    year = r.Value!.Year, total = r.Value.Total, minimumHours = BrowseRecognition.MinimumYearlyHours,
                    items = r.Value.Items.Select(i => new { i.VolunteerId, i.Name, i.Number, i.UnitName, i.Minutes, i.Hours }), next = r.Value.Next,
                })
                : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.ServiceRead).WithName("ListVolunteersBelowMinimum")
          .WithSummary("Registered volunteers in scope (or the `unitId` subtree) with under 20 hours of confirmed service dated in `year` (default: last year), from any unit; keyset paging by `after`.");

        api.MapGet("/benefits", async (Guid? unitId, Benefits benefits, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await benefits.InScopeAsync(unitId, ct);
            return r.Ok ? Results.Ok(new { items = r.Value }) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.ServiceRead).WithName("ListBenefits").WithSummary("便民优惠 recorded by units in scope (or the `unitId` subtree).");

        api.MapGet("/benefits/mine", async (Benefits benefits, CancellationToken ct) => Results.Ok(new { items = await benefits.OwnAsync(ct) }))
          .RequireAuthorization().WithName("ListOwnBenefits")
          .WithSummary("The offers the signed-in volunteer may use: from their unit and the units above it, still valid, at or below their star level.");

        api.MapPost("/benefits", async (BenefitBody b, Benefits benefits, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await benefits.AddAsync(new Benefits.AddCommand(b.UnitId, b.Partner, b.Offer, b.MinimumStars, b.ValidUntil), ct);
            return r.Ok ? Results.Created($"/api/v1/recognition/benefits/{r.Value!.Id}", Show(r.Value)) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.ServiceManage).WithName("AddBenefit")
          .WithSummary("Records a partner's offer to volunteers from `minimumStars` (0–5) up, optionally until `validUntil`.");

        api.MapDelete("/benefits/{id:guid}", async (Guid id, Benefits benefits, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await benefits.RemoveAsync(id, ct);
            return r.Ok ? Results.NoContent() : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.ServiceManage).WithName("RemoveBenefit").WithSummary("Takes an offer down (the audit log keeps it).");

        return app;
    }
}
