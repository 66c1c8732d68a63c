using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Security;

namespace Qingyun.Features.Accounts;

/// <summary>
/// An admin resets an account they fully manage: a new temporary password, lockout cleared, change
/// forced, every open session ended and every access token revoked.
/// </summary>
public static class ResetPassword
{
    public sealed class Handler(UserManager<AppUser> users, BrowseAccounts accounts, AppDbContext db, TimeProvider clock)
    {
        public async Task<Result<string>> Handle(Guid userId, CancellationToken ct)
        {
            if (!await accounts.InScope().AnyAsync(u => u.Id == userId, ct))
            {
                return Failure.NotFound("UserId");
            }
            if (!await accounts.CanManageAsync(userId, ct))
            {
                return new Failure("UserId", "CannotManageAccount", 403);
            }
            var user = (await users.FindByIdAsync(userId.ToString()))!;
            var password = TemporaryPassword.New();
            await users.RemovePasswordAsync(user);
            var added = await users.AddPasswordAsync(user, password);
            if (!added.Succeeded)
            {
                return new Failure("UserId", "AccountNotCreated", 400, string.Join("；", added.Errors.Select(e => e.Description)));
            }
            user.MustChangePassword = true;
            await users.UpdateAsync(user);
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
            await users.UpdateSecurityStampAsync(user);
            var now = clock.GetUtcNow();
            foreach (var token in await db.ApiTokens.Where(t => t.UserId == userId && t.RevokedAt == null).ToListAsync(ct))
            {
                token.RevokedAt = now;
            }
            await db.SaveChangesAsync(ct);
            return password;
        }
    }
}
