using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Features.Organization;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Accounts;

[RequirePermission(Permission.AccountsManage)]
public sealed class DetailsModel(BrowseAccounts accounts, BrowseUnits units, IStringLocalizer<SharedResource> t) : PageModel
{
    public AccountRow? Account { get; private set; }
    public IReadOnlyList<GrantRow> Grants { get; private set; } = [];
    public IReadOnlyList<UnitRow> Units { get; private set; } = [];
    public string? NewPassword { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? UnitQ { get; set; }

    public IEnumerable<Role> GrantableRoles(CurrentScope scope) =>
        Enum.GetValues<Role>().Where(r => scope.Unrestricted || scope.Grants.Any(g => Roles.CanGrant(scope.RolesOver(g.UnitPath), r)));

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var r = await accounts.GetAsync(id, ct);
        if (!r.Ok)
        {
            return NotFound();
        }
        (Account, Grants) = r.Value;
        Units = await units.PickWithAsync(UnitQ, Permission.AccountsManage, null, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostResetAsync(Guid id, [FromServices] ResetPassword.Handler handler, CancellationToken ct)
    {
        var r = await handler.Handle(id, ct);
        if (!r.Ok)
        {
            return await After(id, r.Failures, ct);
        }
        NewPassword = r.Value;
        return await OnGetAsync(id, ct);
    }

    public async Task<IActionResult> OnPostGrantAsync(Guid id, Guid? unitId, Role role, [FromServices] GrantRole.Handler handler, CancellationToken ct)
    {
        var r = await handler.Handle(new GrantRole.Command(id, unitId, role), ct);
        return await After(id, r.Ok ? null : r.Failures, ct);
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, Guid grantId, [FromServices] GrantRole.Handler handler, CancellationToken ct)
    {
        var r = await handler.RevokeAsync(grantId, ct);
        return await After(id, r.Ok ? null : r.Failures, ct);
    }

    private async Task<IActionResult> After(Guid id, IReadOnlyList<Failure>? failures, CancellationToken ct)
    {
        if (failures is null)
        {
            TempData["Flash"] = t["Common.Saved"].Value;
            return Redirect($"/accounts/{id}");
        }
        if (failures.Any(f => f.Status == 404))
        {
            return NotFound();
        }
        var page = await OnGetAsync(id, ct);
        this.ShowFailures(failures, t, prefix: "");
        return page;
    }
}
