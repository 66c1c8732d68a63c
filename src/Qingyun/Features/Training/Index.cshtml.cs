using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Qingyun.Domain.Access;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Training;

/// <summary>/training: the courses of the units in scope, and a new course for a unit the caller manages.</summary>
[RequirePermission(Permission.ServiceRead)]
public sealed class IndexModel(BrowseTraining browse, CurrentScope scope, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid? UnitId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public int? Minutes { get; set; }

    public IReadOnlyList<CourseRow> Courses { get; private set; } = [];

    /// <summary>The units where the caller may define a course: those of their grants with ServiceManage.</summary>
    public IReadOnlyList<ScopeGrant> ManagedUnits => scope.Grants.Where(g => Roles.Allows(g.Role, Permission.ServiceManage)).DistinctBy(g => g.UnitId).ToList();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var r = await browse.CoursesAsync(UnitId, Q, ct);
        if (!r.Ok)
        {
            return NotFound();
        }
        Courses = r.Value!;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromServices] SaveCourse.Handler handler, CancellationToken ct)
    {
        var r = await handler.Handle(new SaveCourse.Command(null, UnitId, Name, Description, Minutes), ct);
        if (r.Ok)
        {
            TempData["Flash"] = t["Common.Saved"].Value;
            return Redirect($"/training/courses/{r.Value!.Id}");
        }
        if (r.Failures.Any(f => f.Status is 404 or 403))
        {
            return StatusCode(r.Failures.Max(f => f.Status));
        }
        UnitId = null;
        var page = await OnGetAsync(ct);
        this.ShowFailures(r.Failures, t, prefix: "");
        return page;
    }
}
