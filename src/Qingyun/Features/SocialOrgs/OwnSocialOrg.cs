using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Notices;
using Qingyun.Domain.SocialOrgs;
using Qingyun.Features.Notices;
using Qingyun.Infrastructure;
using Qingyun.Security;

namespace Qingyun.Features.SocialOrgs;

/// <summary>
/// The organization's own account and its record: it reads it through the query filter (the record whose
/// <see cref="SocialOrganization.AccountUserId"/> is the caller), never past it.
/// </summary>
public sealed class OwnSocialOrg(AppDbContext db, SensitiveData sensitive, TimeProvider clock)
{
    /// <summary>The signed-in account's organization, or null when the account is not an organization's.</summary>
    public async Task<SocialOrganization?> FindAsync(CancellationToken ct) =>
        db.Scope.UserId is not { } userId ? null
            : await db.SocialOrganizations.FirstOrDefaultAsync(o => o.AccountUserId == userId, ct);

    /// <summary>
    /// The organization corrects its record. What it may change depends on the review:
    /// <list type="bullet">
    /// <item>pending — everything; it stays pending;</item>
    /// <item>rejected — everything, and saving resubmits it (back to pending, the unit is told);</item>
    /// <item>approved — contact, address, introduction, founding date, member counts and branches are facts
    /// the organization keeps current and stay approved; a change of name, credit code, legal status or field
    /// changes who the unit approved, so it goes back to review (pending, the unit is told).</item>
    /// </list>
    /// The unit and the League unit built inside are the reviewing unit's to set and are never changed here.
    /// </summary>
    public async Task<Result<SocialOrganization>> EditAsync(SocialOrgInput input, CancellationToken ct)
    {
        var org = await FindAsync(ct);
        if (org is null)
        {
            return Failure.NotFound("Id");
        }
        var now = clock.GetUtcNow();
        var check = (input with { UnitId = org.UnitId, LeagueUnitId = org.LeagueUnitId }).Check(now.ChinaDate(), phoneRequired: org.ContactPhoneCipher is null);
        var failures = check.Failures.ToList();
        if (check.Value?.CreditCode is { } code)
        {
            failures.AddRange(await SocialOrgRules.CreditCodeTakenAsync(db, code, org.Id, ct));
        }
        if (failures.Count > 0)
        {
            return Result<SocialOrganization>.Fail(failures);
        }
        var v = check.Value!;
        var identityChanged = v.Name != org.Name || v.CreditCode != org.CreditCode || input.LegalStatus != org.LegalStatus || input.Field != org.Field;
        var toReview = org.ReviewStatus == OrgReviewStatus.Rejected
            || (org.ReviewStatus == OrgReviewStatus.Approved && identityChanged);
        org.LegalStatus = input.LegalStatus;
        org.Field = input.Field;
        org.HasLeagueBranch = input.HasLeagueBranch;
        org.HasPartyBranch = input.HasPartyBranch;
        SocialOrgRules.Apply(org, v, sensitive, now);
        if (toReview)
        {
            // The last rejection's reason stays on the record, so the reviewer sees what was asked for.
            org.ReviewStatus = OrgReviewStatus.Pending;
            db.Tell(org.UnitId, NoticeKind.SocialOrgRegistered, $"/social-orgs/{org.Id}", now, org.Name);
        }
        return await SocialOrgRules.SaveAsync(db, org, ct);
    }
}
