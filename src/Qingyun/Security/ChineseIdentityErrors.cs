using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Qingyun.Resources;

namespace Qingyun.Security;

/// <summary>Identity's password and user-name errors in the user's language.</summary>
public sealed class ChineseIdentityErrors(IStringLocalizer<SharedResource> t) : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) => new() { Code = nameof(PasswordTooShort), Description = t["Identity.PasswordTooShort", length] };
    public override IdentityError PasswordRequiresDigit() => new() { Code = nameof(PasswordRequiresDigit), Description = t["Identity.PasswordRequiresDigit"] };
    public override IdentityError PasswordMismatch() => new() { Code = nameof(PasswordMismatch), Description = t["Identity.PasswordMismatch"] };
    public override IdentityError DuplicateUserName(string userName) => new() { Code = nameof(DuplicateUserName), Description = t["Identity.DuplicateUserName", userName] };
    public override IdentityError InvalidUserName(string? userName) => new() { Code = nameof(InvalidUserName), Description = t["Identity.InvalidUserName", userName ?? ""] };
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => new() { Code = nameof(PasswordRequiresUniqueChars), Description = t["Identity.PasswordTooShort", uniqueChars] };
}
