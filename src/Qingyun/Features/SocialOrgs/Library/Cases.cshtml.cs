using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Qingyun.Data;
using Qingyun.Domain.Access;
using Qingyun.Domain.SocialOrgs;
using Qingyun.Features.Organization;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.SocialOrgs.Library;

/// <summary>案例库: cases written up for League staff everywhere, searchable by field, tag and words; League admins write new ones.</summary>
[RequirePermission(Permission.SocialOrgsRead)]
public sealed class CasesModel(AppDbContext db, BrowseUnits units, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty(SupportsGet = true)] public OrgField? Field { get; set; }
    [BindProperty(SupportsGet = true)] public string? Tag { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty] public CaseInput Input { get; set; } = new();

    public IReadOnlyList<LibraryCase> Rows { get; private set; } = [];
    public IReadOnlyList<UnitRow> Units { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Name)> Orgs { get; private set; } = [];
    public bool CanCreate => db.Scope.Has(Permission.SocialOrgsManage);
    public bool ShowForm { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Rows = await SearchCases.RunAsync(db, Field, Tag, Q, ct);
        if (CanCreate)
        {
            Units = await units.PickWithAsync(null, Permission.SocialOrgsManage, Input.UnitId, ct);
            Orgs = await LibraryPicks.OrganizationsAsync(db, ct);
        }
    }

    public async Task<IActionResult> OnPostAsync([FromServices] SaveCase save, CancellationToken ct)
    {
        var r = await save.CreateAsync(Input.ToCommand(), ct);
        if (r.Ok)
        {
            TempData["Flash"] = t["Common.Saved"].Value;
            return Redirect($"/social-orgs/library/{r.Value!.Id}");
        }
        await OnGetAsync(ct);
        ShowForm = true;
        this.ShowFailures(r.Failures, t);
        return Page();
    }
}
