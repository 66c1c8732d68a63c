using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Qingyun.Data;
using Qingyun.Domain.Access;
using Qingyun.Features.Organization;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.SocialOrgs;

/// <summary>A unit enters an organization directly into its registry (团组织录入): approved at once.</summary>
[RequirePermission(Permission.SocialOrgsManage)]
public sealed class NewModel(SaveSocialOrg.Handler handler, BrowseUnits units, AppDbContext db, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty] public SocialOrgForm Input { get; set; } = new();

    public IReadOnlyList<UnitRow> Units { get; private set; } = [];
    public IReadOnlyList<UnitRow> LeagueUnits { get; private set; } = [];

    public async Task OnGetAsync(Guid? unitId, CancellationToken ct)
    {
        Input.UnitId = unitId;
        await LoadChoicesAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var r = await handler.Handle(null, Input.ToInput(), ct);
        if (r.Ok)
        {
            TempData["Flash"] = t["Common.Saved"].Value;
            return Redirect($"/social-orgs/{r.Value!.Id}");
        }
        db.ChangeTracker.Clear();
        await LoadChoicesAsync(ct);
        this.ShowFailures(r.Failures, t);
        return Page();
    }

    private async Task LoadChoicesAsync(CancellationToken ct)
    {
        Units = await units.PickWithAsync(null, Permission.SocialOrgsManage, Input.UnitId, ct);
        LeagueUnits = await Building.OrganizationForm.LeagueUnitChoicesAsync(db, Input.LeagueUnitId, ct);
    }
}
