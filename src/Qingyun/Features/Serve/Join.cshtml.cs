using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qingyun.Security;
using Qingyun.Data;
using Qingyun.Features.Volunteering;
using Qingyun.Infrastructure;
using Qingyun.Resources;

namespace Qingyun.Features.Serve;

/// <summary>A signed-in account with a person (a League member, a young person) becomes a volunteer.</summary>
[Authorize]
public sealed class JoinModel(RegisterVolunteer register, AppDbContext db, IStringLocalizer<SharedResource> t) : PageModel
{
    public ProfileForm Profile { get; private set; } = new();

    public async Task OnGetAsync(CancellationToken ct) => Profile.AskGuardian = await IsMinorAsync(ct);

    private async Task<bool> IsMinorAsync(CancellationToken ct)
    {
        var personId = await db.OwnPersonIdAsync(ct);
        var born = personId is null ? (DateOnly?)null : await db.People.IgnoreQueryFilters().Where(p => p.Id == personId).Select(p => (DateOnly?)p.BirthDate).FirstOrDefaultAsync(ct);
        return born is { } b && b.AddYears(Domain.Volunteering.Volunteer.AdultAge) > DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Profile = ProfileForm.Read(Request.Form, await IsMinorAsync(ct));
        var r = await register.JoinAsync(Profile.ToProfile(), ct);
        if (!r.Ok)
        {
            this.ShowFailures(r.Failures, t, prefix: "");
            return Page();
        }
        TempData["Flash"] = t["Serve.Registered", r.Value!.Number].Value;
        return Redirect("/serve");
    }
}
