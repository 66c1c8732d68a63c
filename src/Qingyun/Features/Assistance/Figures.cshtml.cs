using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qingyun.Data;
using Qingyun.Domain.Access;
using Qingyun.Infrastructure;
using Qingyun.Security;

namespace Qingyun.Features.Assistance;

/// <summary>帮扶工作统计: seed 001's assistance figures for a unit's subtree and a year — counts only, for anyone who reads people there.</summary>
[RequirePermission(Permission.PeopleRead)]
public sealed class FiguresModel(AppDbContext db, Organization.BrowseUnits units, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? UnitQ { get; set; }
    public AssistanceFigures.Figures? Figures { get; private set; }
    public IReadOnlyList<Organization.UnitRow> Units { get; private set; } = [];
    public Guid? UnitId { get; private set; }
    public string UnitName { get; private set; } = "";
    public int Year { get; private set; }
    public Dictionary<string, string> CategoryNames { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid? unitId, int? year, CancellationToken ct)
    {
        var today = clock.ChinaToday();
        Year = year is { } y && y >= 2000 && y <= today.Year + 1 ? y : today.Year;
        Units = await units.PickWithAsync(UnitQ, Permission.PeopleRead, unitId, ct);
        UnitId = unitId ?? db.Scope.Grants.Where(g => Roles.Allows(g.Role, Permission.PeopleRead)).Select(g => (Guid?)g.UnitId).FirstOrDefault();
        if (UnitId is null)
        {
            return Page();
        }
        var unit = await db.UnitForAsync(UnitId, Permission.PeopleRead, "UnitId", ct);
        if (!unit.Ok)
        {
            return NotFound();
        }
        UnitName = unit.Value!.Name;
        Figures = await AssistanceFigures.ForAsync(db, unit.Value.Path, Year, today, ct);
        CategoryNames = await IndexModel.CategoryNamesAsync(db, ct);
        return Page();
    }
}
