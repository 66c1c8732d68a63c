using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Qingyun.Domain.Access;
using Qingyun.Features.Organization;
using Qingyun.Features.Serve;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Volunteering;

/// <summary>An organization registers a volunteer from a signed paper form (组织代为登记).</summary>
[RequirePermission(Permission.ServiceManage)]
public sealed class NewVolunteerModel(RegisterVolunteer register, BrowseUnits browseUnits, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? UnitQ { get; set; }
    [BindProperty] public Guid? UnitId { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? IdNumber { get; set; }
    [BindProperty] public string? Phone { get; set; }

    public IReadOnlyList<UnitRow> Units { get; private set; } = [];
    public ProfileForm Profile { get; private set; } = new();

    public async Task OnGetAsync(CancellationToken ct) => Units = await browseUnits.PickWithAsync(UnitQ, Permission.ServiceManage, UnitId, ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Profile = ProfileForm.Read(Request.Form, askGuardian: true);
        var r = await register.OrganizationAsync(new RegisterVolunteer.OrganizationCommand(UnitId, Name, IdNumber, Phone, Profile.ToProfile()), ct);
        if (r.Ok)
        {
            TempData["Flash"] = t["Serve.Registered", r.Value!.Number].Value;
            return Redirect($"/volunteering/volunteers/{r.Value.Id}");
        }
        await OnGetAsync(ct);
        this.ShowFailures(r.Failures, t, prefix: "");
        return Page();
    }
}
