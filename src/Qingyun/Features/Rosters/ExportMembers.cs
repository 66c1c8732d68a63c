using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;
using Qingyun.Domain;
using Qingyun.Domain.Audit;
using Qingyun.Domain.Rosters;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Rosters;

/// <summary>
/// Any filtered roster as a workbook, streamed row by row; numbers stay masked, every cell is made safe
/// against formula injection, and the export itself is audited.
/// </summary>
public sealed class ExportMembers(BrowseMembers browse, AuditLog audit, IStringLocalizer<SharedResource> t)
{
    public async Task<Result<string>> ToFileAsync(MemberFilter filter, CancellationToken ct)
    {
        var q = await browse.QueryAsync(filter with { After = null }, ct);
        if (!q.Ok)
        {
            return Result<string>.Fail(q.Failures);
        }
        var today = browse.Today;
        var file = Path.Combine(Path.GetTempPath(), $"qingyun-members-{Guid.NewGuid():N}.xlsx");
        var count = 0;
        var rows = q.Value!.OrderBy(r => r.Id).AsNoTracking().AsEnumerable().Select(r =>
        {
            count++;
            return new Dictionary<string, object?>
            {
                [ImportMembers.NameHeader] = ExcelCells.Safe(r.Name),
                [t["Field.Gender"]] = t["Gender." + r.Gender].Value,
                [t["Members.Age"]] = r.AgeOn(today),
                [ImportMembers.IdNumberHeader] = r.IdNumberMasked,
                [ImportMembers.PhoneHeader] = r.PhoneMasked,
                [ImportMembers.NumberHeader] = ExcelCells.Safe(r.MemberNumber),
                [ImportMembers.JoinedHeader] = r.JoinedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                [t["Field.UnitId"]] = ExcelCells.Safe(r.UnitName),
                [ImportMembers.StatusHeader] = t["MemberStatus." + r.Status].Value,
                [ImportMembers.StudentHeader] = r.IsStudent ? "是" : "否",
            };
        });
        await using (var stream = File.Create(file))
        {
            await stream.SaveAsAsync(rows, sheetName: "团员", cancellationToken: ct);
        }
        await audit.RecordAsync(AuditAction.Export, nameof(Membership), null, filter.UnitId, changes: $"{{\"rows\":{count}}}", ct: ct);
        return file;
    }
}
