using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qingyun.Domain.Access;
using Qingyun.Security;

namespace Qingyun.Features.Cadres;

[RequirePermission(Permission.PeopleRead)]
public sealed class TeamModel(BrowseCadres browse, CurrentScope scope) : PageModel
{
    public UnitTeam? Team { get; private set; }
    public bool CanManage { get; private set; }
    public DateOnly Today => browse.Today;

    public async Task<IActionResult> OnGetAsync(Guid unitId, CancellationToken ct)
    {
        var r = await browse.TeamAsync(unitId, ct);
        if (!r.Ok)
        {
            return StatusCode(r.Failures.Max(f => f.Status));
        }
        Team = r.Value;
        CanManage = scope.Covers(Team!.Unit.Path, Permission.PeopleManage);
        return Page();
    }
}
