using System.Text.Json;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.Assistance;
using Qingyun.Domain.Audit;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Assistance;

/// <summary>
/// The case list as a workbook, for case administrators only, with a stated reason (PIPL: personal data of
/// minors leaves the platform only for a purpose). The reason, the filter and the row count are audited;
/// ID numbers stay masked in the file.
/// </summary>
public sealed class ExportCases(AppDbContext db, BrowseCases browse, AuditLog audit, IStringLocalizer<SharedResource> t)
{
    public const int ReasonMinLength = 4;
    public const int ReasonMaxLength = 200;

    public async Task<Result<byte[]>> ToBytesAsync(CaseFilter filter, string? reason, CancellationToken ct)
    {
        if (filter.UnitId is null)
        {
            return Failure.Required("UnitId");
        }
        var unit = await db.UnitForAsync(filter.UnitId, Permission.CasesRead, "UnitId", ct);
        if (!unit.Ok)
        {
            return Result<byte[]>.Fail(unit.Failures);
        }
        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length < ReasonMinLength)
        {
            return new Failure("ExportReason", "ReasonTooShort", 400, ReasonMinLength);
        }
        if (reason.Length > ReasonMaxLength)
        {
            return Failure.TooLong("ExportReason", ReasonMaxLength);
        }
        var page = await browse.ListAsync(filter, ct);
        var categories = db.BeneficiaryCategories.ToDictionary(c => c.Code, c => c.NameZh);
        var rows = page.Rows.Select(r => new Dictionary<string, object?>
        {
            [t["Field.BeneficiaryName"]] = ExcelCells.Safe(r.Name),
            [t["Field.Gender"]] = t["Gender." + r.Gender].Value,
            [t["Field.Age"]] = r.Age,
            [t["Field.IdNumber"]] = r.IdNumberMasked,
            [t["Field.UnitId"]] = ExcelCells.Safe(r.UnitName),
            [t["Field.Programme"]] = t["Programme." + r.Programme].Value,
            [t["Field.Categories"]] = string.Join("、", r.Categories.Split('|', StringSplitOptions.RemoveEmptyEntries).Select(c => categories.GetValueOrDefault(c, c))),
            [t["Field.Needs"]] = string.Join("、", Enum.GetValues<CaseNeeds>().Where(n => n != CaseNeeds.None && r.Needs.HasFlag(n)).Select(n => t["Needs." + n].Value)),
            [t["Field.CaseStatus"]] = t["CaseStatus." + r.Status].Value,
            [t["Field.IntakeOn"]] = r.IntakeOn.ShowDate(),
            [t["Field.OwnerUserName"]] = ExcelCells.Safe(r.OwnerName),
            [t["Assistance.PairedWith"]] = ExcelCells.Safe(r.Paired),
            [t["Assistance.Visits"]] = r.Visits,
            [t["Assistance.LastVisit"]] = r.LastVisit?.ShowDate(),
            [t["Assistance.VisitsDue"]] = r.Progress?.Due,
            [t["Assistance.Overdue"]] = r.Progress is { Overdue: true } ? t["Common.Yes"].Value : "",
        }).ToList();
        using var stream = new MemoryStream();
        await stream.SaveAsAsync(rows, sheetName: t["Assistance.Title"].Value, cancellationToken: ct);
        await audit.RecordAsync(AuditAction.Export, nameof(AssistanceCase), null, filter.UnitId, field: "reason",
            changes: JsonSerializer.Serialize(new { reason, rows = rows.Count, filter.Status, filter.Programme, filter.Category }, AuditInterceptor.JsonOptions), ct: ct);
        return stream.ToArray();
    }
}
