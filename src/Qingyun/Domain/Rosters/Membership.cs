namespace Qingyun.Domain.Rosters;

/// <summary>团籍状态.</summary>
public enum MemberStatus
{
    Registered = 1,  // 在册
    Floating = 2,    // 流动
    Retained = 3,    // 保留团籍
    Left = 4,        // 离团
    Suspended = 5,   // 停止团籍
}

/// <summary>
/// A League membership (团员): a role of a <see cref="People.Person"/> in a branch. The person keeps one
/// membership for life; its branch changes by transfer, its status by the yearly procedures, and every
/// change is a <see cref="MembershipEvent"/>.
/// </summary>
public sealed class Membership : IUnitOwned
{
    public const int MemberNumberMaxLength = 32;

    /// <summary>团员 age limits: joining from 14; at 28 the 离团 procedure starts (团章).</summary>
    public const int MinJoinAge = 14;
    public const int LeaveAge = 28;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PersonId { get; set; }
    public Guid UnitId { get; set; }
    public string MemberNumber { get; set; } = "";
    public DateOnly JoinedOn { get; set; }
    public Guid? JoinedUnitId { get; set; }
    public string? JoinedUnitName { get; set; }
    public MemberStatus Status { get; set; } = MemberStatus.Registered;
    public bool IsStudent { get; set; }
    /// <summary>The last year this member was re-registered (团籍注册) after the yearly review.</summary>
    public int? RegisteredYear { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Active members count in the roster; 离团 and 停止团籍 are history.</summary>
    public bool IsActive => Status is MemberStatus.Registered or MemberStatus.Floating or MemberStatus.Retained;
}

public enum MembershipEventKind
{
    Joined = 1,
    Imported = 2,
    Edited = 3,
    StatusChanged = 4,
    Transferred = 5,
    Registered = 6,
    NotRegistered = 7,
}

/// <summary>One line of a membership's history: what changed, from what to what, by whom, when.</summary>
public sealed class MembershipEvent : IUnitOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid MembershipId { get; set; }
    public Guid UnitId { get; set; }
    public MembershipEventKind Kind { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }
    public string? ByUserName { get; set; }
    public DateTimeOffset At { get; set; }
}
