using Microsoft.Extensions.Localization;
using MiniExcelLibs;
using Qingyun.Domain;
using Qingyun.Domain.Audit;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Indicators.Assessment;

/// <summary>
/// The scorecard as a workbook for the assessment meeting and the Party committee: one row per child unit in rank order,
/// per item what was done, the target and the points, then the total and the part counted for Party building. Audited.
/// </summary>
public sealed class ScorecardExport(Scorecard scorecard, AuditLog audit, IStringLocalizer<SharedResource> t)
{
    public async Task<Result<(byte[] Xlsx, string FileName)>> ToFileAsync(Guid? unitId, int? year, CancellationToken ct)
    {
        var r = await scorecard.BuildAsync(unitId, year, ct);
        if (!r.Ok)
        {
            return Result<(byte[], string)>.Fail(r.Failures);
        }
        var v = r.Value!;
        var rows = v.Units.Select(u =>
        {
            var row = new Dictionary<string, object?>
            {
                [t["Assessment.Col.Rank"]] = u.Rank,
                [t["Figures.Col.Unit"]] = ExcelCells.Safe(u.Name),
            };
            for (var i = 0; i < v.Items.Count; i++)
            {
                var item = v.Items[i];
                var name = ExcelCells.Safe(item.Name) ?? "";
                row[t["Assessment.Col.Done", name, item.Measure].Value] = u.Scores[i].Actual ?? 0;
                row[t["Assessment.Col.Target", name].Value] = u.Scores[i].Target;
                row[t["Assessment.Col.Score", name, Points(item.Points)].Value] = u.Scores[i].Score;
            }
            row[t["Assessment.Col.Total", Points(v.FullMarks)].Value] = u.Total;
            row[t["Assessment.Col.Party", Points(v.PartyFullMarks)].Value] = u.PartyTotal;
            return row;
        }).ToList();
        using var stream = new MemoryStream();
        await stream.SaveAsAsync(rows, sheetName: t["Assessment.Sheet"].Value, cancellationToken: ct);
        await audit.RecordAsync(AuditAction.Export, "Scorecard", null, v.Unit.Id, changes: $"{{\"year\":{v.Year},\"rows\":{v.Units.Count}}}", ct: ct);
        return (stream.ToArray(), t["Assessment.FileName", v.Unit.Name, v.Year].Value + ".xlsx");
    }

    /// <summary>Points as people write them: 10, 5.5 (never 10.0).</summary>
    private static string Points(decimal points) => points.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
}
