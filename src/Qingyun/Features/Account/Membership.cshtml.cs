using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Qingyun.Domain.Rosters;
using Qingyun.Features.Transfers;
using Qingyun.Infrastructure;
using Qingyun.Resources;

namespace Qingyun.Features.Account;

/// <summary>我的团籍: a member sees their own membership and asks to move to another branch.</summary>
[Authorize]
public sealed class MembershipModel(OwnMembership own, TransferSteps steps, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty] public string? ToUnitCode { get; set; }
    [BindProperty] public TransferReason Reason { get; set; } = TransferReason.Employment;
    [BindProperty] public string? Note { get; set; }

    public OwnMembership.View? Mine { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Mine = await own.LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await own.PersonIdAsync(ct) is not { } personId)
        {
            return NotFound();
        }
        var r = await steps.StartAsMemberAsync(personId, new TransferSteps.StartCommand(null, null, null, null, ToUnitCode, Reason, Note), ct);
        if (r.Ok)
        {
            TempData["Flash"] = t["Transfers.Started"].Value;
            return Redirect("/account/membership");
        }
        Mine = await own.LoadAsync(ct);
        this.ShowFailures(r.Failures, t, prefix: "");
        return Page();
    }
}
