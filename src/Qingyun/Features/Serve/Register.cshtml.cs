using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qingyun.Data;
using Qingyun.Features.Volunteering;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Serve;

/// <summary>志愿者注册 on a phone, open to anyone; the organization's poster or QR code carries its unit code.</summary>
[AllowAnonymous]
public sealed class RegisterModel(RegisterVolunteer register, SignInManager<AppUser> signIn, AppDbContext db, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Unit { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? IdNumber { get; set; }
    [BindProperty] public string? Phone { get; set; }
    [BindProperty] public string? UserName { get; set; }
    [BindProperty] public string? Password { get; set; }

    public ProfileForm Profile { get; private set; } = new();
    public string? UnitName { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadUnitAsync(ct);

    private async Task LoadUnitAsync(CancellationToken ct)
    {
        var code = Unit?.Trim();
        UnitName = string.IsNullOrEmpty(code) ? null
            : await db.OrgUnits.IgnoreQueryFilters().Where(u => u.Code == code && u.ClosedAt == null).Select(u => u.Name).FirstOrDefaultAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Profile = ProfileForm.Read(Request.Form, askGuardian: true);
        var r = await register.SelfAsync(new RegisterVolunteer.SelfCommand(Unit, Name, IdNumber, Phone, UserName, Password, Profile.ToProfile()), ct);
        if (!r.Ok)
        {
            await LoadUnitAsync(ct);
            this.ShowFailures(r.Failures, t, prefix: "");
            return Page();
        }
        await signIn.PasswordSignInAsync(UserName!.Trim(), Password!, isPersistent: true, lockoutOnFailure: false);
        TempData["Flash"] = t["Serve.Registered", r.Value!.Number].Value;
        return Redirect("/serve");
    }
}
