using System.Net;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qingyun.Data;
using Qingyun.Domain.Access;
using Qingyun.Domain.Building;
using Qingyun.Features.Organization;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Building;

/// <summary>One organization: its record, its history, and for those who may manage it the edit form on the same page.</summary>
[RequirePermission(Permission.PeopleRead)]
public sealed class DetailsModel(BrowseOrganizations browse, AppDbContext db, BrowseUnits units, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty] public OrganizationForm Input { get; set; } = new();

    public OrganizationDetails? Details { get; private set; }
    public bool CanManage { get; private set; }
    public bool CanReveal { get; private set; }
    public IReadOnlyList<UnitRow> Units { get; private set; } = [];
    public IReadOnlyList<UnitRow> LeagueUnits { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var failed = await LoadAsync(id, ct);
        if (failed is not null)
        {
            return failed;
        }
        var org = await db.NewOrganizations.AsNoTracking().FirstAsync(o => o.Id == id, ct);
        Input = OrganizationForm.From(org);
        await LoadChoicesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, [FromServices] SaveOrganization.Handler handler, CancellationToken ct)
    {
        var r = await handler.Handle(id, Input.ToInput(), ct);
        if (r.Ok)
        {
            TempData["Flash"] = t["Common.Saved"].Value;
            return Redirect($"/building/{id}");
        }
        if (r.Failures.Any(f => f.Field == "Id"))
        {
            return StatusCode(r.Failures.Max(f => f.Status));
        }
        db.ChangeTracker.Clear();
        var failed = await LoadAsync(id, ct);
        if (failed is not null)
        {
            return failed;
        }
        await LoadChoicesAsync(ct);
        this.ShowFailures(r.Failures, t);
        return Page();
    }

    /// <summary>htmx swaps the masked phone for the full one; the handler audits the reveal.</summary>
    public async Task<IActionResult> OnPostRevealAsync(Guid id, [FromServices] RevealContactPhone.Handler handler, CancellationToken ct)
    {
        var r = await handler.Handle(id, ct);
        return r.Ok ? Content(WebUtility.HtmlEncode(r.Value!), "text/html; charset=utf-8") : StatusCode(r.Failures.Max(f => f.Status));
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        var r = await browse.DetailsAsync(id, ct);
        if (!r.Ok)
        {
            return NotFound();
        }
        Details = r.Value;
        var path = await db.OrgUnits.Where(u => u.Id == Details!.Organization.UnitId).Select(u => u.Path).FirstAsync(ct);
        CanManage = db.Scope.Covers(path, Permission.PeopleManage);
        CanReveal = db.Scope.Covers(path, Permission.SensitiveReveal);
        return null;
    }

    private async Task LoadChoicesAsync(CancellationToken ct)
    {
        if (!CanManage)
        {
            return;
        }
        Units = await units.PickWithAsync(null, Permission.PeopleManage, Input.UnitId, ct);
        LeagueUnits = await OrganizationForm.LeagueUnitChoicesAsync(db, Input.LeagueUnitId, ct);
    }

    /// <summary>History values are stored as enum names; show them in the user's language.</summary>
    public string? Show(string? value) =>
        value is not null && Enum.TryParse<BuildingStatus>(value, out var s) && !int.TryParse(value, out _) ? t["BuildingStatus." + s].Value : value;
}
