using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Qingyun.Domain.Access;
using Qingyun.Features.Organization;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Accounts;

[RequirePermission(Permission.AccountsManage)]
public sealed class CreateModel(CreateAccount.Handler handler, BrowseUnits units, IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed class InputModel
    {
        public string? UserName { get; set; }
        public string? DisplayName { get; set; }
        public string? Phone { get; set; }
        public Guid? UnitId { get; set; }
        public Role Role { get; set; } = Role.Cadre;
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string? Password { get; private set; }
    public IReadOnlyList<UnitRow> Units { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? UnitQ { get; set; }

    /// <summary>Only the roles this admin could hand out somewhere.</summary>
    public IEnumerable<Role> GrantableRoles(CurrentScope scope) =>
        Enum.GetValues<Role>().Where(r => scope.Unrestricted || scope.Grants.Any(g => Roles.CanGrant(scope.RolesOver(g.UnitPath), r)));

    public async Task OnGetAsync(Guid? unitId, CancellationToken ct)
    {
        Input.UnitId = unitId;
        Units = await units.PickWithAsync(UnitQ, Permission.AccountsManage, unitId, ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var r = await handler.Handle(new CreateAccount.Command(Input.UserName, Input.DisplayName, Input.Phone, Input.UnitId, Input.Role), ct);
        Units = await units.PickWithAsync(UnitQ, Permission.AccountsManage, Input.UnitId, ct);
        if (r.Ok)
        {
            Password = r.Value!.TemporaryPassword;
            return Page();
        }
        this.ShowFailures(r.Failures, t);
        return Page();
    }
}
