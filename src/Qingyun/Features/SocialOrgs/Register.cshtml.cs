using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qingyun.Data;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.SocialOrgs;

/// <summary>
/// 组织自主申报, open to anyone (decision 013): the unit's poster or link carries its code
/// (<c>/social-orgs/register?unit=CODE</c>); the organization fills its profile and chooses its sign-in,
/// is signed in and lands on its own page while the unit reviews it.
/// </summary>
[AllowAnonymous]
public sealed class RegisterModel(RegisterSocialOrg register, SignInManager<AppUser> signIn, AppDbContext db, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Unit { get; set; }
    [BindProperty] public SocialOrgForm Input { get; set; } = new();
    [BindProperty] public string? UserName { get; set; }
    [BindProperty] public string? Password { get; set; }

    public string? UnitName { get; private set; }
    public bool UnknownUnit { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadUnitAsync(ct);

    private async Task LoadUnitAsync(CancellationToken ct)
    {
        var code = Unit?.Trim();
        UnitName = string.IsNullOrEmpty(code) ? null
            : await db.OrgUnits.IgnoreQueryFilters().Where(u => u.Code == code && u.ClosedAt == null).Select(u => u.Name).FirstOrDefaultAsync(ct);
        UnknownUnit = !string.IsNullOrEmpty(code) && UnitName is null;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var r = await register.Handle(new RegisterSocialOrg.Command(Unit, Input.ToInput(), UserName, Password), ct);
        if (!r.Ok)
        {
            db.ChangeTracker.Clear();
            await LoadUnitAsync(ct);
            this.ShowFailures(r.Failures, t);
            return Page();
        }
        await signIn.PasswordSignInAsync(UserName!.Trim(), Password!, isPersistent: true, lockoutOnFailure: false);
        TempData["Flash"] = t["SocialOrgs.Registered"].Value;
        return Redirect("/org");
    }
}
