using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qingyun.Data;
using Qingyun.Domain.Access;
using Qingyun.Domain.Building;
using Qingyun.Infrastructure;
using Qingyun.Security;

namespace Qingyun.Features.Building;

/// <summary>
/// A unit's League building at a glance: organizations by status, the year's progress against the
/// target for the unit and each child unit, and the filtered list of organizations in its subtree.
/// </summary>
[RequirePermission(Permission.PeopleRead)]
public sealed class IndexModel(BrowseOrganizations browse, BuildingProgress progress, AppDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid? UnitId { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public string? Name { get; set; }
    [BindProperty(SupportsGet = true)] public BuildingStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public NewOrganizationKind? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public bool? HasPartyOrganization { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? After { get; set; }

    public int ThisYear => clock.ChinaToday().Year;
    public int ShownYear => Year ?? ThisYear;
    public OrganizationFilter Filter => new(UnitId, Name, Status, Kind, HasPartyOrganization, After);
    public ProgressReport? Progress { get; private set; }
    public OrganizationPage? Results { get; private set; }
    public bool CanManage { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        UnitId ??= BrowseOrganizations.DefaultUnit(db);
        var p = await progress.Handle(UnitId, ShownYear, ct);
        if (!p.Ok)
        {
            return p.Failures.Any(f => f.Field == "Year") ? BadRequest() : NotFound();
        }
        Progress = p.Value;
        var r = await browse.ListAsync(Filter, ct);
        if (!r.Ok)
        {
            return NotFound();
        }
        Results = r.Value;
        CanManage = db.Scope.Has(Permission.PeopleManage);
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync([FromServices] ExportOrganizations export, CancellationToken ct)
    {
        UnitId ??= BrowseOrganizations.DefaultUnit(db);
        var r = await export.ToFileAsync(Filter, ct);
        if (!r.Ok)
        {
            return NotFound();
        }
        var stream = new FileStream(r.Value!, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.DeleteOnClose);
        return File(stream, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"两新组织-{clock.ChinaToday():yyyyMMdd}.xlsx");
    }

    /// <summary>
    /// The figures' targets page for this unit and year on one of the two building indicators: it sets the unit's and
    /// its child units' targets (the other indicator is one choice away in its list).
    /// </summary>
    public string TargetsLink(string code) =>
        $"/figures/targets?unit={Progress!.UnitId}&year={Progress.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)}&code={code}";

    /// <summary>This page's filters as a link, for the next page, the export, or another unit or year.</summary>
    public string Link(string? handler = null, Guid? after = null, Guid? unitId = null, bool keepFilters = true) => "/building" + QueryString.Create(new Dictionary<string, string?>
    {
        ["handler"] = handler, ["UnitId"] = (unitId ?? UnitId)?.ToString(), ["Year"] = Year?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Name"] = keepFilters ? Name : null, ["Status"] = keepFilters ? Status?.ToString() : null, ["Kind"] = keepFilters ? Kind?.ToString() : null,
        ["HasPartyOrganization"] = keepFilters ? HasPartyOrganization?.ToString() : null, ["After"] = after?.ToString(),
    }.Where(kv => kv.Value is not null));
}
