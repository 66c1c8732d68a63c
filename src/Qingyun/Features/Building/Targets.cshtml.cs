using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Qingyun.Data;
using Qingyun.Domain.Access;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Building;

/// <summary>
/// Sets a year's targets for a unit's child units (and for the unit itself when the caller is above it),
/// in one form: a district admin gives each street its number of organizations and new members.
/// </summary>
[RequirePermission(Permission.UnitsManage)]
public sealed class TargetsModel(BuildingProgress progress, AppDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid? UnitId { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty] public List<SetBuildingTarget.Line> Lines { get; set; } = [];

    public ProgressReport? Report { get; private set; }
    public IReadOnlyList<ProgressLine> Editable { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnPostAsync([FromServices] SetBuildingTarget.Handler handler, CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } failed)
        {
            return failed;
        }
        var r = await handler.Handle(new SetBuildingTarget.Command(Report!.Year, Lines), ct);
        if (r.Ok)
        {
            TempData["Flash"] = t["Common.Saved"].Value;
            return Redirect($"/building?unitId={Report.UnitId}&year={Report.Year}");
        }
        if (r.Failures.Any(f => f.Status is 403 or 404))
        {
            return StatusCode(r.Failures.Max(f => f.Status));
        }
        this.ShowFailures(r.Failures, t, prefix: "");
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        UnitId ??= BrowseOrganizations.DefaultUnit(db);
        var r = await progress.Handle(UnitId, Year ?? clock.ChinaToday().Year, ct);
        if (!r.Ok)
        {
            return r.Failures.Any(f => f.Field == "Year") ? BadRequest() : NotFound();
        }
        Report = r.Value;
        Editable = r.Value!.Children.Where(c => !c.Direct).Prepend(r.Value.Total).Where(l => l.CanSetTarget).ToList();
        return Editable.Count == 0 ? StatusCode(403) : null;
    }
}
