using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qingyun.Data;
using Qingyun.Domain.Access;
using Qingyun.Domain.Assistance;
using Qingyun.Infrastructure;
using Qingyun.Resources;

namespace Qingyun.Features.Assistance;

/// <summary>帮扶个案: the cases the viewer may see, with flags for overdue visits; export with a reason for case administrators.</summary>
[Authorize]
public sealed class IndexModel(AppDbContext db, BrowseCases browse, Organization.BrowseUnits units, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid? UnitId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Name { get; set; }
    [BindProperty(SupportsGet = true)] public CaseStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public AssistanceProgramme? Programme { get; set; }
    [BindProperty(SupportsGet = true)] public string? Category { get; set; }
    [BindProperty(SupportsGet = true)] public bool? Mine { get; set; }
    [BindProperty(SupportsGet = true)] public bool? Overdue { get; set; }
    [BindProperty(SupportsGet = true)] public string? UnitQ { get; set; }

    public CaseFilter Filter => new(UnitId, Name, Status, Programme, Category, Mine, Overdue);
    public BrowseCases.Page Results { get; private set; } = new([], false);
    public Dictionary<string, string> Categories { get; private set; } = [];
    public IReadOnlyList<Organization.UnitRow> Units { get; private set; } = [];
    public string? UnitName { get; private set; }
    public bool CanExport { get; private set; }
    public string? ExportError { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (UnitId is { } id)
        {
            UnitName = await db.OrgUnits.Where(u => u.Id == id).Select(u => u.Name).FirstOrDefaultAsync(ct);
            if (UnitName is null)
            {
                return NotFound();
            }
        }
        Results = await browse.ListAsync(Filter, ct);
        Categories = await CategoryNamesAsync(db, ct);
        Units = db.Scope.Has(Permission.CasesRead) ? await units.PickWithAsync(UnitQ, Permission.CasesRead, UnitId, ct) : [];
        CanExport = db.Scope.Has(Permission.CasesRead);
        return Page();
    }

    public async Task<IActionResult> OnPostExportAsync([FromServices] ExportCases export, string? reason, CancellationToken ct)
    {
        var r = await export.ToBytesAsync(Filter, reason, ct);
        if (r.Ok)
        {
            return File(r.Value!, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"{t["Assistance.Title"]}-{browse.Today:yyyyMMdd}.xlsx");
        }
        if (r.Failures.Any(f => f.Status == 404))
        {
            return NotFound();
        }
        var page = await OnGetAsync(ct);
        ExportError = string.Join("；", r.Failures.Select(t.Describe));
        Response.StatusCode = r.Failures.Max(f => f.Status);
        return page;
    }

    public static async Task<Dictionary<string, string>> CategoryNamesAsync(AppDbContext db, CancellationToken ct)
    {
        var zh = System.Globalization.CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal);
        return await db.BeneficiaryCategories.AsNoTracking().OrderBy(c => c.SortOrder).ToDictionaryAsync(c => c.Code, c => zh ? c.NameZh : c.NameEn, ct);
    }
}
