using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Security;

namespace Qingyun.Features.Accounts;

public sealed record AccountRow(Guid Id, string UserName, string DisplayName, string? Phone, Guid HomeUnitId, string HomeUnitName, bool MustChangePassword, bool Locked, bool Disabled);

public sealed record GrantRow(Guid Id, Guid UnitId, string UnitName, Role Role, DateTimeOffset GrantedAt);

/// <summary>
/// Accounts are not behind the DbContext's scope filter (sign-in must find them), so this is the one
/// place that cuts them to scope: an admin sees the accounts whose home unit lies in their subtree.
/// </summary>
public sealed class BrowseAccounts(AppDbContext db, TimeProvider clock)
{
    public IQueryable<AppUser> InScope()
    {
        if (db.Scope.Unrestricted)
        {
            return db.Users;
        }
        var paths = db.Scope.PathsWith(Permission.AccountsManage);
        return db.Users.Where(u => db.OrgUnits.IgnoreQueryFilters().Any(o => o.Id == u.HomeUnitId && paths.Any(p => o.Path.StartsWith(p))));
    }

    /// <summary>
    /// May the caller act on this account as a whole (reset its password)? Only if it is theirs to see
    /// and every role it holds lies in the caller's subtree and is one the caller could grant: a street
    /// admin must not take over an account that also holds district roles.
    /// </summary>
    public async Task<bool> CanManageAsync(Guid userId, CancellationToken ct)
    {
        if (!await InScope().AnyAsync(u => u.Id == userId, ct))
        {
            return false;
        }
        var held = await db.Grants.Where(g => g.UserId == userId && g.RevokedAt == null)
            .Join(db.OrgUnits.IgnoreQueryFilters(), g => g.UnitId, o => o.Id, (g, o) => new { g.Role, o.Path })
            .ToListAsync(ct);
        return held.All(g => db.Scope.Covers(g.Path, Permission.AccountsManage) && Roles.CanGrant(db.Scope.RolesOver(g.Path), g.Role));
    }

    public async Task<IReadOnlyList<AccountRow>> ListAsync(string? text, CancellationToken ct)
    {
        var q = InScope();
        if (!string.IsNullOrWhiteSpace(text))
        {
            var s = text.Trim();
            q = q.Where(u => u.UserName!.Contains(s) || u.DisplayName.Contains(s) || u.PhoneNumber == s);
        }
        var now = clock.GetUtcNow();
        var rows = await q.OrderBy(u => u.UserName).Take(200)
            .Select(u => new { u, Unit = db.OrgUnits.IgnoreQueryFilters().Where(o => o.Id == u.HomeUnitId).Select(o => o.Name).First() })
            .ToListAsync(ct);
        return rows.Select(r => new AccountRow(r.u.Id, r.u.UserName ?? "", r.u.DisplayName, r.u.PhoneNumber, r.u.HomeUnitId, r.Unit,
            r.u.MustChangePassword, r.u.LockoutEnd > now, r.u.DisabledAt != null)).ToList();
    }

    public async Task<Result<(AccountRow Account, IReadOnlyList<GrantRow> Grants)>> GetAsync(Guid id, CancellationToken ct)
    {
        var list = await InScope().Where(u => u.Id == id)
            .Select(u => new { u, Unit = db.OrgUnits.IgnoreQueryFilters().Where(o => o.Id == u.HomeUnitId).Select(o => o.Name).First() })
            .ToListAsync(ct);
        if (list.Count == 0)
        {
            return Failure.NotFound("Id");
        }
        var r = list[0];
        var now = clock.GetUtcNow();
        // Grants on units outside the caller's scope are not theirs to see.
        var grants = await db.Grants.Where(g => g.UserId == id && g.RevokedAt == null)
            .Join(db.OrgUnits, g => g.UnitId, o => o.Id, (g, o) => new GrantRow(g.Id, o.Id, o.Name, g.Role, g.GrantedAt))
            .ToListAsync(ct);
        return (new AccountRow(r.u.Id, r.u.UserName ?? "", r.u.DisplayName, r.u.PhoneNumber, r.u.HomeUnitId, r.Unit,
            r.u.MustChangePassword, r.u.LockoutEnd > now, r.u.DisabledAt != null), grants);
    }
}
