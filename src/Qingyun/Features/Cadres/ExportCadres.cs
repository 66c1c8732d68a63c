using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;
using Qingyun.Domain;
using Qingyun.Domain.Audit;
using Qingyun.Domain.Cadres;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Cadres;

/// <summary>
/// The filtered cadre list as a workbook with the import template's columns (so it can be corrected and
/// re-imported elsewhere), numbers masked, every cell safe against formula injection, the export audited.
/// </summary>
public sealed class ExportCadres(BrowseCadres browse, AuditLog audit, IStringLocalizer<SharedResource> t)
{
    public async Task<Result<string>> ToFileAsync(CadreFilter filter, CancellationToken ct)
    {
        var q = await browse.QueryAsync(filter with { After = null }, ct);
        if (!q.Ok)
        {
            return Result<string>.Fail(q.Failures);
        }
        var today = browse.Today;
        var file = Path.Combine(Path.GetTempPath(), $"qingyun-cadres-{Guid.NewGuid():N}.xlsx");
        var count = 0;
        var hidden = t["Cadres.PersonElsewhere"].Value;
        var rows = q.Value!.OrderBy(r => r.Id).AsNoTracking().AsEnumerable().Select(r =>
        {
            count++;
            return new Dictionary<string, object?>
            {
                [ImportCadres.NameHeader] = ExcelCells.Safe(r.Name ?? hidden),
                [ImportCadres.IdNumberHeader] = r.IdNumberMasked,
                [ImportCadres.PhoneHeader] = r.PhoneMasked,
                [ImportCadres.UnitCodeHeader] = ExcelCells.Safe(r.UnitCode),
                [t["Cadres.UnitName"]] = ExcelCells.Safe(r.UnitName),
                [ImportCadres.PostHeader] = CadreInput.NameOf(r.Post),
                [ImportCadres.KindHeader] = CadreInput.NameOf(r.Kind),
                [ImportCadres.StartHeader] = r.StartedOn.ShowDate(),
                [ImportCadres.PlannedEndHeader] = r.PlannedEndOn?.ShowDate(),
                [t["Cadres.Overdue"]] = r.OverdueOn(today) ? t["Common.Yes"].Value : t["Common.No"].Value,
            };
        });
        await using (var stream = File.Create(file))
        {
            await stream.SaveAsAsync(rows, sheetName: "团干部", cancellationToken: ct);
        }
        await audit.RecordAsync(AuditAction.Export, nameof(CadreTerm), null, filter.UnitId, changes: $"{{\"rows\":{count}}}", ct: ct);
        return file;
    }
}
