using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Localization;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Building;

[RequirePermission(Permission.PeopleManage)]
[RequestSizeLimit(50_000_000)]
public sealed class ImportModel(ImportOrganizations.Handler handler, CurrentScope scope, IMemoryCache cache, IStringLocalizer<SharedResource> t) : PageModel
{
    public ImportOrganizations.Outcome? Outcome { get; private set; }
    public string? ReportId { get; private set; }

    public void OnGet()
    {
    }

    public IActionResult OnGetTemplate()
    {
        var code = scope.Grants.FirstOrDefault(g => Roles.Allows(g.Role, Permission.PeopleManage))?.UnitCode ?? "QY-JD01";
        return File(ImportOrganizations.Template(code), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "两新组织导入模板.xlsx");
    }

    /// <summary>The last failed import's report, kept for its own user for half an hour.</summary>
    public IActionResult OnGetReport(string id) =>
        cache.TryGetValue(CacheKey(id), out byte[]? report) && report is not null
            ? File(report, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "两新组织导入问题报告.xlsx")
            : NotFound();

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            Outcome = new ImportOrganizations.Outcome(0, [new ImportOrganizations.RowFailure(0, Failure.Required("File"))]);
            Response.StatusCode = 400;
            return Page();
        }
        await using var stream = await Infrastructure.ExcelCells.ReadUploadAsync(file, ct);
        Outcome = await handler.Handle(stream, ct);
        if (!Outcome.Ok)
        {
            ReportId = Guid.NewGuid().ToString("N");
            cache.Set(CacheKey(ReportId), ImportOrganizations.Report(Outcome.Failures, t), TimeSpan.FromMinutes(30));
            Response.StatusCode = Outcome.Failures.Max(f => f.Failure.Status);
        }
        return Page();
    }

    private string CacheKey(string id) => $"organization-import-report:{scope.UserId}:{id}";
}
