using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Rosters;

/// <summary>
/// The member import page. The upload starts a background job (<see cref="ImportJobs"/>) and the page waits a
/// moment for it: a small file answers in the same response, a district's file answers with a progress panel
/// that polls <c>?handler=Status</c> every second (phase, rows checked of the total) until the outcome.
/// </summary>
[RequirePermission(Permission.PeopleManage)]
[RequestSizeLimit(100_000_000)]
[RequestFormLimits(MultipartBodyLengthLimit = 100_000_000)]
public sealed class ImportModel(ImportJobs jobs, CurrentScope scope) : PageModel
{
    public const string Kind = "members";

    /// <summary>How long the upload's response waits before showing progress instead.</summary>
    private static readonly TimeSpan AnswerAtOnce = TimeSpan.FromSeconds(2);

    public ImportMembers.Outcome? Outcome { get; private set; }
    public ImportJob? Job { get; private set; }

    public void OnGet()
    {
    }

    public IActionResult OnGetTemplate()
    {
        var code = scope.Grants.FirstOrDefault(g => Roles.Allows(g.Role, Permission.PeopleManage))?.UnitCode ?? "QY-JD01-SQ01";
        return File(ImportMembers.Template(code), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "团员导入模板.xlsx");
    }

    /// <summary>A refused import's report: only for the user who ran it, for half an hour.</summary>
    public IActionResult OnGetReport(Guid id) =>
        jobs.Find(id, scope) is { Kind: Kind, Report: { } report }
            ? File(report, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "团员导入问题报告.xlsx")
            : NotFound();

    /// <summary>The progress panel (polled), or the outcome once the job has ended.</summary>
    public IActionResult OnGetStatus(Guid id)
    {
        if (jobs.Find(id, scope) is not { Kind: Kind } job)
        {
            return NotFound();
        }
        Show(job);
        return Partial("_ImportStatus", this);
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            Outcome = new ImportMembers.Outcome(0, 0, [new ImportMembers.RowFailure(0, Failure.Required("File"))]);
            Response.StatusCode = 400;
            return Page();
        }
        var path = await ImportJobs.SaveUploadAsync(file, ct);
        var job = jobs.Start(scope, Kind, path, async (services, stream, progress, jobCt) =>
        {
            var outcome = await services.GetRequiredService<ImportMembers.Handler>().Handle(stream, progress, jobCt);
            var report = outcome.Ok ? null : ImportMembers.Report(outcome, services.GetRequiredService<IStringLocalizer<SharedResource>>());
            // The rows were kept for the report only; the job keeps the outcome for half an hour without them.
            return (outcome with { Rows = [] }, report);
        });
        await job.WaitAsync(AnswerAtOnce, ct);
        Show(job);
        return Page();
    }

    private void Show(ImportJob job)
    {
        Job = job;
        Outcome = job.Outcome as ImportMembers.Outcome;
        if (job.Crashed)
        {
            Response.StatusCode = 500;
        }
        else if (Outcome is { Ok: false })
        {
            Response.StatusCode = Outcome.Failures.Max(f => f.Failure.Status);
        }
    }
}
