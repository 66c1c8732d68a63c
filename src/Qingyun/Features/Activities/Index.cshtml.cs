using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain.Access;
using Qingyun.Domain.Hubs;
using Qingyun.Infrastructure;
using Qingyun.Security;

namespace Qingyun.Features.Activities;

/// <summary>
/// The activity calendar (活动日历): a month at a time, for the caller's scope or one unit's subtree (a hub, a
/// street), one category if chosen; a grid on a desktop, a day-by-day list on a phone.
/// </summary>
[RequirePermission(Permission.ServiceRead)]
public sealed class IndexModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public int Year { get; private set; }
    public int Month { get; private set; }
    public Guid? UnitId { get; private set; }
    public Guid? CategoryId { get; private set; }
    public string? UnitName { get; private set; }
    public List<ActivityCalendar.Line> Lines { get; private set; } = [];
    public List<ActivityCategory> Categories { get; private set; } = [];
    public List<OrganizerUnits.Choice> Units { get; private set; } = [];
    public bool CanPublish { get; private set; }
    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? month, Guid? unitId, Guid? categoryId, CancellationToken ct)
    {
        Today = clock.ChinaToday();
        (Year, Month) = (Today.Year, Today.Month);
        if (month is not null && DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
        {
            (Year, Month) = (first.Year, first.Month);
        }
        string? path = null;
        if (unitId is { } id)
        {
            var unit = await db.OrgUnits.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct);
            if (unit is null)
            {
                return NotFound();
            }
            (UnitId, UnitName, path) = (unit.Id, unit.Name, unit.Path);
        }
        CategoryId = categoryId;
        Lines = await ActivityCalendar.MonthAsync(db, path, Year, Month, categoryId, ct);
        Categories = await ActivityCalendar.CategoriesInUseAsync(db, ct);
        Units = await OrganizerUnits.ChoicesAsync(db, ct);
        CanPublish = Units.Count > 0;
        return Page();
    }

    public string MonthParam(int offset)
    {
        var d = new DateOnly(Year, Month, 1).AddMonths(offset);
        return d.ToString("yyyy-MM", CultureInfo.InvariantCulture);
    }
}
