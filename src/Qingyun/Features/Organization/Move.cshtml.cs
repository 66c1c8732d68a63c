using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Qingyun.Data;
using Qingyun.Domain.Access;
using Qingyun.Domain.Organization;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Organization;

[RequirePermission(Permission.UnitsManage)]
public sealed class MoveModel(AppDbContext db, BrowseUnits browse, MoveUnit.Handler handler, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty]
    public Guid? NewParentId { get; set; }

    public OrgUnit? Unit { get; private set; }
    public IReadOnlyList<UnitRow> Candidates { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var u = await db.UnitForAsync(id, Permission.UnitsManage, "Id", ct);
        if (!u.Ok)
        {
            return StatusCode(u.Failures[0].Status);
        }
        Unit = u.Value;
        Candidates = (await browse.PickAsync(Q, Permission.UnitsManage, ct)).Where(c => c.Id != id).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var r = await handler.Handle(new MoveUnit.Command(id, NewParentId), ct);
        if (r.Ok)
        {
            TempData["Flash"] = t["Units.Moved"].Value;
            return Redirect($"/units/{id}");
        }
        if (r.Failures.Any(f => f.Field == "Id" && f.Status is 404 or 403))
        {
            return StatusCode(r.Failures.Max(f => f.Status));
        }
        db.ChangeTracker.Clear();
        var page = await OnGetAsync(id, ct);
        this.ShowFailures(r.Failures, t, prefix: "");
        return page;
    }
}
