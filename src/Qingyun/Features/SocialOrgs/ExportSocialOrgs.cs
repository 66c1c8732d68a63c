using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;
using Qingyun.Domain;
using Qingyun.Domain.Audit;
using Qingyun.Domain.SocialOrgs;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.SocialOrgs;

/// <summary>
/// Any filtered registry list as a workbook: phones stay masked, every text cell is made safe against
/// formula injection, and the export itself is audited with its row count.
/// </summary>
public sealed class ExportSocialOrgs(BrowseSocialOrgs browse, AuditLog audit, IStringLocalizer<SharedResource> t)
{
    public async Task<Result<string>> ToFileAsync(SocialOrgFilter filter, CancellationToken ct)
    {
        var q = await browse.QueryAsync(filter, ct);
        if (!q.Ok)
        {
            return Result<string>.Fail(q.Failures);
        }
        var file = Path.Combine(Path.GetTempPath(), $"qingyun-social-orgs-{Guid.NewGuid():N}.xlsx");
        var count = 0;
        string Yes(bool b) => b ? t["Common.Yes"] : t["Common.No"];
        var rows = BrowseSocialOrgs.Ordered(q.Value!).AsNoTracking().AsEnumerable().Select(r =>
        {
            count++;
            return new Dictionary<string, object?>
            {
                [t["Field.OrganizationName"]] = ExcelCells.Safe(r.Name),
                [t["Field.CreditCode"]] = ExcelCells.Safe(r.CreditCode),
                [t["Field.LegalStatus"]] = t["LegalStatus." + r.LegalStatus].Value,
                [t["Field.OrgField"]] = t["OrgField." + r.Field].Value,
                [t["Field.RegistryUnit"]] = ExcelCells.Safe(r.UnitName),
                [t["Field.ContactName"]] = ExcelCells.Safe(r.ContactName),
                [t["Field.ContactPhone"]] = r.ContactPhoneMasked,
                [t["Field.MemberCount"]] = r.MemberCount,
                [t["Field.YoungMemberCount"]] = r.YoungMemberCount,
                [t["Field.HasLeagueBranch"]] = Yes(r.HasLeagueBranch),
                [t["Field.HasPartyBranch"]] = Yes(r.HasPartyBranch),
                [t["Field.ReviewStatus"]] = t["OrgReviewStatus." + r.ReviewStatus].Value,
                [t["Field.IncubationStage"]] = r.Stage is { } s ? t["IncubationStage." + s].Value : "",
                [t["SocialOrgs.PartnerNow"]] = Yes(r.PartnerNow),
                [t["Field.OrgSource"]] = t["OrgSource." + r.Source].Value,
            };
        });
        await using (var stream = File.Create(file))
        {
            await stream.SaveAsAsync(rows, sheetName: t["SocialOrgs.Title"], cancellationToken: ct);
        }
        await audit.RecordAsync(AuditAction.Export, nameof(SocialOrganization), null, filter.UnitId, changes: $"{{\"rows\":{count}}}", ct: ct);
        return file;
    }
}
