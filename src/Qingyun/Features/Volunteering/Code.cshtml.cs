using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qingyun.Data;
using Qingyun.Domain.Access;
using Qingyun.Domain.Activities;
using Qingyun.Security;

namespace Qingyun.Features.Volunteering;

/// <summary>
/// The organizer's phone on site: a QR code that changes every 30 seconds and the 6-digit code of the
/// minute. The page fetches the next code itself (no reload), and works without script by refreshing.
/// </summary>
[RequirePermission(Permission.ServiceManage)]
public sealed class CodeModel(AppDbContext db, CheckInCodes codes) : PageModel
{
    public Activity? Activity { get; private set; }
    public string Svg { get; private set; } = "";
    public string Digits { get; private set; } = "";
    public int SecondsLeft { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var a = await db.OwnedAsync(db.Activities, x => x.Id == id, Permission.ServiceManage, ct);
        if (!a.Ok)
        {
            return a.Failures[0].Status == 404 ? NotFound() : Forbid();
        }
        Activity = a.Value;
        Svg = CheckInCodes.Svg($"{Request.Scheme}://{Request.Host}{CheckInCodes.CheckPath(Activity!)}{codes.ActivityToken(Activity!)}");
        Digits = codes.Digits(Activity!);
        SecondsLeft = codes.SecondsLeft();
        return Page();
    }

    /// <summary>Just the code block, for the page's own refresh.</summary>
    public async Task<IActionResult> OnGetFragmentAsync(Guid id, CancellationToken ct)
    {
        var page = await OnGetAsync(id, ct);
        return page is PageResult ? Partial("_Code", this) : page;
    }
}
