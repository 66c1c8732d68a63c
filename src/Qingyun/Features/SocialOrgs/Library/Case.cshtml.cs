using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qingyun.Data;
using Qingyun.Domain.Access;
using Qingyun.Domain.SocialOrgs;
using Qingyun.Features.SocialOrgs.Ventures;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.SocialOrgs.Library;

/// <summary>One written-up case; its unit's League admins edit it.</summary>
[RequirePermission(Permission.SocialOrgsRead)]
public sealed class CaseModel(AppDbContext db, IStringLocalizer<SharedResource> t) : PageModel
{
    public LibraryCase Case { get; private set; } = null!;
    public string? OrganizationName { get; private set; }
    public bool ProjectVisible { get; private set; }
    public bool CanManage { get; private set; }
    public IReadOnlyList<(Guid Id, string Name)> Orgs { get; private set; } = [];

    [BindProperty] public CaseInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var c = await db.LibraryCases.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null)
        {
            return NotFound();
        }
        Case = c;
        var path = await VentureRules.UnitPathAsync(db, c.UnitId, ct);
        CanManage = path is not null && db.Scope.Covers(path, Permission.SocialOrgsManage);
        OrganizationName = c.OrganizationId is { } o ? await db.SocialOrganizations.Where(x => x.Id == o).Select(x => x.Name).FirstOrDefaultAsync(ct) : null;
        ProjectVisible = c.ProjectId is { } p && await db.LibraryProjects.AnyAsync(x => x.Id == p, ct);
        if (CanManage)
        {
            Orgs = await LibraryPicks.OrganizationsAsync(db, ct);
            if (Request.Method == "GET")
            {
                Input = CaseInput.Of(c);
            }
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, [FromServices] SaveCase save, CancellationToken ct)
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
            return Redirect($"/social-orgs/library/{id}");
        }
        if (r.Failures.Any(f => f.Status == 403))
        {
            return Forbid();
        }
        this.ShowFailures(r.Failures, t);
        return Page();
    }
}
