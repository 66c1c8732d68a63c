using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Qingyun.Domain.Access;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Training;

/// <summary>/training/courses/{id}: a course, its sessions and how many completed; a new session; the course corrected.</summary>
[RequirePermission(Permission.ServiceRead)]
public sealed class CourseModel(BrowseTraining browse, IStringLocalizer<SharedResource> t) : PageModel
{
    public CourseDetails? Details { get; private set; }

    [BindProperty] public DateTime? StartsAt { get; set; }
    [BindProperty] public DateTime? EndsAt { get; set; }
    [BindProperty] public string? Place { get; set; }
    [BindProperty] public string? Teacher { get; set; }

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public int? Minutes { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var r = await browse.CourseAsync(id, ct);
        if (!r.Ok)
        {
            return NotFound();
        }
        Details = r.Value;
        return Page();
    }

    public async Task<IActionResult> OnPostScheduleAsync(Guid id, [FromServices] ScheduleSession.Handler handler, CancellationToken ct)
    {
        var r = await handler.Handle(new ScheduleSession.Command(id, ChinaTime(StartsAt), ChinaTime(EndsAt), Place, Teacher), ct);
        if (r.Ok)
        {
            TempData["Flash"] = t["Common.Saved"].Value;
            return Redirect($"/training/sessions/{r.Value!.Id}");
        }
        return await Refused(id, r.Failures, ct);
    }

    public async Task<IActionResult> OnPostEditAsync(Guid id, [FromServices] SaveCourse.Handler handler, CancellationToken ct)
    {
        var r = await handler.Handle(new SaveCourse.Command(id, null, Name, Description, Minutes), ct);
        if (r.Ok)
        {
            TempData["Flash"] = t["Common.Saved"].Value;
            return Redirect($"/training/courses/{id}");
        }
        return await Refused(id, r.Failures, ct);
    }

    private async Task<IActionResult> Refused(Guid id, IReadOnlyList<Domain.Failure> failures, CancellationToken ct)
    {
        if (failures.Any(f => f.Status is 404 or 403))
        {
            return StatusCode(failures.Max(f => f.Status));
        }
        var page = await OnGetAsync(id, ct);
        this.ShowFailures(failures, t, prefix: "");
        return page;
    }

    /// <summary>A date and time typed on the page is China time.</summary>
    public static DateTimeOffset? ChinaTime(DateTime? local) =>
        local is { } l ? new DateTimeOffset(DateTime.SpecifyKind(l, DateTimeKind.Unspecified), Localization.ChinaTime.GetUtcOffset(l)) : null;
}
