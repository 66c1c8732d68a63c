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

/// <summary>The organizer's desk: projects, coming activities, and what waits for an answer.</summary>
[RequirePermission(Permission.ServiceRead)]
public sealed class IndexModel(AppDbContext db, ActivityDesk desk, Organization.BrowseUnits browseUnits, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed record ProjectRow(ServiceProject Project, string UnitName, int Activities);

    public IReadOnlyList<ProjectRow> Projects { get; private set; } = [];
    public IReadOnlyList<Activity> Coming { get; private set; } = [];
    public int OpenDisputes { get; private set; }
    public int PendingSignUps { get; private set; }
    public int MissingCheckOuts { get; private set; }
    public int ToConfirm { get; private set; }
    public int Volunteers { get; private set; }

    [BindProperty(SupportsGet = true)] public string? UnitQ { get; set; }
    public IReadOnlyList<Organization.UnitRow> Units { get; private set; } = [];
    [BindProperty] public Guid? UnitId { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public ServiceArea Area { get; set; } = ServiceArea.Community;
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public DateOnly? StartsOn { get; set; }
    [BindProperty] public DateOnly? EndsOn { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var projects = await db.ServiceProjects.AsNoTracking().OrderByDescending(p => p.Id).Take(50).ToListAsync(ct);
        var ids = projects.Select(p => p.Id).ToList();
        var counts = await db.Activities.Where(a => a.ProjectId != null && ids.Contains(a.ProjectId.Value)).GroupBy(a => a.ProjectId!.Value)
            .Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
        var unitIds = projects.Select(p => p.UnitId).Distinct().ToList();
        var units = await db.OrgUnits.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        Projects = [.. projects.Select(p => new ProjectRow(p, units.GetValueOrDefault(p.UnitId, ""), counts.GetValueOrDefault(p.Id)))];
        Coming = await db.Activities.AsNoTracking().Where(a => a.EndsAt > now && a.State != ActivityState.Cancelled).OrderBy(a => a.StartsAt).Take(20).ToListAsync(ct);
        OpenDisputes = await db.Disputes.CountAsync(d => d.State == DisputeState.Open, ct);
        PendingSignUps = await db.SignUps.CountAsync(s => s.State == SignUpState.Pending, ct);
        var closed = now - AttendanceDesk.CheckOutCloses;
        MissingCheckOuts = await db.Attendances.CountAsync(a => a.State == AttendanceState.CheckedIn && db.Activities.Any(x => x.Id == a.ActivityId && x.EndsAt < closed), ct);
        ToConfirm = await db.Attendances.CountAsync(a => a.State == AttendanceState.CheckedOut, ct);
        Volunteers = await db.Volunteers.CountAsync(ct);
        Units = db.Scope.Has(Permission.ServiceManage) ? await browseUnits.PickWithAsync(UnitQ, Permission.ServiceManage, UnitId, ct) : [];
        StartsOn ??= clock.ChinaToday();
        EndsOn ??= StartsOn.Value.AddMonths(3);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var r = await desk.CreateProjectAsync(new ActivityDesk.ProjectCommand(UnitId, Name, Area, Description, StartsOn, EndsOn), ct);
        if (r.Ok)
        {
            TempData["Flash"] = t["Common.Saved"].Value;
            return Redirect($"/volunteering/projects/{r.Value!.Id}");
        }
        await OnGetAsync(ct);
        this.ShowFailures(r.Failures, t, prefix: "");
        return Page();
    }
}
