using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Qingyun.Data;
using Qingyun.Infrastructure;
using Qingyun.Resources;

namespace Qingyun.Features.SocialOrgs;

/// <summary>
/// The organization's own home (/org): its record and review status with the rejection reason, its
/// incubation and partnership terms, and the form to correct and resubmit. Any signed-in account may open
/// it; one that is not an organization's sees a short note (nothing of anyone else's).
/// </summary>
[Authorize]
public sealed class OwnModel(OwnSocialOrg own, SocialOrgDetails details, AppDbContext db, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty] public SocialOrgForm Input { get; set; } = new();

    public SocialOrgView? View { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (View is not null)
        {
            Input = SocialOrgForm.From(View.Org);
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var r = await own.EditAsync(Input.ToInput(), ct);
        if (r.Ok)
        {
            TempData["Flash"] = t["Common.Saved"].Value;
            return Redirect("/org");
        }
        if (r.Failures.Any(f => f.Field == "Id"))
        {
            return NotFound();
        }
        db.ChangeTracker.Clear();
        await LoadAsync(ct);
        this.ShowFailures(r.Failures, t);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var org = await own.FindAsync(ct);
        View = org is null ? null : await details.ViewAsync(org, ct);
    }
}
