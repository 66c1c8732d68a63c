using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qingyun.Data;
using Qingyun.Domain.Access;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Cadres;

/// <summary>A cadre's record: the posts they hold and held, and their trainings.</summary>
[RequirePermission(Permission.PeopleRead)]
public sealed class DetailsModel(BrowseCadres browse, AppDbContext db, IStringLocalizer<SharedResource> t) : PageModel
{
    public CadreDetails? Details { get; private set; }

    /// <summary>The units of this cadre's terms the caller manages: where a training may be kept.</summary>
    public IReadOnlyList<(Guid Id, string Name)> ManagedUnits { get; private set; } = [];

    public HashSet<Guid> ManagedUnitIds { get; private set; } = [];
    public DateOnly Today => browse.Today;

    [BindProperty] public Guid? UnitId { get; set; }
    [BindProperty] public string? Course { get; set; }
    [BindProperty] public string? Organizer { get; set; }
    [BindProperty] public DateOnly? AttendedOn { get; set; }
    [BindProperty] public decimal? Hours { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var r = await browse.CadreAsync(id, ct);
        if (!r.Ok)
        {
            return NotFound();
        }
        Details = r.Value;
        var unitIds = Details!.Terms.Select(x => x.UnitId).Distinct().ToList();
        var units = await db.OrgUnits.Where(u => unitIds.Contains(u.Id)).Select(u => new { u.Id, u.Name, u.Path }).ToListAsync(ct);
        var managed = units.Where(u => db.Scope.Covers(u.Path, Permission.PeopleManage)).ToList();
        ManagedUnits = managed.Select(u => (u.Id, u.Name)).ToList();
        ManagedUnitIds = managed.Select(u => u.Id).ToHashSet();
        return Page();
    }

    public async Task<IActionResult> OnPostAddTrainingAsync(Guid id, [FromServices] RecordTraining.Handler handler, CancellationToken ct)
    {
        var r = await handler.Handle(new RecordTraining.Command(id, UnitId, Course, Organizer, AttendedOn, Hours), ct);
        if (r.Ok)
        {
            TempData["Flash"] = t["Common.Saved"].Value;
            return Redirect($"/cadres/{id}#trainings");
        }
        if (r.Failures.Any(f => f.Status is 404 or 403))
        {
            return StatusCode(r.Failures.Max(f => f.Status));
        }
        var page = await OnGetAsync(id, ct);
        this.ShowFailures(r.Failures, t, prefix: "");
        return page;
    }

    public async Task<IActionResult> OnPostDeleteTrainingAsync(Guid id, Guid trainingId, [FromServices] DeleteTraining.Handler handler, CancellationToken ct)
    {
        // The training must be this cadre's: a foreign id in the route never reaches a record.
        var visible = await browse.CadreAsync(id, ct);
        if (!visible.Ok || visible.Value!.Trainings.All(x => x.Id != trainingId))
        {
            return NotFound();
        }
        var r = await handler.Handle(trainingId, ct);
        if (!r.Ok)
        {
            return StatusCode(r.Failures.Max(f => f.Status));
        }
        TempData["Flash"] = t["Cadres.TrainingDeleted"].Value;
        return Redirect($"/cadres/{id}#trainings");
    }
}
