using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Qingyun.Domain.Access;
using Qingyun.Domain.SocialOrgs;
using Qingyun.Features.Organization;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.SocialOrgs.Evaluations;

/// <summary>评价办法: the schemes the caller may read, and a new draft for a unit they manage.</summary>
[RequirePermission(Permission.SocialOrgsRead)]
public sealed class SchemesModel(SchemeDesk desk, BrowseUnits units, CurrentScope scope, IStringLocalizer<SharedResource> t) : PageModel
{
    public IReadOnlyList<SchemeDesk.SchemeRow> Rows { get; private set; } = [];
    public IReadOnlyList<UnitRow> Units { get; private set; } = [];
    public bool CanManage => scope.Has(Permission.SocialOrgsManage);

    [BindProperty(SupportsGet = true)] public SchemeStatus? Status { get; set; }
    [BindProperty] public Guid? UnitId { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Description { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Rows = await desk.ListAsync(Status, ct);
        Units = CanManage ? await units.PickWithAsync(null, Permission.SocialOrgsManage, UnitId, ct) : [];
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var r = await desk.CreateAsync(UnitId, Name, Description, ct);
        if (r.Ok)
        {
            TempData["Flash"] = t["Common.Saved"].Value;
            return Redirect($"/social-orgs/schemes/{r.Value!.Id}");
        }
        await OnGetAsync(ct);
        this.ShowFailures(r.Failures, t, prefix: "");
        return Page();
    }
}
