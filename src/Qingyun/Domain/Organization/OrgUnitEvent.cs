namespace Qingyun.Domain.Organization;

public enum OrgUnitEventKind
{
    Created = 1,
    Renamed = 2,
    Moved = 3,
    Closed = 4,
    Reopened = 5,
    Imported = 6,
}

/// <summary>One line of a unit's history (沿革): what changed, from what to what, by whom.</summary>
public sealed class OrgUnitEvent : IUnitOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UnitId { get; set; }
    public OrgUnitEventKind Kind { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }
    public Guid? ByUserId { get; set; }
    public string? ByUserName { get; set; }
    public DateTimeOffset At { get; set; }
}
