using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qingyun.Data;
using Qingyun.Domain.Access;
using Qingyun.Domain.SocialOrgs;
using Qingyun.Features.Organization;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.SocialOrgs.Library;

/// <summary>项目库: search by field and words; League admins add projects.</summary>
[RequirePermission(Permission.SocialOrgsRead)]
public sealed class ProjectsModel(AppDbContext db, BrowseUnits units, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty(SupportsGet = true)] public OrgField? Field { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty] public ProjectInput Input { get; set; } = new();

    public IReadOnlyList<SearchProjects.Row> Rows { get; private set; } = [];
    public Dictionary<Guid, string> UnitNames { get; private set; } = [];
    public IReadOnlyList<UnitRow> Units { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Name)> Orgs { get; private set; } = [];
    public bool CanCreate => db.Scope.Has(Permission.SocialOrgsManage);
    public bool ShowForm { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Rows = await SearchProjects.RunAsync(db, Field, Q, ct);
        var ids = Rows.Select(r => r.Project.UnitId).Distinct().ToList();
        UnitNames = await db.OrgUnits.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        if (CanCreate)
        {
            Units = await units.PickWithAsync(null, Permission.SocialOrgsManage, Input.UnitId, ct);
            Orgs = await LibraryPicks.OrganizationsAsync(db, ct);
        }
    }

    public async Task<IActionResult> OnPostAsync([FromServices] SaveProject save, CancellationToken ct)
    {
        var r = await save.CreateAsync(Input.ToCommand(), ct);
        if (r.Ok)
        {
            TempData["Flash"] = t["Common.Saved"].Value;
            return Redirect($"/social-orgs/projects/{r.Value!.Id}");
        }
        await OnGetAsync(ct);
        ShowForm = true;
        this.ShowFailures(r.Failures, t);
        return Page();
    }
}
