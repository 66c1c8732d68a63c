using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Localization;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Cadres;

[RequirePermission(Permission.PeopleManage)]
[RequestSizeLimit(20_000_000)]
public sealed class ImportModel(ImportCadres.Handler handler, CurrentScope scope, IMemoryCache cache, IStringLocalizer<SharedResource> t) : PageModel
{
    public ImportCadres.Outcome? Outcome { get; private set; }
    public string? ReportId { get; private set; }

    public void OnGet()
    {
    }

    public IActionResult OnGetTemplate()
    {
        var code = scope.Grants.FirstOrDefault(g => Roles.Allows(g.Role, Permission.PeopleManage))?.UnitCode ?? "QY-JD01-SQ01";
        return File(ImportCadres.Template(code), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "团干部导入模板.xlsx");
    }

    /// <summary>The last failed import's report, kept for its own user for half an hour.</summary>
    public IActionResult OnGetReport(string id) =>
        cache.TryGetValue(CacheKey(id), out byte[]? report) && report is not null
            ? File(report, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "团干部导入问题报告.xlsx")
            : NotFound();

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            Outcome = new ImportCadres.Outcome(0, 0, [new ImportCadres.RowFailure(0, Failure.Required("File"))]);
            Response.StatusCode = 400;
            return Page();
        }
        await using var stream = await ExcelCells.ReadUploadAsync(file, ct);
        Outcome = await handler.Handle(stream, ct);
        if (!Outcome.Ok)
        {
            ReportId = Guid.NewGuid().ToString("N");
            cache.Set(CacheKey(ReportId), ImportCadres.Report(Outcome.Failures, t), TimeSpan.FromMinutes(30));
            Response.StatusCode = Outcome.Failures.Max(f => f.Failure.Status);
        }
        return Page();
    }

    private string CacheKey(string id) => $"cadre-import-report:{scope.UserId}:{id}";
}
