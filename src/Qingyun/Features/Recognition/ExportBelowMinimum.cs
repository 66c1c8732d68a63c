using Microsoft.Extensions.Localization;
using MiniExcelLibs;
using Qingyun.Domain;
using Qingyun.Domain.Audit;
using Qingyun.Domain.Volunteering;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Recognition;

/// <summary>The yearly list of volunteers under the minimum as a workbook, every cell safe against formula injection, the export audited.</summary>
public sealed class ExportBelowMinimum(BrowseRecognition browse, AuditLog audit, IStringLocalizer<SharedResource> t)
{
    public async Task<Result<string>> ToFileAsync(int year, Guid? unitId, CancellationToken ct)
    {
        var q = await browse.BelowMinimumQueryAsync(year, unitId, ct);
        if (!q.Ok)
        {
            return Result<string>.Fail(q.Failures);
        }
        var file = Path.Combine(Path.GetTempPath(), $"qingyun-below-minimum-{Guid.NewGuid():N}.xlsx");
        var count = 0;
        string name = t["Field.PersonName"], number = t["Field.VolunteerNumber"], unit = t["Field.UnitId"], hours = t["Recognition.YearHoursHeader", year];
        var rows = q.Value!.OrderBy(r => r.VolunteerId).AsEnumerable().Select(r =>
        {
            count++;
            return new Dictionary<string, object?>
            {
                [name] = ExcelCells.Safe(r.Name),
                [number] = r.Number,
                [unit] = ExcelCells.Safe(r.UnitName),
                [hours] = (double)r.HoursDown,
            };
        });
        await using (var stream = File.Create(file))
        {
            await stream.SaveAsAsync(rows, sheetName: t["Recognition.BelowMinimumSheet"], cancellationToken: ct);
        }
        await audit.RecordAsync(AuditAction.Export, nameof(Volunteer), null, unitId, field: "BelowMinimum", changes: $"{{\"year\":{year},\"rows\":{count}}}", ct: ct);
        return file;
    }
}
