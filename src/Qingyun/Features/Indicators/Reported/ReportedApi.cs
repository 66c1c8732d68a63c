using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qingyun.Data;
using Qingyun.Domain.Audit;
using Qingyun.Domain.Documents;
using Qingyun.Domain.Access;
using Qingyun.Domain.Indicators;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Indicators.Reported;

/// <summary>Hand-reported indicators over the API: define, report with evidence, submit, review by the level above.</summary>
public static class ReportedApi
{
    public sealed record DefineBody(Guid? UnitId, string? Name, string? Measure, string? Description, SummarySection? Section);

    public sealed record ReviewBody(bool? Approve, string? Note);

    private static object Definition(ReportedIndicator r) => new
    {
        r.Id, r.Code, r.UnitId, r.Name, r.Measure, r.Description, section = r.Section.ToString(), r.CreatedAt, r.CreatedBy, r.RetiredAt,
    };

    private static object Report(IndicatorReport r) => new
    {
        r.Id, r.IndicatorId, r.UnitId, r.Year, r.Value, r.Note, state = r.State.ToString(),
        evidence = r.EvidenceDocumentId is null ? null : EvidenceLink(r.Id),
        r.SubmittedBy, r.SubmittedAt, r.ReviewedBy, r.ReviewedAt, r.ReviewNote, r.UpdatedAt,
    };

    /// <summary>Where a report's evidence is downloaded: readable by whoever reads the unit's figures (the reviewer above too).</summary>
    public static string EvidenceLink(Guid reportId) => $"/api/v1/figures/reports/{reportId}/evidence";

    public static WebApplication MapReportedApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1/figures").WithTags("Figures");

        api.MapGet("/reported", async (Guid? unitId, int? year, ReportedDesk desk, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Problems.Answer(await desk.ShowAsync(unitId, year, ct), t, v => new
            {
                unit = new { v.Unit.Id, v.Unit.Name }, v.Year, v.CanDefine, v.CanReport,
                indicators = v.Lines.Select(l => new { indicator = Definition(l.Indicator), definedBy = l.DefinedBy, report = l.Report is null ? null : Report(l.Report) }),
                children = v.Children.Select(c => new { unitName = c.UnitName, indicator = Definition(c.Indicator), report = Report(c.Report), c.MayReview }),
            }))
            .RequirePermission(Permission.FiguresRead).WithName("GetReportedIndicators")
            .WithSummary("A unit's hand-reported indicators for a year (default: the caller's top unit, this year): each indicator defined for it (here or above) with the unit's report, and the reports of its child units that this level reviews.");

        api.MapPost("/reported", async (DefineBody b, ReportedDesk desk, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await desk.DefineAsync(new ReportedDesk.DefineCommand(b.UnitId, b.Name, b.Measure, b.Description, b.Section), ct);
            return r.Ok ? Results.Created($"/api/v1/figures/reported?unitId={r.Value!.UnitId}", Definition(r.Value)) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.FiguresManage).WithName("DefineReportedIndicator")
          .WithSummary("Defines a hand-reported indicator (name, measure such as 个 or 篇, section of the annual summary, description) for a unit's subtree; the units below report it. A name already used here or above is 409.");

        api.MapPost("/reported/{id:guid}/retire", async (Guid id, ReportedDesk desk, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Problems.Answer(await desk.RetireAsync(id, ct), t, Definition))
            .RequirePermission(Permission.FiguresManage).WithName("RetireReportedIndicator")
            .WithSummary("Retires an indicator: no more reports; approved values of past years stay counted in those years.");

        api.MapPost("/reports", async (HttpRequest request, ReportedDesk desk, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var f = await FormFields.ReadAsync(request, ct);
            var command = new ReportedDesk.ReportCommand(f.Id("indicatorId", "IndicatorId"), f.Id("unitId", "UnitId"), f.Int("year", "Year"),
                f.Number("value", "Value"), f.Text("note"), f.File("evidence"), f.Flag("submit"));
            if (f.Failures.Count > 0)
            {
                return f.Failures.Select(x => x.Field == "Value" ? x with { Label = "ReportedValue" } : x).ToList().ToProblem(t);
            }
            return Problems.Answer(await desk.SaveAsync(command, ct), t, Report);
        }).RequirePermission(Permission.FiguresRead).DisableAntiforgery().WithName("SaveIndicatorReport")
          .WithSummary("A unit's value of a hand-reported indicator for a year (multipart): indicatorId, unitId, year, value, note, evidence (PDF, JPEG or PNG, up to 10 MB) and submit=true to send it to the level above (needs the note and evidence). Saved as draft otherwise. A value under review or approved is 409.");

        api.MapGet("/reports/{id:guid}/evidence", async (Guid id, AppDbContext db, AuditLog audit, CancellationToken ct) =>
        {
            var report = await db.IndicatorReports.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
            var document = report?.EvidenceDocumentId is { } documentId
                ? await db.Documents.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(d => d.Id == documentId, ct) : null;
            if (document is null)
            {
                return Results.NotFound();
            }
            await audit.RecordAsync(AuditAction.Download, nameof(Document), document.Id.ToString(), document.UnitId, field: document.FileName, ct: ct);
            return Results.File(document.Content, document.ContentType, document.FileName);
        }).RequirePermission(Permission.FiguresRead).WithName("DownloadReportEvidence")
          .WithSummary("The evidence uploaded with a report (PDF, JPEG or PNG), to whoever reads the reporting unit's figures; audited.");

        api.MapPost("/reports/{id:guid}/submit", async (Guid id, ReportedDesk desk, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Problems.Answer(await desk.SubmitAsync(id, ct), t, Report))
            .RequirePermission(Permission.FiguresRead).WithName("SubmitIndicatorReport")
            .WithSummary("Sends a saved draft (or a returned value) to the level above for review.");

        api.MapPost("/reports/{id:guid}/review", async (Guid id, ReviewBody b, ReportedDesk desk, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Problems.Answer(await desk.ReviewAsync(id, b.Approve ?? false, b.Note, ct), t, Report))
            .RequirePermission(Permission.FiguresManage).WithName("ReviewIndicatorReport")
            .WithSummary("The level above approves (`approve: true`; the value counts in the figures from now on) or returns it with a reason (`note` required). An approved value can be returned later. Only those who manage figures over the reporting unit's parent, and not the person who submitted it (403).");
        return app;
    }
}
