namespace Qingyun.Domain.Access;

/// <summary>(account, unit, role): the account holds the role's permissions over the unit's subtree.</summary>
public sealed class Grant : IUnitOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }
    public Guid UnitId { get; set; }
    public Role Role { get; set; }
    public DateTimeOffset GrantedAt { get; set; }
    public Guid? GrantedBy { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
