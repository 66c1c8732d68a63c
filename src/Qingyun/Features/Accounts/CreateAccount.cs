using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.People;
using Qingyun.Security;

namespace Qingyun.Features.Accounts;

/// <summary>
/// An admin opens an account in their scope with a first grant. The account gets a temporary password,
/// shown once, and must change it at first sign-in.
/// </summary>
public static class CreateAccount
{
    public sealed record Command(string? UserName, string? DisplayName, string? Phone, Guid? UnitId, Role Role);

    public sealed record Created(AppUser User, string TemporaryPassword);

    public sealed class Handler(AppDbContext db, UserManager<AppUser> users, GrantRole.Handler grant, TimeProvider clock)
    {
        public async Task<Result<Created>> Handle(Command c, CancellationToken ct)
        {
            var unit = await db.UnitForAsync(c.UnitId, Permission.AccountsManage, "UnitId", ct);
            if (!unit.Ok)
            {
                return Result<Created>.Fail(unit.Failures);
            }
            var failures = new List<Failure>();
            var userName = (c.UserName ?? "").Trim();
            var displayName = (c.DisplayName ?? "").Trim();
            if (userName.Length == 0)
            {
                failures.Add(Failure.Required("UserName"));
            }
            else if (userName.Length > 50)
            {
                failures.Add(Failure.TooLong("UserName", 50));
            }
            else if (!userName.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' or '.'))
            {
                failures.Add(new Failure("UserName", "UserNamePattern"));
            }
            if (displayName.Length == 0)
            {
                failures.Add(Failure.Required("DisplayName"));
            }
            else if (displayName.Length > AppUser.DisplayNameMaxLength)
            {
                failures.Add(Failure.TooLong("DisplayName", AppUser.DisplayNameMaxLength));
            }
            string? phone = null;
            if (!string.IsNullOrWhiteSpace(c.Phone))
            {
                if (!Phone.TryNormalize(c.Phone, out var p))
                {
                    failures.Add(new Failure("Phone", "PhonePattern"));
                }
                else if (await db.Users.AnyAsync(u => u.PhoneNumber == p, ct))
                {
                    failures.Add(new Failure("Phone", "DuplicatePhone", 409));
                }
                else
                {
                    phone = p;
                }
            }
            if (!Enum.IsDefined(c.Role))
            {
                failures.Add(new Failure("Role", "InvalidChoice"));
            }
            else if (!Roles.CanGrant(db.Scope.RolesOver(unit.Value!.Path), c.Role))
            {
                failures.Add(new Failure("Role", "CannotGrantRole", 403));
            }
            if (userName.Length > 0 && await users.FindByNameAsync(userName) is not null)
            {
                failures.Add(new Failure("UserName", "DuplicateUserName", 409, userName));
            }
            if (failures.Count > 0)
            {
                return Result<Created>.Fail(failures);
            }

            var password = TemporaryPassword.New();
            var user = new AppUser
            {
                UserName = userName,
                DisplayName = displayName,
                PhoneNumber = phone,
                HomeUnitId = unit.Value!.Id,
                MustChangePassword = true,
                CreatedAt = clock.GetUtcNow(),
            };
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var result = await users.CreateAsync(user, password);
            if (!result.Succeeded)
            {
                return new Failure("UserName", "AccountNotCreated", 400, string.Join("；", result.Errors.Select(e => e.Description)));
            }
            var granted = await grant.Handle(new GrantRole.Command(user.Id, unit.Value.Id, c.Role), ct);
            if (!granted.Ok)
            {
                return Result<Created>.Fail(granted.Failures);
            }
            await tx.CommitAsync(ct);
            return new Created(user, password);
        }
    }
}
