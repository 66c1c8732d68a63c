using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Qingyun.Domain;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Infrastructure;

/// <summary>
/// Every import page works the same way: the upload is saved and imported by a background job
/// (<see cref="ImportJobs"/>) and the page waits a moment for it — a small file answers in the same response, a
/// district's file with a progress panel that polls <c>?handler=Status</c> every second (phase, rows checked of the
/// total) until the outcome; <c>?handler=Report</c> downloads a refused file's report. Only the user who ran a job
/// sees it (anyone else: 404). A page supplies its kind of import, its template and how it words success.
/// </summary>
public abstract class ImportPageModel(ImportJobs jobs, CurrentScope scope, IStringLocalizer<SharedResource> t) : PageModel
{
    /// <summary>How long the upload's response waits before showing progress instead.</summary>
    private static readonly TimeSpan AnswerAtOnce = TimeSpan.FromSeconds(2);

    protected abstract ImportKind Kind { get; }

    protected CurrentScope Caller => scope;

    protected IStringLocalizer<SharedResource> T => t;

    /// <summary>What the shared <c>_ImportStatus</c> partial shows: nothing yet, progress, or the outcome.</summary>
    public ImportStatus Status { get; private set; } = ImportStatus.None;

    /// <summary>The success line of a written file.</summary>
    protected abstract ImportDone Done(ImportOutcome outcome);

    public void OnGet()
    {
    }

    /// <summary>A refused import's report: only for the user who ran it, for half an hour.</summary>
    public IActionResult OnGetReport(Guid id) =>
        jobs.Find(id, scope, Kind) is { Report: { } report } ? File(report, ImportKind.XlsxContentType, Kind.ReportFileName) : NotFound();

    /// <summary>The progress panel (polled), or the outcome once the job has ended.</summary>
    public IActionResult OnGetStatus(Guid id)
    {
        if (jobs.Find(id, scope, Kind) is not { } job)
        {
            return NotFound();
        }
        Show(job);
        return Partial("_ImportStatus", Status);
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            Status = ImportStatus.None with { Failures = [new RowFailure(0, "", Failure.Required("File"))] };
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var path = await ImportJobs.SaveUploadAsync(file, ct);
        var job = jobs.Start(scope, Kind, path);
        await job.WaitAsync(AnswerAtOnce, ct);
        Show(job);
        return Page();
    }

    private void Show(ImportJob job)
    {
        // The page's own path: the status and report handlers live on the page that started the job.
        var page = Request.PathBase + Request.Path;
        var id = job.Id.ToString("N");
        var seen = job.Read();
        var outcome = seen.Outcome;
        Status = new ImportStatus(seen, $"{page}?handler=Status&id={id}", seen.Report is null ? null : $"{page}?handler=Report&id={id}",
            outcome is { Ok: true } ? Done(outcome) : null, outcome?.Failures ?? []);
        if (seen.Crashed)
        {
            Response.StatusCode = StatusCodes.Status500InternalServerError;
        }
        else if (outcome is { Ok: false })
        {
            Response.StatusCode = outcome.Failures.Max(f => f.Failure.Status);
        }
    }
}

/// <summary>
/// The view model of the shared <c>_ImportStatus</c> partial: the job (running: the progress panel polls
/// <see cref="StatusUrl"/>; crashed: a message), the success line, or the problems with the report's link.
/// </summary>
public sealed record ImportStatus(ImportSnapshot? Job, string? StatusUrl, string? ReportUrl, ImportDone? Done, IReadOnlyList<RowFailure> Failures)
{
    public static readonly ImportStatus None = new(null, null, null, null, []);

    /// <summary>Problems listed on the page; the rest are in the report.</summary>
    public const int Shown = 500;
}

/// <summary>The success line of an import, and optionally a link to the list it filled.</summary>
public sealed record ImportDone(string Message, string? ListUrl = null, string? ListName = null);
