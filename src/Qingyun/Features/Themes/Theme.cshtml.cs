using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qingyun.Data;
using Qingyun.Domain.Access;
using Qingyun.Features.Pool;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Themes;

/// <summary>A quarter's theme: plan against what the unit and the units below actually held; the plan can be edited.</summary>
[RequirePermission(Permission.ServiceRead)]
public sealed class ThemeModel(AppDbContext db, ThemeDesk desk, IStringLocalizer<SharedResource> t) : PageModel
{
    public ThemeDesk.Report? Report { get; private set; }
    public string UnitName { get; private set; } = "";
    public bool CanManage { get; private set; }
    public Dictionary<Guid, string> Categories { get; private set; } = [];

    [BindProperty] public IndexModel.ThemeForm Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var r = await desk.ReportAsync(id, ct);
        if (!r.Ok)
        {
            return NotFound();
        }
        Report = r.Value!;
        var unit = await db.OrgUnits.AsNoTracking().FirstAsync(u => u.Id == Report.Theme.UnitId, ct);
        UnitName = unit.Name;
        CanManage = db.Scope.Covers(unit.Path, Permission.ServiceManage);
        var en = System.Globalization.CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.Ordinal);
        Categories = await db.ActivityCategories.AsNoTracking().ToDictionaryAsync(c => c.Id, c => en ? c.NameEn : c.Name, ct);
        if (Request.Method == "GET")
        {
            var x = Report.Theme;
            Input = new IndexModel.ThemeForm
            {
                Year = x.Year, Quarter = x.Quarter, Title = x.Title, Description = x.Description, PlannedActivities = x.PlannedActivities, PlannedPersonTimes = x.PlannedPersonTimes,
            };
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var r = await desk.EditAsync(id, Input.ToCommand(), ct);
        if (r.Ok)
        {
            TempData["Flash"] = t["Common.Saved"].Value;
            return Redirect($"/hubs/themes/{id}");
        }
        if (this.Denied(r.Failures) is { } denied)
        {
            return denied;
        }
        if (await OnGetAsync(id, ct) is not PageResult)
        {
            return NotFound();
        }
        this.ShowFailures(r.Failures, t);
        return Page();
    }

    public static string Percent(int actual, int planned) => ThemeDesk.Report.Percent(actual, planned) is { } p ? p + "%" : "—";
}
