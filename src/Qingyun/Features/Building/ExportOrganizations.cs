using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;
using Qingyun.Domain;
using Qingyun.Domain.Audit;
using Qingyun.Domain.Building;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Building;

/// <summary>
/// Any filtered list of organizations as a workbook in the import template's columns, so it can be
/// corrected and read back; phones stay masked, every text cell is made safe against formula injection,
/// and the export itself is audited.
/// </summary>
public sealed class ExportOrganizations(BrowseOrganizations browse, AuditLog audit, IStringLocalizer<SharedResource> t)
{
    public async Task<Result<string>> ToFileAsync(OrganizationFilter filter, CancellationToken ct)
    {
        var q = await browse.QueryAsync(filter with { After = null }, ct);
        if (!q.Ok)
        {
            return Result<string>.Fail(q.Failures);
        }
        var file = Path.Combine(Path.GetTempPath(), $"qingyun-organizations-{Guid.NewGuid():N}.xlsx");
        var count = 0;
        var rows = q.Value!.OrderBy(r => r.Id).AsNoTracking().AsEnumerable().Select(r =>
        {
            count++;
            return new Dictionary<string, object?>
            {
                [ImportOrganizations.NameHeader] = ExcelCells.Safe(r.Name),
                [ImportOrganizations.KindHeader] = ImportOrganizations.KindNames.First(k => k.Value == r.Kind).Key,
                [ImportOrganizations.CreditCodeHeader] = ExcelCells.Safe(r.CreditCode),
                [t["Field.UnitId"]] = ExcelCells.Safe(r.UnitName),
                [ImportOrganizations.AddressHeader] = ExcelCells.Safe(r.Address),
                [ImportOrganizations.ContactNameHeader] = ExcelCells.Safe(r.ContactName),
                [ImportOrganizations.ContactPhoneHeader] = r.ContactPhoneMasked,
                [ImportOrganizations.StaffHeader] = r.StaffCount,
                [ImportOrganizations.YoungStaffHeader] = r.YoungStaffCount,
                [ImportOrganizations.PartyHeader] = r.HasPartyOrganization ? "是" : "否",
                [ImportOrganizations.StatusHeader] = ImportOrganizations.StatusNames.First(s => s.Value == r.Status).Key,
                [ImportOrganizations.BuiltOnHeader] = r.BuiltOn?.ShowDate(),
                [t["Field.LeagueUnitId"]] = ExcelCells.Safe(r.LeagueUnitName),
                [ImportOrganizations.MembersHeader] = r.MembersAdded,
            };
        });
        await using (var stream = File.Create(file))
        {
            await stream.SaveAsAsync(rows, sheetName: "两新组织", cancellationToken: ct);
        }
        await audit.RecordAsync(AuditAction.Export, nameof(NewOrganization), null, filter.UnitId, changes: $"{{\"rows\":{count}}}", ct: ct);
        return file;
    }
}
