using Microsoft.Extensions.Localization;
using MiniExcelLibs;
using Qingyun.Domain;
using Qingyun.Domain.Audit;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Indicators;

/// <summary>The records behind a figure as a workbook: one row per record, the figure's name and period on top; text cells formula-safe; audited.</summary>
public sealed class ExportRecords(Drill drill, Dashboard dashboard, AuditLog audit, IStringLocalizer<SharedResource> t)
{
    public async Task<Result<(byte[] Xlsx, string FileName)>> ToFileAsync(Guid? unitId, int? year, string? code, int? month, CancellationToken ct)
    {
        var r = await drill.ListAsync(unitId, year, code, month, ct);
        if (!r.Ok)
        {
            return Result<(byte[], string)>.Fail(r.Failures);
        }
        var v = r.Value!;
        var name = dashboard.NameOf(v.Indicator);
        var rows = v.Rows.Select(x => new Dictionary<string, object?>
        {
            [t["Figures.Col.On"]] = x.On?.ShowDate(),
            [t["Figures.Col.Unit"]] = ExcelCells.Safe(x.Unit),
            [t["Figures.Col.Item"]] = ExcelCells.Safe(x.Item),
            [t["Figures.Col.Person"]] = ExcelCells.Safe(x.Person),
            [name + "（" + dashboard.MeasureOf(v.Indicator) + "）"] = x.Value,
        });
        using var stream = new MemoryStream();
        await stream.SaveAsAsync(rows, sheetName: Sheet(name), cancellationToken: ct);
        await audit.RecordAsync(AuditAction.Export, "FigureRecords", null, v.Unit.Id, changes: $"{{\"code\":\"{v.Indicator.Code}\",\"year\":{v.Year},\"rows\":{v.Rows.Count}}}", ct: ct);
        var period = v.Month is { } m ? $"{v.Year}年{m}月" : $"{v.Year}年";
        return (stream.ToArray(), $"{v.Unit.Name}-{name}-{period}.xlsx");
    }

    /// <summary>Excel sheet names: at most 31 characters, none of []:*?/\.</summary>
    private static string Sheet(string name)
    {
        var clean = new string([.. name.Where(ch => !"[]:*?/\\".Contains(ch))]);
        return clean[..Math.Min(31, clean.Length)];
    }
}
