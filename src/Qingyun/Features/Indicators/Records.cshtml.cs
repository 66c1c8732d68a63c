using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qingyun.Domain.Access;
using Qingyun.Security;

namespace Qingyun.Features.Indicators;

/// <summary>The records a figure counts (drill-down), with the Excel export of the same list.</summary>
[RequirePermission(Permission.FiguresRead)]
public sealed class RecordsModel(Drill drill, Dashboard dashboard, ExportRecords export) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public string? Code { get; set; }
    [BindProperty(SupportsGet = true)] public int? Month { get; set; }

    public DrillView View { get; private set; } = null!;
    public string Name { get; private set; } = "";
    public string Measure { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var r = await drill.ListAsync(Unit, Year, Code, Month, ct);
        if (!r.Ok)
        {
            return r.Failures.Any(f => f.Status == 400) ? BadRequest() : NotFound();
        }
        View = r.Value!;
        Name = dashboard.NameOf(View.Indicator);
        Measure = dashboard.MeasureOf(View.Indicator);
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var r = await export.ToFileAsync(Unit, Year, Code, Month, ct);
        if (!r.Ok)
        {
            return r.Failures.Any(f => f.Status == 400) ? BadRequest() : NotFound();
        }
        return File(r.Value.Xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", r.Value.FileName);
    }
}
