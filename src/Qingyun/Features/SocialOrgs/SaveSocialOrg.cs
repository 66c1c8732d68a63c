using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.Building;
using Qingyun.Domain.SocialOrgs;
using Qingyun.Infrastructure;
using Qingyun.Security;

namespace Qingyun.Features.SocialOrgs;

/// <summary>
/// A unit enters an organization into its registry directly (approved at once, 团组织录入), or edits one
/// in its scope. The credit code is unique across the whole registry: the 409 names the other
/// organization only when the caller can see it.
/// </summary>
public static class SaveSocialOrg
{
    public sealed class Handler(AppDbContext db, SensitiveData sensitive, TimeProvider clock)
    {
        public async Task<Result<SocialOrganization>> Handle(Guid? id, SocialOrgInput input, CancellationToken ct)
        {
            SocialOrganization? org = null;
            if (id is not null)
            {
                var owned = await db.OwnedAsync(db.SocialOrganizations, o => o.Id == id, Permission.SocialOrgsManage, ct);
                if (!owned.Ok)
                {
                    return owned;
                }
                org = owned.Value!;
            }
            var unit = await db.UnitForAsync(input.UnitId, Permission.SocialOrgsManage, "UnitId", ct);
            if (!unit.Ok)
            {
                return Result<SocialOrganization>.Fail(unit.Failures);
            }
            var now = clock.GetUtcNow();
            var check = input.Check(now.ChinaDate(), phoneRequired: org?.ContactPhoneCipher is null);
            var failures = check.Failures.ToList();
            if (unit.Value!.IsClosed && org?.UnitId != unit.Value.Id)
            {
                failures.Add(new Failure("UnitId", "UnitClosed", 409));
            }
            if (check.Value?.LeagueUnitId is { } leagueUnitId && leagueUnitId != org?.LeagueUnitId)
            {
                // The League branch built inside must be a unit the caller can see: a link out of scope is refused.
                var league = await db.UnitForAsync(leagueUnitId, Permission.SocialOrgsRead, "LeagueUnitId", ct);
                failures.AddRange(league.Failures.Select(f => f with { Label = "OrgLeagueUnit" }));
            }
            if (check.Value?.CreditCode is { } code)
            {
                failures.AddRange(await SocialOrgRules.CreditCodeTakenAsync(db, code, id, ct));
            }
            if (failures.Count > 0)
            {
                return Result<SocialOrganization>.Fail(failures);
            }
            var isNew = org is null;
            org ??= new SocialOrganization
            {
                CreatedAt = now, Source = OrgSource.EnteredByUnit, ReviewStatus = OrgReviewStatus.Approved,
                ReviewedAt = now, ReviewedBy = db.Scope.UserName,
            };
            org.UnitId = unit.Value.Id;
            org.LegalStatus = input.LegalStatus;
            org.Field = input.Field;
            SocialOrgRules.Apply(org, check.Value!, sensitive, now);
            org.HasLeagueBranch = input.HasLeagueBranch;
            org.HasPartyBranch = input.HasPartyBranch;
            org.LeagueUnitId = check.Value!.LeagueUnitId;
            if (isNew)
            {
                db.SocialOrganizations.Add(org);
            }
            return await SocialOrgRules.SaveAsync(db, org, ct);
        }
    }
}

/// <summary>The rules shared by the unit's entry, self-registration and the organization's own edits.</summary>
public static class SocialOrgRules
{
    /// <summary>
    /// The credit code is one organization's. Read past every filter (a record out of sight still holds
    /// the code); the message names the holder only when the caller can see it.
    /// </summary>
    public static async Task<IReadOnlyList<Failure>> CreditCodeTakenAsync(AppDbContext db, string code, Guid? exceptId, CancellationToken ct)
    {
        var holder = await db.SocialOrganizations.IgnoreQueryFilters().AsNoTracking()
            .Where(o => o.CreditCode == code && o.Id != exceptId).Select(o => o.Id).FirstOrDefaultAsync(ct);
        if (holder == Guid.Empty)
        {
            return [];
        }
        var visible = await db.SocialOrganizations.AsNoTracking().Where(o => o.Id == holder).Select(o => o.Name).FirstOrDefaultAsync(ct);
        return visible is null
            ? [new Failure("CreditCode", "DuplicateCreditCode", 409, code)]
            : [new Failure("CreditCode", "CreditCodeHeldBy", 409, code, visible)];
    }

    public static void Apply(SocialOrganization org, SocialOrgInput.Checked v, SensitiveData sensitive, DateTimeOffset now)
    {
        org.Name = v.Name;
        org.CreditCode = v.CreditCode;
        org.Summary = v.Summary;
        org.Address = v.Address;
        org.FoundedOn = v.FoundedOn;
        org.ContactName = v.ContactName;
        if (v.ContactPhone is not null)
        {
            org.ContactPhoneCipher = sensitive.Encrypt(v.ContactPhone);
            org.ContactPhoneMasked = ContactPhone.Mask(v.ContactPhone);
        }
        org.MemberCount = v.MemberCount;
        org.YoungMemberCount = v.YoungMemberCount;
        org.UpdatedAt = now;
    }

    /// <summary>Saves; two requests racing for one credit code meet the unique index, and the loser gets the same 409.</summary>
    public static async Task<Result<SocialOrganization>> SaveAsync(AppDbContext db, SocialOrganization org, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return org;
        }
        catch (DbUpdateException) when (org.CreditCode is not null)
        {
            db.ChangeTracker.Clear();
            return new Failure("CreditCode", "DuplicateCreditCode", 409, org.CreditCode);
        }
    }
}
