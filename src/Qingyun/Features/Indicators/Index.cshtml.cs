using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qingyun.Domain.Access;
using Qingyun.Security;

namespace Qingyun.Features.Indicators;

/// <summary>The dashboard (统计看板) of a unit's subtree for a year: figures by part with last year and targets, charts, subunits ranked.</summary>
[RequirePermission(Permission.FiguresRead)]
public sealed class IndexModel(Dashboard dashboard) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    /// <summary>The indicator the charts and the subunit ranking show.</summary>
    [BindProperty(SupportsGet = true)] public string? Code { get; set; }

    public DashboardView View { get; private set; } = null!;
    public Dashboard Names => dashboard;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var r = await dashboard.BuildAsync(Unit, Year, ct);
        if (!r.Ok)
        {
            return r.Failures.Any(f => f.Field == "Year") ? BadRequest() : NotFound();
        }
        View = r.Value!;
        if (Code is null || View.Lines.All(l => l.Indicator.Code != Code))
        {
            Code = Catalogue.ServiceHours;
        }
        return Page();
    }
}
