namespace Qingyun.Domain.Activities;

/// <summary>What an activity is for. Volunteer service adds positions, sign-up quotas and hours.</summary>
public enum ActivityKind
{
    VolunteerService = 1, // 志愿服务活动
}

public enum ActivityState
{
    Draft = 1,      // 草稿：只有组织方可见
    Published = 2,  // 已发布：可报名
    Cancelled = 3,  // 已取消
}

/// <summary>
/// One activity model for the whole platform (volunteer service, lectures, hub events): an organizer
/// unit, a time and a place. The on-site check-in secret signs the rotating codes shown on the
/// organizer's phone; it never leaves the server.
/// </summary>
public sealed class Activity : IUnitOwned
{
    public const int TitleMaxLength = 100;
    public const int PlaceMaxLength = 200;
    public const int DescriptionMaxLength = 2000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UnitId { get; set; }
    public ActivityKind Kind { get; set; } = ActivityKind.VolunteerService;
    /// <summary>The volunteer-service project it belongs to (项目 → 活动 → 岗位).</summary>
    public Guid? ProjectId { get; set; }
    public string Title { get; set; } = "";
    public string? Description { get; set; }
    public string Place { get; set; } = "";
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }
    public ActivityState State { get; set; } = ActivityState.Draft;
    public byte[] CheckInSecret { get; set; } = [];
    public string? ContactName { get; set; }
    public string? ContactPhone { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public DateTimeOffset? CancelledAt { get; set; }
    public string? CancelReason { get; set; }
}
