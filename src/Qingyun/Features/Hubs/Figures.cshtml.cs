using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain.Access;
using Qingyun.Features.Activities;
using Qingyun.Features.Themes;
using Qingyun.Infrastructure;
using Qingyun.Security;

namespace Qingyun.Features.Hubs;

/// <summary>
/// A year of youth activities for a unit's subtree, by category, the way seed 001 reports it: activities held,
/// person-times (named attendance plus headcounts) and distinct persons, counted from what the hubs recorded.
/// </summary>
[RequirePermission(Permission.ServiceRead)]
public sealed class FiguresModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public int Year { get; private set; }
    public Guid? UnitId { get; private set; }
    public string UnitName { get; private set; } = "";
    public Figures Figures { get; private set; } = Figures.None;
    public Dictionary<Guid, string> CategoryNames { get; private set; } = [];
    public List<OrganizerUnits.Choice> Units { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid? unitId, int? year, CancellationToken ct)
    {
        Year = year is >= 2000 and <= 2100 ? year.Value : clock.ChinaToday().Year;
        Units = await ReadableUnitsAsync(ct);
        UnitId = unitId ?? Units.FirstOrDefault()?.Id;
        if (UnitId is not { } id)
        {
            return Page();
        }
        var unit = await db.OrgUnits.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct);
        if (unit is null)
        {
            return NotFound();
        }
        UnitName = unit.Name;
        var (from, _) = ThemeDesk.QuarterBounds(Year, 1);
        var (_, to) = ThemeDesk.QuarterBounds(Year, 4);
        Figures = await ActivityFigures.ForAsync(db, unit.Path, from, to, clock.GetUtcNow(), null, ct);
        CategoryNames = await ActivityCalendar.CategoryNamesAsync(db, System.Globalization.CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal), ct);
        return Page();
    }

    /// <summary>The caller's own units (any grant that reads activities) and the hubs below them.</summary>
    private async Task<List<OrganizerUnits.Choice>> ReadableUnitsAsync(CancellationToken ct)
    {
        var roots = db.Scope.Grants.Where(g => Roles.Allows(g.Role, Permission.ServiceRead))
            .Select(g => new OrganizerUnits.Choice(g.UnitId, g.UnitName, Domain.Organization.UnitKind.District)).ToList();
        var hubs = await db.OrgUnits.AsNoTracking().Where(u => u.Kind == Domain.Organization.UnitKind.Hub && u.ClosedAt == null)
            .OrderBy(u => u.Path).Take(200).Select(u => new OrganizerUnits.Choice(u.Id, u.Name, u.Kind)).ToListAsync(ct);
        return roots.Concat(hubs).DistinctBy(c => c.Id).ToList();
    }
}
