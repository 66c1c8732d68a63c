using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Localization;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Infrastructure;

/// <summary>
/// An import over the API is asynchronous, as on its page (<see cref="ImportPageModel"/>): the upload answers 202
/// with the job's status URL (Location); the status gives the phase and rows checked, then the outcome; a refused
/// file's report downloads from the status's <c>report</c> link. Only the caller who started a job sees it.
/// </summary>
public static class ImportEndpoints
{
    /// <summary>
    /// Maps <c>POST imports</c>, <c>GET imports/{id}</c> and <c>GET imports/{id}/report</c> on the group, all behind
    /// <paramref name="permission"/> (the import page's own). Endpoint names are <c>Import{name}s</c>,
    /// <c>Get{name}Import</c> and <c>Get{name}ImportReport</c>; <paramref name="what"/> names the rows in the
    /// summaries ("members") and <paramref name="counts"/> the outcome's counts.
    /// </summary>
    public static RouteGroupBuilder MapImportEndpoints(this RouteGroupBuilder group, ImportKind kind, Permission permission, string name,
        string what, string counts)
    {
        var statusName = $"Get{name}Import";
        var reportName = $"Get{name}ImportReport";

        group.MapPost("/imports", async (HttpContext http, IFormFile? file, ImportJobs jobs, CurrentScope scope, IAntiforgery antiforgery,
            LinkGenerator links, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            // Token callers send no cookies; a browser session calling the API must carry the antiforgery header.
            if (http.User.Identity?.AuthenticationType != TokenAuthenticationHandler.SchemeName && !await antiforgery.IsRequestValidAsync(http))
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: t["Error.Antiforgery"]);
            }
            if (file is null || file.Length == 0)
            {
                return new[] { Failure.Required("File") }.ToProblem(t);
            }
            var path = await ImportJobs.SaveUploadAsync(file, ct);
            var job = jobs.Start(scope, kind, path);
            return Results.Accepted(links.GetPathByName(http, statusName, new { id = job.Id }), Show(job, http, links, reportName, t));
        }).RequirePermission(permission).DisableAntiforgery().WithName($"Import{name}s")
          .WithSummary($"Starts an import of {what} from an .xlsx file (form field `file`, the template's columns): 202 with the status URL in Location. The file is written whole or not at all.");

        group.MapGet("/imports/{id:guid}", (Guid id, HttpContext http, ImportJobs jobs, CurrentScope scope, LinkGenerator links, IStringLocalizer<SharedResource> t) =>
            jobs.Find(id, scope, kind) is { } job ? Results.Ok(Show(job, http, links, reportName, t)) : Results.NotFound())
          .RequirePermission(permission).WithName(statusName)
          .WithSummary($"An import's progress (phase Queued, Reading, Checking, Writing, Done; rows checked of the total), then its outcome: {counts}, or every problem with its row and column.");

        group.MapGet("/imports/{id:guid}/report", (Guid id, ImportJobs jobs, CurrentScope scope) =>
            jobs.Find(id, scope, kind) is { Report: { } report } ? Results.File(report, ImportKind.XlsxContentType, kind.ReportFileName) : Results.NotFound())
          .RequirePermission(permission).WithName(reportName)
          .WithSummary("A refused import's report: the uploaded rows with each bad cell filled red and a 问题 column, plus a 问题清单 sheet.");

        return group;
    }

    /// <summary>The job's status; once finished, the outcome's own counts (e.g. <c>created</c>) join it.</summary>
    private static Dictionary<string, object?> Show(ImportJob job, HttpContext http, LinkGenerator links, string reportName, IStringLocalizer<SharedResource> t)
    {
        var seen = job.Read();
        var outcome = seen.Outcome;
        var status = new Dictionary<string, object?>
        {
            ["id"] = seen.Id,
            ["phase"] = seen.Phase.ToString(),
            ["checked"] = seen.Checked,
            ["total"] = seen.Total,
            ["finished"] = seen.Finished,
            ["ok"] = seen.Finished ? outcome is { Ok: true } : null,
            ["crashed"] = seen.Crashed,
        };
        foreach (var (count, value) in outcome?.Counts() ?? [])
        {
            status[count] = value;
        }
        status["failures"] = outcome?.Failures.Select(f => new { row = f.Row, column = f.Column, field = f.Failure.Field, rule = f.Failure.MessageKey, message = t.Describe(f.Failure) });
        status["report"] = seen.Report is null ? null : links.GetPathByName(http, reportName, new { id = seen.Id });
        return status;
    }
}
