using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Qingyun.Data;
using Qingyun.Domain.Volunteering;
using Qingyun.Features.Volunteering;
using Qingyun.Infrastructure;
using Qingyun.Resources;

namespace Qingyun.Features.Serve;

/// <summary>志愿服务记录: every line of the volunteer's record, reversals included, and a dispute on any line.</summary>
[Authorize]
public sealed class RecordModel(AppDbContext db, MyService mine, HoursRecord hours, IStringLocalizer<SharedResource> t) : PageModel
{
    public Volunteer? Volunteer { get; private set; }
    public IReadOnlyList<MyService.Line> Lines { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Volunteer = await VolunteerDirectory.OwnAsync(db, ct);
        if (Volunteer is not null)
        {
            Lines = await mine.RecordAsync(Volunteer.Id, ct);
        }
    }

    public async Task<IActionResult> OnPostDisputeAsync(Guid entryId, string? reason, decimal? claimedHours, CancellationToken ct)
    {
        var r = await hours.DisputeAsync(entryId, reason, claimedHours, ct);
        if (r.Ok)
        {
            TempData["Flash"] = t["Serve.DisputeSent"].Value;
            return Redirect("/serve/record");
        }
        await OnGetAsync(ct);
        this.ShowFailures(r.Failures, t, prefix: "");
        return Page();
    }
}
