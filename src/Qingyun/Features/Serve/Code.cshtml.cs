using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Qingyun.Features.Volunteering;
using Qingyun.Infrastructure;
using Qingyun.Resources;

namespace Qingyun.Features.Serve;

/// <summary>For those who cannot scan: the 6-digit code shown on the organizer's phone.</summary>
[Authorize]
public sealed class CodeModel(AttendanceDesk desk, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty] public string? Digits { get; set; }
    public AttendanceDesk.Outcome? Done { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(Direction direction, CancellationToken ct)
    {
        var r = await desk.ByDigitsAsync(Digits, direction, ct);
        if (!r.Ok)
        {
            this.ShowFailures(r.Failures, t, prefix: "");
            return Page();
        }
        Done = r.Value;
        Digits = null;
        return Page();
    }
}
