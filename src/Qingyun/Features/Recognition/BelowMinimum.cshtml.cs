using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain.Access;
using Qingyun.Security;

namespace Qingyun.Features.Recognition;

/// <summary>年度服务时长不足 20 小时的注册志愿者: registered volunteers in scope under the yearly minimum, by year, exportable.</summary>
[RequirePermission(Permission.ServiceRead)]
public sealed class BelowMinimumModel(BrowseRecognition browse, AppDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? UnitId { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? After { get; set; }

    public BelowMinimumPage? Results { get; private set; }
    public string? UnitName { get; private set; }
    public int ChosenYear => Year ?? browse.Today.Year - 1;
    public IEnumerable<int> Years => Enumerable.Range(BrowseRecognition.FirstYear, browse.Today.Year - BrowseRecognition.FirstYear + 1).Reverse();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var r = await browse.BelowMinimumAsync(ChosenYear, UnitId, After, ct);
        if (!r.Ok)
        {
            return r.Failures.Any(f => f.Status == 404) ? NotFound() : BadRequest();
        }
        Results = r.Value;
        if (UnitId is not null)
        {
            UnitName = await db.OrgUnits.Where(u => u.Id == UnitId).Select(u => u.Name).FirstOrDefaultAsync(ct);
        }
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync([FromServices] ExportBelowMinimum export, CancellationToken ct)
    {
        var r = await export.ToFileAsync(ChosenYear, UnitId, ct);
        if (!r.Ok)
        {
            return r.Failures.Any(f => f.Status == 404) ? NotFound() : BadRequest();
        }
        var stream = new FileStream(r.Value!, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.DeleteOnClose);
        return File(stream, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"年度服务时长不足名单-{ChosenYear}.xlsx");
    }

    public string Link(string? handler = null, Guid? after = null) => "/recognition/below-minimum" + QueryString.Create(new Dictionary<string, string?>
    {
        ["handler"] = handler, ["Year"] = ChosenYear.ToString(System.Globalization.CultureInfo.InvariantCulture), ["UnitId"] = UnitId?.ToString(), ["After"] = after?.ToString(),
    }.Where(kv => kv.Value is not null));
}
