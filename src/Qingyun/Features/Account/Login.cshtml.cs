using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qingyun.Domain.Audit;
using Qingyun.Domain.People;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Account;

/// <summary>Sign in by user name or mobile phone; five wrong passwords lock the account for 15 minutes.</summary>
[AllowAnonymous]
public sealed class LoginModel(SignInManager<AppUser> signIn, UserManager<AppUser> users, CurrentScope scope, AuditLog audit, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public string? Login { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var login = (Login ?? "").Trim();
        if (login.Length == 0 || string.IsNullOrEmpty(Password))
        {
            ModelState.AddModelError("", t["Login.Missing"]);
            return Page();
        }
        var user = await users.FindByNameAsync(login);
        if (user is null && Phone.TryNormalize(login, out var phone))
        {
            user = await users.Users.FirstOrDefaultAsync(u => u.PhoneNumber == phone);
        }
        if (user is null || user.DisabledAt is not null)
        {
            // What was typed may be a password in the wrong box: keep only enough to spot an attack.
            await audit.RecordAsync(AuditAction.LoginFailed, "Account", login.Length > 16 ? login[..16] + "…" : login, null);
            ModelState.AddModelError("", t["Login.Wrong"]);
            return Page();
        }
        var result = await signIn.CheckPasswordSignInAsync(user, Password, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            await audit.RecordAsync(AuditAction.LoginFailed, "Account", user.Id.ToString(), user.HomeUnitId, changes: "{\"lockedOut\":true}");
            ModelState.AddModelError("", t["Login.LockedOut"]);
            return Page();
        }
        if (!result.Succeeded)
        {
            await audit.RecordAsync(AuditAction.LoginFailed, "Account", user.Id.ToString(), user.HomeUnitId);
            ModelState.AddModelError("", t["Login.Wrong"]);
            return Page();
        }
        await signIn.SignInAsync(user, isPersistent: false);
        scope.Load(user.Id, user.UserName ?? user.DisplayName, []);
        await audit.RecordAsync(AuditAction.Login, "Account", user.Id.ToString(), user.HomeUnitId);
        if (user.MustChangePassword)
        {
            return Redirect("/account/change-password");
        }
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }
}
