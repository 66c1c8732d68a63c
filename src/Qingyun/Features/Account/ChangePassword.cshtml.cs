using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Account;

[Authorize]
public sealed class ChangePasswordModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public string? Current { get; set; }

    [BindProperty]
    public string? New { get; set; }

    [BindProperty]
    public string? Confirm { get; set; }

    public bool Forced { get; private set; }

    public async Task OnGetAsync() => Forced = (await users.GetUserAsync(User))?.MustChangePassword == true;

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        Forced = user.MustChangePassword;
        if (string.IsNullOrEmpty(New) || New != Confirm)
        {
            ModelState.AddModelError(nameof(Confirm), t["ChangePassword.Mismatch"]);
            return Page();
        }
        if (New == Current)
        {
            ModelState.AddModelError(nameof(New), t["ChangePassword.Same"]);
            return Page();
        }
        var result = await users.ChangePasswordAsync(user, Current ?? "", New);
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors)
            {
                ModelState.AddModelError(e.Code == "PasswordMismatch" ? nameof(Current) : nameof(New), e.Description);
            }
            return Page();
        }
        user.MustChangePassword = false;
        await users.UpdateAsync(user);
        await signIn.RefreshSignInAsync(user);
        TempData["Flash"] = t["ChangePassword.Done"].Value;
        return Redirect("/");
    }
}
