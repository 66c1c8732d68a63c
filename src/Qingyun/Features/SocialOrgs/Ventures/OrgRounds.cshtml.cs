using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qingyun.Data;
using Qingyun.Domain.SocialOrgs;

namespace Qingyun.Features.SocialOrgs.Ventures;

/// <summary>An organization's own account: the rounds it may apply to and its applications.</summary>
[Authorize]
public sealed class OrgRoundsModel(AppDbContext db, RoundReader reader, TimeProvider clock) : PageModel
{
    public SocialOrganization Org { get; private set; } = null!;
    public IReadOnlyList<VentureRound> Rounds { get; private set; } = [];
    public IReadOnlyList<(VentureApplication Application, VentureRound Round)> Applications { get; private set; } = [];
    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var org = await VentureRules.OwnOrganizationAsync(db, ct);
        if (org is null)
        {
            return NotFound();
        }
        Org = org;
        Today = Infrastructure.Localization.ChinaToday(clock);
        Rounds = (await reader.ForOrganizationAsync(org, ct)).Where(r => r.Status == RoundStatus.Open).ToList();
        Applications = await reader.OwnApplicationsAsync(org, ct);
        return Page();
    }
}
