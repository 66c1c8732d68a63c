using Microsoft.AspNetCore.Identity;
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
/// 组织自主申报 (decision 013): an organization registers itself on a public page, naming the League unit
/// it applies to by the unit's code. That makes its account (no grants: it reaches its own record through
/// the query filter on <see cref="SocialOrganization.AccountUserId"/>) and a pending record the unit
/// reviews; the unit's inbox is told.
/// </summary>
public sealed class RegisterSocialOrg(AppDbContext db, SensitiveData sensitive, UserManager<AppUser> users, TimeProvider clock)
{
    public sealed record Command(string? UnitCode, SocialOrgInput Input, string? UserName, string? Password);

    public async Task<Result<SocialOrganization>> Handle(Command c, CancellationToken ct)
    {
        var failures = new List<Failure>();
        var code = c.UnitCode?.Trim() ?? "";
        // Open to anyone: the unit is read past the scope filter by its public code; only an open unit takes registrations.
        var unit = code.Length == 0 ? null
            : await db.OrgUnits.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(u => u.Code == code && u.ClosedAt == null, ct);
        if (code.Length == 0)
        {
            failures.Add(Failure.Required("UnitCode") with { Label = "RegistryUnitCode" });
        }
        else if (unit is null)
        {
            failures.Add(new Failure("UnitCode", "UnknownUnitCode") { Label = "RegistryUnitCode" });
        }
        var now = clock.GetUtcNow();
        // The organization names no League unit of the tree: that link is the reviewing unit's to make.
        var check = (c.Input with { UnitId = unit?.Id, LeagueUnitId = null }).Check(now.ChinaDate(), phoneRequired: true);
        failures.AddRange(check.Failures);
        if (check.Value?.CreditCode is { } creditCode)
        {
            failures.AddRange(await SocialOrgRules.CreditCodeTakenAsync(db, creditCode, null, ct));
        }
        var userName = c.UserName?.Trim() ?? "";
        if (userName.Length == 0)
        {
            failures.Add(Failure.Required("UserName"));
        }
        else if (await users.FindByNameAsync(userName) is not null)
        {
            failures.Add(new Failure("UserName", "DuplicateUserName", 409, userName));
        }
        if (string.IsNullOrEmpty(c.Password))
        {
            failures.Add(Failure.Required("Password"));
        }
        else
        {
            foreach (var validator in users.PasswordValidators)
            {
                var result = await validator.ValidateAsync(users, new AppUser(), c.Password);
                if (!result.Succeeded)
                {
                    failures.Add(new Failure("Password", "AccountNotCreated", 400, string.Join("；", result.Errors.Select(e => e.Description))));
                }
            }
        }
        if (failures.Count > 0)
        {
            return Result<SocialOrganization>.Fail(failures);
        }

        var v = check.Value!;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var user = new AppUser
        {
            UserName = userName, DisplayName = v.Name.Length > AppUser.DisplayNameMaxLength ? v.Name[..AppUser.DisplayNameMaxLength] : v.Name,
            HomeUnitId = unit!.Id, CreatedAt = now,
        };
        var created = await users.CreateAsync(user, c.Password!);
        if (!created.Succeeded)
        {
            return new Failure("UserName", "AccountNotCreated", 400, string.Join("；", created.Errors.Select(e => e.Description)));
        }
        var org = new SocialOrganization
        {
            UnitId = unit.Id, LegalStatus = c.Input.LegalStatus, Field = c.Input.Field, HasLeagueBranch = c.Input.HasLeagueBranch,
            HasPartyBranch = c.Input.HasPartyBranch, Source = OrgSource.SelfRegistered, ReviewStatus = OrgReviewStatus.Pending,
            AccountUserId = user.Id, CreatedAt = now,
        };
        SocialOrgRules.Apply(org, v, sensitive, now);
        db.SocialOrganizations.Add(org);
        db.Tell(unit.Id, NoticeKind.SocialOrgRegistered, $"/social-orgs/{org.Id}", now, org.Name);
        var saved = await SocialOrgRules.SaveAsync(db, org, ct);
        if (!saved.Ok)
        {
            return saved;
        }
        await tx.CommitAsync(ct);
        return org;
    }
}
