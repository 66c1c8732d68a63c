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
public sealed class EditModel(AppDbContext db, EditUnit.Handler handler, IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed class InputModel
    {
        public string? Name { get; set; }
        public UnitKind Kind { get; set; }
        public LeagueBodyType BodyType { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public OrgUnit? Unit { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var u = await db.UnitForAsync(id, Permission.UnitsManage, "Id", ct);
        if (!u.Ok)
        {
            return StatusCode(u.Failures[0].Status);
        }
        Unit = u.Value;
        Input = new InputModel { Name = Unit!.Name, Kind = Unit.Kind, BodyType = Unit.BodyType };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var r = await handler.Handle(new EditUnit.Command(id, Input.Name, Input.Kind, Input.BodyType), ct);
        if (r.Ok)
        {
            TempData["Flash"] = t["Common.Saved"].Value;
            return Redirect($"/units/{id}");
        }
        if (r.Failures.Any(f => f.Status is 404 or 403))
        {
            return StatusCode(r.Failures.Max(f => f.Status));
        }
        this.ShowFailures(r.Failures, t);
        db.ChangeTracker.Clear();
        Unit = (await db.UnitForAsync(id, Permission.UnitsManage, "Id", ct)).Value;
        return Page();
    }
}
