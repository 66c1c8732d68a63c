using Microsoft.Extensions.Localization;
using Qingyun.Domain.Access;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Indicators;

/// <summary>Indicators, targets, dashboards and the annual work summary (decision 014).</summary>
public static class IndicatorsSetup
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static IServiceCollection AddIndicators(this IServiceCollection services)
    {
        services.AddScoped<FigureReader>();
        services.AddScoped<Dashboard>();
        services.AddScoped<Drill>();
        services.AddScoped<ExportRecords>();
        services.AddScoped<SetTargets>();
        services.AddHostedService<FiguresJob>();
        return services;
    }

    public sealed record TargetsBody(Guid? UnitId, int? Year, SetTargets.Line[]? Lines);

    private static object Show(DashboardView v, Dashboard d) => new
    {
        unit = new { v.Unit.Id, v.Unit.Code, v.Unit.Name }, v.Year,
        // False while a large recount runs elsewhere: the figures are those of the last refresh.
        settled = v.Settled,
        figures = v.Lines.Select(l => new
        {
            l.Indicator.Code, l.Name, l.Measure, section = l.Indicator.Section, shape = l.Indicator.Shape, l.Value, lastYear = l.LastYear, l.Target, l.Percent,
        }),
        children = v.Children.Select(c => new { c.Id, c.Name, c.Closed, values = c.Values, lastYear = c.LastYear }),
        monthly = v.Monthly, monthlyLastYear = v.MonthlyLastYear,
        categories = v.Categories.Select(c => new { c.Name, c.Activities, c.PersonTimes }),
    };

    public static WebApplication MapIndicatorsApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1/figures").WithTags("Figures").RequireAuthorization();

        api.MapGet("/", async (Guid? unitId, int? year, Dashboard d, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Problems.Answer(await d.BuildAsync(unitId, year, ct), t, v => Show(v, d)))
            .RequirePermission(Permission.FiguresRead).WithName("GetFigures")
            .WithSummary("A unit's dashboard for a year (default: the caller's top unit, this year): every indicator of its subtree with last year and the target, months, child units side by side, youth activities by category. Live: pending changes are counted first.");

        api.MapGet("/records", async (Guid? unitId, int? year, string? code, int? month, Drill drill, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Problems.Answer(await drill.ListAsync(unitId, year, code, month, ct), t, v => new
            {
                unit = new { v.Unit.Id, v.Unit.Name }, v.Year, v.Month, v.Indicator.Code, v.Truncated, current = v.Current,
                total = v.Rows.Sum(r => r.Value), rows = v.Rows,
            }))
            .RequirePermission(Permission.FiguresRead).WithName("ListFigureRecords")
            .WithSummary("The records a figure counts (drill-down), through the caller's scope, up to 5,000; `month` narrows a flow to one month.");

        api.MapGet("/records.xlsx", async (Guid? unitId, int? year, string? code, int? month, ExportRecords export, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await export.ToFileAsync(unitId, year, code, month, ct);
            return r.Ok ? Results.File(r.Value.Xlsx, Xlsx, r.Value.FileName) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.FiguresRead).WithName("ExportFigureRecords").WithSummary("The drill-down list as an Excel workbook (formula-safe, audited).");

        api.MapPut("/targets", async (TargetsBody b, SetTargets set, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Problems.Answer(await set.Handle(new SetTargets.Command(b.UnitId, b.Year ?? 0, b.Lines ?? []), ct), t, n => new { changed = n }))
            .RequirePermission(Permission.FiguresRead).WithName("SetFigureTargets")
            .WithSummary("Sets (value) or removes (null) a year's targets for a unit and its child units, all or none; hours in hours. Targets come from above; a unit may set its own only where nobody above has (403 otherwise).");
        return app;
    }
}
