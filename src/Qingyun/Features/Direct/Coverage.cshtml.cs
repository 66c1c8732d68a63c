using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;
using Qingyun.Domain.Access;
using Qingyun.Domain.Audit;
using Qingyun.Features.Organization;
using Qingyun.Features.Pool;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Direct;

/// <summary>1+100 coverage of a unit's subtree: one row per cadre post, the totals, drill-down to who is not reached, export.</summary>
[RequirePermission(Permission.PeopleRead)]
public sealed class CoverageModel(Coverage coverage, BrowseUnits browseUnits, CurrentScope scope, AuditLog audit, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? UnitQ { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? UnitId { get; set; }

    public IReadOnlyList<UnitRow> Units { get; private set; } = [];
    public UnitCoverage? Result { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        UnitId ??= DefaultUnit();
        Units = await browseUnits.PickWithAsync(UnitQ, Permission.PeopleRead, UnitId, ct);
        if (UnitId is null)
        {
            return Page();
        }
        var r = await coverage.ForUnitAsync(UnitId, null, ct);
        if (!r.Ok)
        {
            return this.Denied(r.Failures) ?? NotFound();
        }
        Result = r.Value;
        return Page();
    }

    private Guid? DefaultUnit() =>
        scope.PathsWith(Permission.PeopleRead).FirstOrDefault() is { } path ? BrowseUnits.IdsOnPath(path).Last() : null;

    /// <summary>The per-cadre table as a workbook (names of cadres and units, numbers only), audited as an export.</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var r = await coverage.ForUnitAsync(UnitId ?? DefaultUnit(), null, ct);
        if (!r.Ok)
        {
            return this.Denied(r.Failures) ?? NotFound();
        }
        var c = r.Value!;
        string H(string key) => t[key].Value;
        var rows = c.Rows.Select(x => new Dictionary<string, object?>
        {
            [H("Field.UnitId")] = ExcelCells.Safe(x.UnitName), [H("Direct.Cadre")] = ExcelCells.Safe(x.CadreName), [H("Field.Post")] = t["CadrePost." + x.Post].Value,
            [H("Field.ContactQuota")] = x.Quota, [H("Direct.BoundHeader")] = x.Bound, [H("Direct.ContactedQuarter")] = x.Contacted,
            [H("Direct.OfflineQuarter")] = x.MetOffline, [H("Direct.FaceToFaceYear")] = x.FaceToFace,
        }).ToList();
        rows.Add(new Dictionary<string, object?>
        {
            [H("Field.UnitId")] = H("Direct.Total"), [H("Direct.Cadre")] = null, [H("Field.Post")] = null, [H("Field.ContactQuota")] = c.Totals.Quota,
            [H("Direct.BoundHeader")] = c.Totals.Bound, [H("Direct.ContactedQuarter")] = c.Totals.Contacted, [H("Direct.OfflineQuarter")] = c.Totals.MetOffline,
            [H("Direct.FaceToFaceYear")] = c.Totals.FaceToFace,
        });
        var stream = new MemoryStream();
        await stream.SaveAsAsync(rows, sheetName: "1+100", cancellationToken: ct);
        stream.Position = 0;
        await audit.RecordAsync(AuditAction.Export, "DirectCoverage", null, c.Unit.Id, changes: $"{{\"rows\":{c.Rows.Count}}}", ct: ct);
        return File(stream, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"1+100-{c.Unit.Code}-{c.Period.Label.Replace(' ', '-')}.xlsx");
    }
}
