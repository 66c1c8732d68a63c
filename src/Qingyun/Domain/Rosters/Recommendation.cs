namespace Qingyun.Domain.Rosters;

public enum RecommendationState
{
    Nominated = 1,      // 提名
    MeetingHeld = 2,    // 支部大会通过，报上级团委
    Approved = 3,       // 上级团委同意推荐
    Returned = 4,       // 上级团委退回
    Closed = 5,         // 已有结果
}

public enum RecommendationOutcome
{
    Activist = 1,        // 党组织确定为入党积极分子
    Probationary = 2,    // 发展为预备党员
    NotAccepted = 3,     // 党组织未接收
}

/// <summary>
/// 推优入党: a branch recommends a member to the Party. The branch meeting votes, the level above
/// approves, and the recommendation is valid for a period within which the Party organization answers.
/// </summary>
public sealed class Recommendation : IUnitOwned
{
    public const int MinAge = 18;
    public const int DefaultValidMonths = 12;
    public const int TextMaxLength = 500;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid MembershipId { get; set; }
    public Guid UnitId { get; set; }
    public DateOnly NominatedOn { get; set; }
    public string? Reason { get; set; }
    public RecommendationState State { get; set; } = RecommendationState.Nominated;
    public DateOnly? MeetingOn { get; set; }
    public int? MembersTotal { get; set; }
    public int? MembersPresent { get; set; }
    public int? VotesFor { get; set; }
    public Guid? MeetingDocumentId { get; set; }
    public DateOnly? ApprovedOn { get; set; }
    public string? ApprovedByUserName { get; set; }
    public DateOnly? ValidUntil { get; set; }
    public string? PartyOrganization { get; set; }
    public RecommendationOutcome? Outcome { get; set; }
    public DateOnly? OutcomeOn { get; set; }
    public string? ReturnNote { get; set; }
    public string? NominatedByUserName { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public bool IsOpen => State is RecommendationState.Nominated or RecommendationState.MeetingHeld or RecommendationState.Approved;

    public bool ExpiredOn(DateOnly today) => State == RecommendationState.Approved && ValidUntil is { } v && today > v;
}
