using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qingyun.Data;
using Qingyun.Domain.Access;
using Qingyun.Domain.Hubs;
using Qingyun.Domain.Organization;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Hubs;

/// <summary>A hub's profile: read by anyone in scope, edited by those who manage activities there.</summary>
[RequirePermission(Permission.ServiceRead)]
public sealed class EditModel(AppDbContext db, HubProfiles hubs, IStringLocalizer<SharedResource> t) : PageModel
{
    public OrgUnit? Unit { get; private set; }
    public bool CanManage { get; private set; }
    public List<(Guid Id, string Name)> Ancestors { get; private set; } = [];
    public List<(Guid Id, string Name)> Teams { get; private set; } = [];

    [BindProperty] public HubType Type { get; set; } = HubType.YouthHub;
    [BindProperty] public HubGrade Grade { get; set; } = HubGrade.Regular;
    [BindProperty] public string? Address { get; set; }
    [BindProperty] public string? OpeningHours { get; set; }
    [BindProperty] public Guid? ManagingUnitId { get; set; }
    [BindProperty] public string? ManagerName { get; set; }
    [BindProperty] public string? ManagerPhone { get; set; }
    [BindProperty] public string? Introduction { get; set; }
    [BindProperty] public Guid? VolunteerTeamId { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid unitId, CancellationToken ct)
    {
        Unit = await db.OrgUnits.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId && u.Kind == UnitKind.Hub, ct);
        if (Unit is null)
        {
            return NotFound();
        }
        CanManage = db.Scope.Covers(Unit.Path, Permission.ServiceManage);
        var ids = Unit.Path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse).Where(i => i != unitId).ToList();
        var names = await db.OrgUnits.IgnoreQueryFilters().AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        Ancestors = ids.AsEnumerable().Reverse().Where(names.ContainsKey).Select(i => (i, names[i])).ToList();
        Teams = (await db.VolunteerTeams.AsNoTracking().OrderBy(x => x.Name).Take(200).Select(x => new { x.Id, x.Name }).ToListAsync(ct)).Select(x => (x.Id, x.Name)).ToList();
        if (Request.Method == "GET" && await db.Hubs.AsNoTracking().FirstOrDefaultAsync(h => h.UnitId == unitId, ct) is { } hub)
        {
            (Type, Grade, Address, OpeningHours, ManagingUnitId, ManagerName, ManagerPhone, Introduction, VolunteerTeamId) =
                (hub.Type, hub.Grade, hub.Address, hub.OpeningHours, hub.ManagingUnitId, hub.ManagerName, hub.ManagerPhone, hub.Introduction, hub.VolunteerTeamId);
        }
        ManagingUnitId ??= Unit.ParentId;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid unitId, CancellationToken ct)
    {
        var r = await hubs.SaveAsync(unitId, new HubProfiles.Input(Type, Grade, Address, OpeningHours, ManagingUnitId, ManagerName, ManagerPhone, Introduction, VolunteerTeamId), ct);
        if (r.Ok)
        {
            TempData["Flash"] = t["Common.Saved"].Value;
            return Redirect($"/hubs/{unitId}");
        }
        if (r.Failures.Any(f => f.Status == 404))
        {
            return NotFound();
        }
        if (r.Failures.Any(f => f.Status == 403))
        {
            return Forbid();
        }
        var page = await OnGetAsync(unitId, ct);
        if (page is not PageResult)
        {
            return page;
        }
        this.ShowFailures(r.Failures, t, prefix: "");
        return Page();
    }
}
