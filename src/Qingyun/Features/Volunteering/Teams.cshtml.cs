using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.Volunteering;
using Qingyun.Features.Organization;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Volunteering;

[RequirePermission(Permission.ServiceRead)]
public sealed class TeamsModel(AppDbContext db, Teams teams, BrowseUnits browseUnits, IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed record TeamRow(VolunteerTeam Team, string UnitName, IReadOnlyList<(TeamMember Member, VolunteerDirectory.Card Card)> Members);

    [BindProperty(SupportsGet = true)] public string? UnitQ { get; set; }
    [BindProperty] public Guid? UnitId { get; set; }
    [BindProperty] public string? TeamName { get; set; }
    [BindProperty] public string? LeaderName { get; set; }
    [BindProperty] public ServiceArea Area { get; set; } = ServiceArea.Community;

    public IReadOnlyList<TeamRow> Rows { get; private set; } = [];
    public IReadOnlyList<UnitRow> Units { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var list = await db.VolunteerTeams.AsNoTracking().Where(x => x.DissolvedAt == null).OrderBy(x => x.Name).Take(200).ToListAsync(ct);
        var ids = list.Select(x => x.Id).ToList();
        var members = await db.TeamMembers.AsNoTracking().Where(m => ids.Contains(m.TeamId) && m.LeftAt == null).ToListAsync(ct);
        var cards = await VolunteerDirectory.CardsAsync(db, members.Select(m => m.VolunteerId), ct);
        var unitIds = list.Select(x => x.UnitId).Distinct().ToList();
        var units = await db.OrgUnits.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        Rows = [.. list.Select(x => new TeamRow(x, units.GetValueOrDefault(x.UnitId, ""), [.. members.Where(m => m.TeamId == x.Id).Select(m => (m, cards[m.VolunteerId]))]))];
        Units = db.Scope.Has(Permission.ServiceManage) ? await browseUnits.PickWithAsync(UnitQ, Permission.ServiceManage, UnitId, ct) : [];
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct) => await Done((await teams.CreateAsync(UnitId, TeamName, Area, LeaderName, null, ct)).Failures, ct);

    public async Task<IActionResult> OnPostAddAsync(Guid teamId, string? volunteerNumber, CancellationToken ct) => await Done((await teams.AddAsync(teamId, volunteerNumber, ct)).Failures, ct);

    public async Task<IActionResult> OnPostRemoveAsync(Guid memberId, CancellationToken ct) => await Done((await teams.RemoveAsync(memberId, ct)).Failures, ct);

    private async Task<IActionResult> Done(IReadOnlyList<Failure> failures, CancellationToken ct)
    {
        if (failures.Count == 0)
        {
            TempData["Flash"] = t["Common.Saved"].Value;
            return Redirect("/volunteering/teams");
        }
        await OnGetAsync(ct);
        this.ShowFailures(failures, t, prefix: "");
        return Page();
    }
}
