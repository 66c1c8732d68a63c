using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qingyun.Data;
using Qingyun.Domain.Access;
using Qingyun.Domain.SocialOrgs;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.SocialOrgs.Library;

/// <summary>One library project: its facts, the round it came from, and the edit form (outcome included) for League admins.</summary>
[RequirePermission(Permission.SocialOrgsRead)]
public sealed class ProjectModel(AppDbContext db, IStringLocalizer<SharedResource> t) : PageModel
{
    public LibraryProject Project { get; private set; } = null!;
    public string UnitName { get; private set; } = "";
    public string? OrganizationName { get; private set; }
    public bool CanManage { get; private set; }
    public IReadOnlyList<(Guid Id, string Name)> Orgs { get; private set; } = [];

    [BindProperty] public ProjectInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var found = await db.OwnedAsync(db.LibraryProjects.AsNoTracking(), p => p.Id == id, Permission.SocialOrgsRead, ct);
        if (!found.Ok)
        {
            return NotFound();
        }
        Project = found.Value!;
        var unit = await db.OrgUnits.Where(u => u.Id == Project.UnitId).Select(u => new { u.Name, u.Path }).FirstAsync(ct);
        UnitName = unit.Name;
        CanManage = db.Scope.Covers(unit.Path, Permission.SocialOrgsManage);
        OrganizationName = Project.OrganizationId is { } o ? await db.SocialOrganizations.Where(x => x.Id == o).Select(x => x.Name).FirstOrDefaultAsync(ct) : null;
        if (CanManage)
        {
            Orgs = await LibraryPicks.OrganizationsAsync(db, ct);
            if (Request.Method == "GET")
            {
                Input = ProjectInput.Of(Project);
            }
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, [FromServices] SaveProject save, CancellationToken ct)
    {
        var page = await OnGetAsync(id, ct);
        if (page is not PageResult)
        {
            return page;
        }
        var r = await save.UpdateAsync(id, Input.ToCommand(), ct);
        if (r.Ok)
        {
            TempData["Flash"] = t["Common.Saved"].Value;
            return Redirect($"/social-orgs/projects/{id}");
        }
        if (r.Failures.Any(f => f.Status == 403))
        {
            return Forbid();
        }
        this.ShowFailures(r.Failures, t);
        return Page();
    }
}
