using Microsoft.Extensions.Localization;
using Qingyun.Domain.Access;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Indicators.Assessment;

/// <summary>The yearly assessment of child units (考核细则 and 考核得分), with its Party-building track.</summary>
public static class AssessmentApi
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static IServiceCollection AddAssessment(this IServiceCollection services)
    {
        services.AddScoped<Scorecard>();
        services.AddScoped<ScorecardExport>();
        return services;
    }

    public sealed record SaveBody(Guid? UnitId, int? Year, Scorecard.Line[]? Items);

    public static object Describe(ScorecardView v) => new
    {
        unit = new { v.Unit.Id, v.Unit.Name }, v.Year, v.CanManage, fullMarks = v.FullMarks, partyFullMarks = v.PartyFullMarks,
        items = v.Items.Select(i => new { i.Indicator.Code, i.Name, i.Measure, i.Points, i.PartyTrack }),
        units = v.Units.Select(u => new
        {
            u.Id, u.Name, u.Rank, u.Total, partyTotal = u.PartyTotal, u.Possible,
            scores = v.Items.Zip(u.Scores, (i, s) => new { i.Indicator.Code, s.Actual, s.Target, s.Score }),
        }),
    };

    public static WebApplication MapAssessmentApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1/figures").WithTags("Figures");

        api.MapGet("/assessment", async (Guid? unitId, int? year, Scorecard scorecard, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Problems.Answer(await scorecard.BuildAsync(unitId, year, ct), t, Describe))
            .RequirePermission(Permission.FiguresRead).WithName("GetScorecard")
            .WithSummary("A unit's assessment of its child units for a year: the items (indicator, points, whether it also counts for Party building) and each open child's done/target/points per item, total, Party-building total and rank. Points are in proportion to the target reached, capped at full points; an item without a target for a child scores nothing and is left out of its `possible`.");

        api.MapPut("/assessment", async (SaveBody b, Scorecard scorecard, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Problems.Answer(await scorecard.SaveAsync(b.UnitId, b.Year, b.Items ?? [], ct), t, n => new { changed = n }))
            .RequirePermission(Permission.FiguresManage).WithName("SaveAssessmentItems")
            .WithSummary("Replaces the unit's assessment items for the year (all or none): `items` of {code, points (0–100, one decimal), partyTrack}. An empty list withdraws the assessment.");

        api.MapGet("/assessment.xlsx", async (Guid? unitId, int? year, ScorecardExport export, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await export.ToFileAsync(unitId, year, ct);
            return r.Ok ? Results.File(r.Value.Xlsx, Xlsx, r.Value.FileName) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.FiguresRead).WithName("ExportScorecard").WithSummary("The scorecard as an Excel workbook (formula-safe, audited).");
        return app;
    }
}
