using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Qingyun.Domain.Access;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Organization;

/// <summary>The unit import page: a background job like the member import, with the same progress panel and report.</summary>
[RequirePermission(Permission.UnitsManage)]
[RequestSizeLimit(50_000_000)]
[RequestFormLimits(MultipartBodyLengthLimit = 50_000_000)]
public sealed class ImportModel(ImportJobs jobs, CurrentScope scope) : PageModel
{
    public const string Kind = "units";

    private static readonly TimeSpan AnswerAtOnce = TimeSpan.FromSeconds(2);

    public ImportUnits.Outcome? Outcome { get; private set; }
    public ImportJob? Job { get; private set; }

    public void OnGet()
    {
    }

    public IActionResult OnGetTemplate()
    {
        var code = scope.Grants.FirstOrDefault(g => Roles.Allows(g.Role, Permission.UnitsManage))?.UnitCode ?? "ROOT";
        return File(ImportUnits.Template(code), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "组织导入模板.xlsx");
    }

    /// <summary>A refused import's report: only for the user who ran it, for half an hour.</summary>
    public IActionResult OnGetReport(Guid id) =>
        jobs.Find(id, scope) is { Kind: Kind, Report: { } report }
            ? File(report, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "组织导入问题报告.xlsx")
            : NotFound();

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
            Outcome = new ImportUnits.Outcome(0, [new ImportUnits.RowFailure(0, new Domain.Failure("File", "Required"))]);
            Response.StatusCode = 400;
            return Page();
        }
        var path = await ImportJobs.SaveUploadAsync(file, ct);
        var job = jobs.Start(scope, Kind, path, async (services, stream, progress, jobCt) =>
        {
            var outcome = await services.GetRequiredService<ImportUnits.Handler>().Handle(stream, progress, jobCt);
            var report = outcome.Ok ? null : ImportUnits.Report(outcome, services.GetRequiredService<IStringLocalizer<SharedResource>>());
            return (outcome with { Rows = [] }, report);
        });
        await job.WaitAsync(AnswerAtOnce, ct);
        Show(job);
        return Page();
    }

    private void Show(ImportJob job)
    {
        Job = job;
        Outcome = job.Outcome as ImportUnits.Outcome;
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
