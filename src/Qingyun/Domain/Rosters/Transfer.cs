namespace Qingyun.Domain.Rosters;

/// <summary>转接原因.</summary>
public enum TransferReason
{
    FurtherStudy = 1,   // 升学
    Employment = 2,     // 就业
    Abroad = 3,         // 出国（境）
    Unemployed = 4,     // 未就业
    MilitaryService = 5, // 参军入伍
    Relocation = 6,     // 工作调动或迁居
    Other = 9,          // 其他
}

/// <summary>Who started the request; the other side decides.</summary>
public enum TransferSide
{
    Sender = 1,
    Receiver = 2,
    Member = 3,
}

public enum TransferState
{
    AwaitingAncestor = 1, // 待共同上级团委审核 (the two branches are not in one scope of the starter)
    Pending = 2,          // 待对方确认
    Accepted = 3,
    Rejected = 4,
    Lapsed = 5,           // 超期未处理，自动失效
    Cancelled = 6,
}

/// <summary>
/// 组织关系转接: moving a membership from one branch to another. The membership's branch changes only
/// on acceptance, in the same transaction, so a member is never in two branches or none.
/// </summary>
public sealed class Transfer : IUnitOwned
{
    public const int NoteMaxLength = 500;
    public const int DefaultLapseDays = 10;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid MembershipId { get; set; }
    /// <summary>The sending branch: the record is owned (and scope-filtered) by the sender.</summary>
    public Guid UnitId { get; set; }
    public Guid ToUnitId { get; set; }
    /// <summary>The nearest unit above both branches; its admins route requests that cross scopes.</summary>
    public Guid AncestorUnitId { get; set; }
    // Shown to both sides; the receiving side cannot read the sender's roster or units, so they are kept here.
    public string MemberName { get; set; } = "";
    public string MemberNumber { get; set; } = "";
    public string FromUnitName { get; set; } = "";
    public string ToUnitName { get; set; } = "";
    public TransferReason Reason { get; set; }
    public string? Note { get; set; }
    public TransferSide StartedBy { get; set; }
    public string? StartedByUserName { get; set; }
    public TransferState State { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    /// <summary>When the request lapses if nobody has answered.</summary>
    public DateTimeOffset DueAt { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? DecidedByUserName { get; set; }
    public string? DecisionNote { get; set; }

    public bool IsOpen => State is TransferState.AwaitingAncestor or TransferState.Pending;
}
