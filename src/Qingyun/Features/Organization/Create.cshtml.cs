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
public sealed class CreateModel(AppDbContext db, CreateUnit.Handler handler, IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed class InputModel
    {
        public Guid? ParentId { get; set; }
        public string? Code { get; set; }
        public string? Name { get; set; }
        public UnitKind Kind { get; set; } = UnitKind.Community;
        public LeagueBodyType BodyType { get; set; } = LeagueBodyType.Branch;
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public OrgUnit? Parent { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? parentId, CancellationToken ct)
    {
        Input.ParentId = parentId;
        return await LoadParent(ct) ?? Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var r = await handler.Handle(new CreateUnit.Command(Input.ParentId, Input.Code, Input.Name, Input.Kind, Input.BodyType), ct);
        if (r.Ok)
        {
            TempData["Flash"] = t["Units.Created", r.Value!.Name].Value;
            return Redirect($"/units/{r.Value.Id}");
        }
        if (r.Failures.Any(f => f.Status == 404 || f.Status == 403 && f.Field == "ParentId"))
        {
            return StatusCode(r.Failures.Max(f => f.Status));
        }
        this.ShowFailures(r.Failures, t);
        return await LoadParent(ct) ?? Page();
    }

    private async Task<IActionResult?> LoadParent(CancellationToken ct)
    {
        if (Input.ParentId is null)
        {
            return db.Scope.IsSystemAdmin ? null : Forbid();
        }
        var parent = await db.UnitForAsync(Input.ParentId, Permission.UnitsManage, "ParentId", ct);
        if (!parent.Ok)
        {
            return StatusCode(parent.Failures[0].Status);
        }
        Parent = parent.Value;
        return null;
    }
}
