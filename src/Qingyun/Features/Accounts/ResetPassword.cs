using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Qingyun.Domain;
using Qingyun.Security;

namespace Qingyun.Features.Accounts;

/// <summary>An admin in scope resets an account: a new temporary password, lockout cleared, change forced.</summary>
public static class ResetPassword
{
    public sealed class Handler(UserManager<AppUser> users, BrowseAccounts accounts)
    {
        public async Task<Result<string>> Handle(Guid userId, CancellationToken ct)
        {
            if (!await accounts.InScope().AnyAsync(u => u.Id == userId, ct))
            {
                return Failure.NotFound("UserId");
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
            return password;
        }
    }
}
