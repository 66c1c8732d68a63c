using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Qingyun.Domain.Access;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Training;

/// <summary>/training/sessions/{id}: the attendance grid, made for an organizer's phone at the door.</summary>
[RequirePermission(Permission.ServiceRead)]
public sealed class SessionModel(BrowseTraining browse, IStringLocalizer<SharedResource> t) : PageModel
{
    public SessionDetails? Details { get; private set; }

    [BindProperty] public string? VolunteerNumber { get; set; }
    [BindProperty] public bool Attended { get; set; }
    [BindProperty] public bool Completed { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var r = await browse.SessionAsync(id, ct);
        if (!r.Ok)
        {
            return NotFound();
        }
        Details = r.Value;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, [FromServices] MarkAttendance.Handler handler, CancellationToken ct)
    {
        var r = await handler.Handle(new MarkAttendance.Command(id, VolunteerNumber, Attended, Completed), ct);
        if (r.Ok)
        {
            TempData["Flash"] = t["Training.Marked", r.Value!.VolunteerNumber].Value;
            return Redirect($"/training/sessions/{id}#v-{r.Value.VolunteerNumber}");
        }
        if (r.Failures.Any(f => f.Status is 404 or 403))
        {
            return StatusCode(r.Failures.Max(f => f.Status));
        }
        var page = await OnGetAsync(id, ct);
        this.ShowFailures(r.Failures, t, prefix: "");
        return page;
    }
}
