namespace Qingyun.Domain.Rosters;

/// <summary>团员教育评议 grades, best first.</summary>
public enum ReviewGrade
{
    Excellent = 1,    // 优秀
    Qualified = 2,    // 合格
    BasicallyQualified = 3, // 基本合格
    Unqualified = 4,  // 不合格
}

public enum ReviewState
{
    Open = 1,
    Submitted = 2,   // 报上级团委审核
    Approved = 3,    // 审核通过，完成团籍注册
}

/// <summary>
/// A branch's yearly review and registration round (团员教育评议 + 团籍注册). The members on the roster
/// when the round opens are its entries; grades are recorded at the review meeting; the level above
/// approves, and only members graded 基本合格 or better are registered for the year.
/// </summary>
public sealed class ReviewRound : IUnitOwned
{
    /// <summary>优秀 at most 30% of the members reviewed; the meeting needs two thirds present.</summary>
    public const int ExcellentPercentMax = 30;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UnitId { get; set; }
    public int Year { get; set; }
    public DateOnly? MeetingOn { get; set; }
    public ReviewState State { get; set; } = ReviewState.Open;
    public string? OpenedByUserName { get; set; }
    public DateTimeOffset OpenedAt { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? DecidedByUserName { get; set; }
    public string? ReturnNote { get; set; }

    public static int MaxExcellent(int reviewed) => reviewed * ExcellentPercentMax / 100;

    public static bool QuorumMet(int present, int total) => total > 0 && present * 3 >= total * 2;
}

public sealed class ReviewEntry : IUnitOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid RoundId { get; set; }
    public Guid UnitId { get; set; }
    public Guid MembershipId { get; set; }
    public bool Present { get; set; }
    public ReviewGrade? Grade { get; set; }
}
