using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qingyun.Data;
using Qingyun.Domain.Access;
using Qingyun.Domain.Activities;
using Qingyun.Domain.Hubs;
using Qingyun.Features.Pool;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Series;

/// <summary>A series: its rule, the preview of the dates generating would create (and those skipped, with why), and its activities.</summary>
[RequirePermission(Permission.ServiceRead)]
public sealed class SeriesModel(AppDbContext db, SeriesDesk desk, IStringLocalizer<SharedResource> t) : PageModel
{
    public ActivitySeries? Series { get; private set; }
    public SeriesPlan? Plan { get; private set; }
    public string UnitName { get; private set; } = "";
    public string? TeacherName { get; private set; }
    public string? TopicTitle { get; private set; }
    public IReadOnlyList<Activity> Activities { get; private set; } = [];
    public bool CanManage { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var preview = await desk.PreviewAsync(id, ct);
        if (!preview.Ok)
        {
            return NotFound();
        }
        Series = preview.Value!.Series;
        Plan = preview.Value.Plan;
        var unit = await db.OrgUnits.AsNoTracking().FirstAsync(u => u.Id == Series.UnitId, ct);
        UnitName = unit.Name;
        CanManage = db.Scope.Covers(unit.Path, Permission.ServiceManage);
        var pool = await PoolChoices.ForUnitAsync(db, Series.UnitId, ct);
        TeacherName = pool.Teachers.FirstOrDefault(x => x.Id == Series.TeacherId)?.Name;
        TopicTitle = pool.Topics.FirstOrDefault(x => x.Id == Series.TopicId)?.Title;
        Activities = await db.Activities.AsNoTracking().Where(a => a.SeriesId == id).OrderBy(a => a.StartsAt).ToListAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostGenerateAsync(Guid id, CancellationToken ct)
    {
        var r = await desk.GenerateAsync(id, ct);
        if (r.Ok)
        {
            TempData["Flash"] = t["Series.GeneratedCount", r.Value!.Activities.Count].Value;
            return Redirect($"/hubs/series/{id}");
        }
        if (this.Denied(r.Failures) is { } denied)
        {
            return denied;
        }
        if (await OnGetAsync(id, ct) is not PageResult)
        {
            return NotFound();
        }
        this.ShowFailures(r.Failures, t, prefix: "");
        return Page();
    }
}
