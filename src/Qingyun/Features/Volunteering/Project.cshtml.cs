using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qingyun.Data;
using Qingyun.Domain.Access;
using Qingyun.Domain.Activities;
using Qingyun.Domain.Volunteering;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Volunteering;

/// <summary>A project and its activities; a new activity is added here (a draft until it has positions and is published).</summary>
[RequirePermission(Permission.ServiceRead)]
public sealed class ProjectModel(AppDbContext db, ActivityDesk desk, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    public ServiceProject? Project { get; private set; }
    public string UnitName { get; private set; } = "";
    public IReadOnlyList<Activity> Activities { get; private set; } = [];
    public bool CanManage { get; private set; }

    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Place { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public DateTime? StartsAt { get; set; }
    [BindProperty] public DateTime? EndsAt { get; set; }
    [BindProperty] public string? ContactName { get; set; }
    [BindProperty] public string? ContactPhone { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Project = await db.ServiceProjects.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (Project is null)
        {
            return NotFound();
        }
        var unit = await db.OrgUnits.AsNoTracking().FirstAsync(u => u.Id == Project.UnitId, ct);
        UnitName = unit.Name;
        CanManage = db.Scope.Covers(unit.Path, Permission.ServiceManage);
        Activities = await db.Activities.AsNoTracking().Where(a => a.ProjectId == id).OrderByDescending(a => a.StartsAt).ToListAsync(ct);
        if (StartsAt is null)
        {
            var tomorrow = clock.ChinaToday().AddDays(1);
            var day = tomorrow < Project.StartsOn ? Project.StartsOn : tomorrow;
            StartsAt = day.ToDateTime(new TimeOnly(9, 0));
            EndsAt = day.ToDateTime(new TimeOnly(12, 0));
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var r = await desk.CreateActivityAsync(new ActivityDesk.ActivityCommand(id, Title, Description, Place, ChinaTime.FromLocal(StartsAt), ChinaTime.FromLocal(EndsAt), ContactName, ContactPhone), ct);
        if (r.Ok)
        {
            TempData["Flash"] = t["Common.Saved"].Value;
            return Redirect($"/volunteering/activities/{r.Value!.Id}");
        }
        if (r.Failures.Any(f => f.Status == 404))
        {
            return NotFound();
        }
        await OnGetAsync(id, ct);
        this.ShowFailures(r.Failures, t, prefix: "");
        return Page();
    }

    public async Task<IActionResult> OnPostCloseAsync(Guid id, CancellationToken ct)
    {
        var r = await desk.CloseProjectAsync(id, ct);
        if (!r.Ok)
        {
            return r.Failures.Any(f => f.Status == 404) ? NotFound() : Forbid();
        }
        return Redirect($"/volunteering/projects/{id}");
    }
}

/// <summary>Times typed in a form are China time (the users' wall clock); stored as UTC.</summary>
public static class ChinaTime
{
    public static DateTimeOffset? FromLocal(DateTime? local) =>
        local is { } l ? new DateTimeOffset(DateTime.SpecifyKind(l, DateTimeKind.Unspecified), Localization.ChinaTime.GetUtcOffset(l)).ToUniversalTime() : null;

    public static string ForInput(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, Localization.ChinaTime).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
