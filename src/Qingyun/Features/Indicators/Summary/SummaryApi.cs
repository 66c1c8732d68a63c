using Microsoft.Extensions.Localization;
using Qingyun.Domain.Access;
using Qingyun.Domain.Indicators;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Indicators.Summary;

/// <summary>The annual work summary (年度工作总结) of a unit and a year: generate, edit the prose, read it with live numbers, download it.</summary>
public static class SummaryApi
{
    public static IServiceCollection AddSummary(this IServiceCollection services)
    {
        services.AddScoped<SummaryText>();
        services.AddScoped<SummaryDesk>();
        services.AddScoped<SummaryExports>();
        return services;
    }

    public sealed record GenerateBody(Guid? UnitId, int? Year);

    public sealed record SaveBody(Guid? UnitId, int? Year, int? Version, Dictionary<string, string?>? Sections);

    public sealed record RegenerateBody(Guid? UnitId, int? Year, int? Version, string? Section);

    private static object Stored(WorkSummary s) => new { s.Id, s.UnitId, s.Year, s.Title, s.Version, s.UpdatedAt, s.UpdatedBy };

    public static object Describe(SummaryDesk.View v) => new
    {
        unitId = v.Unit.Id, unitName = v.Unit.Name, v.Year, generated = v.Summary is not null, v.CanManage,
        title = v.Rendered?.Title, version = v.Summary?.Version, updatedAt = v.Summary?.UpdatedAt, updatedBy = v.Summary?.UpdatedBy,
        sections = v.Rendered?.Sections.Select(s => new
        {
            section = s.Section.ToString(), s.Heading, s.Prose,
            text = string.Concat(s.Runs.Select(r => r.Text)),
            runs = s.Runs.Select(r => new { r.Text, r.Code, r.Name, r.Source, number = r.IsNumber, r.Unknown }),
        }),
        numbers = v.Rendered?.Numbers.Select(n => new { n.Code, n.Token, n.Name, n.Value, n.Source, section = n.Section.ToString() }),
    };

    public static WebApplication MapSummaryApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1/figures/summary").WithTags("Annual work summary");

        api.MapGet("", async (Guid? unitId, int? year, SummaryDesk desk, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Problems.Answer(await desk.ShowAsync(unitId, year, ct), t, Describe))
            .RequirePermission(Permission.FiguresRead).WithName("GetWorkSummary")
            .WithSummary("A unit's annual work summary for a year (default: this year), rendered now: per section the prose with its `{{code}}` tokens and the text as runs, each number with the indicator's code, name and `source` (the drill-down of the records it counts); `generated` is false until a draft exists. Numbers are the dashboard's figures for the unit's subtree.");

        api.MapPost("/generate", async (GenerateBody b, SummaryDesk desk, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await desk.GenerateAsync(b.UnitId, b.Year, ct);
            return r.Ok ? Results.Created($"/api/v1/figures/summary?unitId={r.Value!.UnitId}&year={r.Value.Year}", Stored(r.Value)) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.FiguresManage).WithName("GenerateWorkSummary")
          .WithSummary("Creates the year's first draft from the template (a paragraph per section in the shape of a League committee's report, numbers as `{{code}}` links). One summary per unit and year: a second is 409.");

        api.MapPut("", async (SaveBody b, SummaryDesk desk, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Problems.Answer(await desk.SaveAsync(b.UnitId, b.Year, b.Version, b.Sections, ct), t, Stored))
            .RequirePermission(Permission.FiguresManage).WithName("SaveWorkSummary")
            .WithSummary("Replaces the prose of the sections given (`sections`: Organization, Ideology, Volunteer, Assistance, Hubs, NonPublic, Direct, Plan → text with `{{code}}` tokens; others stay). `version` must be the one read: a summary saved by someone else since is 409 and nothing is written. Each section at most 8000 characters.");

        api.MapPost("/regenerate", async (RegenerateBody b, SummaryDesk desk, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Problems.Answer(await desk.RegenerateAsync(b.UnitId, b.Year, b.Version, b.Section, ct), t, Stored))
            .RequirePermission(Permission.FiguresManage).WithName("RegenerateWorkSummary")
            .WithSummary("Resets one section (`section`) or, none given, every section to the template's draft; `version` as for saving.");

        api.MapGet("/docx", async (Guid? unitId, int? year, SummaryExports exports, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await exports.DocxAsync(unitId, year, ct);
            return r.Ok ? Results.File(r.Value.Bytes, SummaryExports.DocxType, r.Value.FileName) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.FiguresRead).WithName("DownloadWorkSummaryDocx")
          .WithSummary("The summary as a Word document in the official-document layout (GB/T 9704), numbers filled now and shaded; file name \"{unit}{year}年度工作总结.docx\".");

        api.MapGet("/pdf", async (Guid? unitId, int? year, SummaryExports exports, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await exports.PdfAsync(unitId, year, ct);
            return r.Ok ? Results.File(r.Value.Bytes, "application/pdf", r.Value.FileName) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.FiguresRead).WithName("DownloadWorkSummaryPdf")
          .WithSummary("The summary as an A4 PDF flowing onto numbered pages, numbers filled now and shaded; 503 when the server has no Chinese font.");
        return app;
    }
}
