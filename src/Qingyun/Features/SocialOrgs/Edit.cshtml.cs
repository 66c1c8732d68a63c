using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qingyun.Data;
using Qingyun.Domain.Access;
using Qingyun.Features.Organization;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.SocialOrgs;

/// <summary>Edits an organization of the registry by the same rules as entry; an empty phone keeps the stored one.</summary>
[RequirePermission(Permission.SocialOrgsManage)]
public sealed class EditModel(SaveSocialOrg.Handler handler, BrowseUnits units, AppDbContext db, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty] public SocialOrgForm Input { get; set; } = new();

    public Guid Id { get; private set; }
    public string OrgName { get; private set; } = "";
    public string? MaskedPhone { get; private set; }
    public IReadOnlyList<UnitRow> Units { get; private set; } = [];
    public IReadOnlyList<UnitRow> LeagueUnits { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var owned = await db.OwnedAsync(db.SocialOrganizations.AsNoTracking(), o => o.Id == id, Permission.SocialOrgsManage, ct);
        if (!owned.Ok)
        {
            return StatusCode(owned.Failures.Max(f => f.Status));
        }
        Input = SocialOrgForm.From(owned.Value!);
        await LoadAsync(id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var r = await handler.Handle(id, Input.ToInput(), ct);
        if (r.Ok)
        {
            TempData["Flash"] = t["Common.Saved"].Value;
            return Redirect($"/social-orgs/{id}");
        }
        if (r.Failures.Any(f => f.Field == "Id"))
        {
            return StatusCode(r.Failures.Max(f => f.Status));
        }
        db.ChangeTracker.Clear();
        await LoadAsync(id, ct);
        this.ShowFailures(r.Failures, t);
        return Page();
    }

    private async Task LoadAsync(Guid id, CancellationToken ct)
    {
        var org = await db.SocialOrganizations.AsNoTracking().FirstAsync(o => o.Id == id, ct);
        Id = id;
        OrgName = org.Name;
        MaskedPhone = org.ContactPhoneMasked;
        Units = await units.PickWithAsync(null, Permission.SocialOrgsManage, Input.UnitId, ct);
        LeagueUnits = await Building.OrganizationForm.LeagueUnitChoicesAsync(db, Input.LeagueUnitId, ct);
    }
}
