using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qingyun.Data;
using Qingyun.Domain.Access;
using Qingyun.Domain.Hubs;
using Qingyun.Features.Organization;
using Qingyun.Features.Pool;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Themes;

/// <summary>Quarterly themes of units in scope, newest first, and the form to set one.</summary>
[RequirePermission(Permission.ServiceRead)]
public sealed class IndexModel(AppDbContext db, ThemeDesk desk, BrowseUnits browseUnits, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed class ThemeForm
    {
        public Guid? UnitId { get; set; }
        public int? Year { get; set; }
        public int? Quarter { get; set; }
        public string? Title { get; set; }
        public string? Description { get; set; }
        public int? PlannedActivities { get; set; }
        public int? PlannedPersonTimes { get; set; }

        public ThemeDesk.Command ToCommand(Guid? unitId = null) => new(unitId ?? UnitId, Year, Quarter, Title, Description, PlannedActivities, PlannedPersonTimes);
    }

    [BindProperty(SupportsGet = true)] public string? UnitQ { get; set; }
    [BindProperty] public ThemeForm Input { get; set; } = new();

    public IReadOnlyList<QuarterTheme> Themes { get; private set; } = [];
    public Dictionary<Guid, string> UnitNames { get; private set; } = [];
    public IReadOnlyList<UnitRow> Units { get; private set; } = [];
    public bool CanManage { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Themes = await db.QuarterThemes.AsNoTracking().OrderByDescending(x => x.Year).ThenByDescending(x => x.Quarter).ThenBy(x => x.Id).Take(200).ToListAsync(ct);
        var ids = Themes.Select(x => x.UnitId).Distinct().ToList();
        UnitNames = await db.OrgUnits.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        CanManage = db.Scope.Has(Permission.ServiceManage);
        Units = CanManage ? await browseUnits.PickWithAsync(UnitQ, Permission.ServiceManage, Input.UnitId, ct) : [];
        if (Input.Year is null)
        {
            var today = clock.ChinaToday();
            Input.Year = today.Year;
            Input.Quarter = (today.Month - 1) / 3 + 1;
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var r = await desk.CreateAsync(Input.ToCommand(), ct);
        if (r.Ok)
        {
            TempData["Flash"] = t["Common.Saved"].Value;
            return Redirect($"/hubs/themes/{r.Value!.Id}");
        }
        if (this.Denied(r.Failures) is { } denied)
        {
            return denied;
        }
        await OnGetAsync(ct);
        this.ShowFailures(r.Failures, t);
        return Page();
    }
}
