using Microsoft.AspNetCore.Identity;

namespace Qingyun.Security;

/// <summary>A login account. It belongs to a home unit (whose admins manage it) and may be a Person's.</summary>
public sealed class AppUser : IdentityUser<Guid>
{
    public const int DisplayNameMaxLength = 50;

    public AppUser()
    {
        Id = Guid.CreateVersion7();
        SecurityStamp = Guid.NewGuid().ToString();
    }

    public string DisplayName { get; set; } = "";
    public Guid HomeUnitId { get; set; }
    public Guid? PersonId { get; set; }
    public bool MustChangePassword { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DisabledAt { get; set; }
}
