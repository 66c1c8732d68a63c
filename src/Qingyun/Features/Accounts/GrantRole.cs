using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Security;

namespace Qingyun.Features.Accounts;

/// <summary>Gives an account in scope a role on a unit in scope, or takes one away.</summary>
public static class GrantRole
{
    public sealed record Command(Guid UserId, Guid? UnitId, Role Role);

    public sealed class Handler(AppDbContext db, BrowseAccounts accounts, TimeProvider clock)
    {
        public async Task<Result<Grant>> Handle(Command c, CancellationToken ct)
        {
            if (!await accounts.InScope().AnyAsync(u => u.Id == c.UserId, ct))
            {
                return Failure.NotFound("UserId");
            }
            var unit = await db.UnitForAsync(c.UnitId, Permission.AccountsManage, "UnitId", ct);
            if (!unit.Ok)
            {
                return Result<Grant>.Fail(unit.Failures);
            }
            if (!Enum.IsDefined(c.Role))
            {
                return new Failure("Role", "InvalidChoice");
            }
            if (!Roles.CanGrant(db.Scope.RolesOver(unit.Value!.Path), c.Role))
            {
                return new Failure("Role", "CannotGrantRole", 403);
            }
            var existing = await db.Grants.FirstOrDefaultAsync(g => g.UserId == c.UserId && g.UnitId == unit.Value.Id && g.Role == c.Role && g.RevokedAt == null, ct);
            if (existing is not null)
            {
                return existing;
            }
            var grant = new Grant { UserId = c.UserId, UnitId = unit.Value.Id, Role = c.Role, GrantedAt = clock.GetUtcNow(), GrantedBy = db.Scope.UserId };
            db.Grants.Add(grant);
            await db.SaveChangesAsync(ct);
            return grant;
        }

        public async Task<Result<Grant>> RevokeAsync(Guid grantId, CancellationToken ct)
        {
            var grant = await db.Grants.FirstOrDefaultAsync(g => g.Id == grantId && g.RevokedAt == null, ct);
            if (grant is null || !await accounts.InScope().AnyAsync(u => u.Id == grant.UserId, ct))
            {
                return Failure.NotFound("GrantId");
            }
            var unit = await db.UnitForAsync(grant.UnitId, Permission.AccountsManage, "GrantId", ct);
            if (!unit.Ok)
            {
                return Result<Grant>.Fail(unit.Failures);
            }
            if (!Roles.CanGrant(db.Scope.RolesOver(unit.Value!.Path), grant.Role))
            {
                return new Failure("Role", "CannotGrantRole", 403);
            }
            if (grant.UserId == db.Scope.UserId)
            {
                return new Failure("GrantId", "CannotRevokeOwn", 409);
            }
            grant.RevokedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
            return grant;
        }
    }
}
