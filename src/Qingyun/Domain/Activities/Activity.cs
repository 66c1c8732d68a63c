namespace Qingyun.Domain.Activities;

/// <summary>What an activity is for. Volunteer service adds positions, sign-up quotas and hours.</summary>
public enum ActivityKind
{
    VolunteerService = 1, // 志愿服务活动
    Youth = 2,            // 青年活动：阵地活动、讲座、点学、送教（按类别区分）
}

/// <summary>Who may register for a youth activity.</summary>
public enum Audience
{
    AllYouth = 1,    // 所有青年
    MembersOnly = 2, // 仅团员
}

/// <summary>价格区间 of an activity or a menu item.</summary>
public enum PriceBand
{
    Free = 1,    // 免费
    LowCost = 2, // 低偿
    Paid = 3,    // 有偿
}

/// <summary>How attendance is taken on site.</summary>
public enum AttendanceMode
{
    CheckIn = 1,   // 扫码签到（与志愿服务同一套签到码）
    List = 2,      // 组织者按名单勾选
    Headcount = 3, // 开放活动只记人数
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

    // ---- youth activities (Kind = Youth): hubs, lectures, menu services, scheduled teaching ----
    public const int ReportMaxLength = 4000;

    public Guid? CategoryId { get; set; }
    /// <summary>Places for registration; null = no limit. <see cref="Registered"/> only ever moves by a guarded UPDATE.</summary>
    public int? Capacity { get; set; }
    public int Registered { get; set; }
    public Audience Audience { get; set; } = Audience.AllYouth;
    public int? MinAge { get; set; }
    public int? MaxAge { get; set; }
    public PriceBand PriceBand { get; set; } = PriceBand.Free;
    public decimal? Price { get; set; }
    public AttendanceMode AttendanceMode { get; set; } = AttendanceMode.CheckIn;
    /// <summary>People counted at an open event (AttendanceMode.Headcount): person-times without names.</summary>
    public int? Headcount { get; set; }
    public Guid? ThemeId { get; set; }
    public Guid? TeacherId { get; set; }
    public Guid? TopicId { get; set; }
    /// <summary>The menu item that became this activity when enough people ordered it.</summary>
    public Guid? MenuItemId { get; set; }
    /// <summary>The scheduled-teaching series (送教) that generated it.</summary>
    public Guid? SeriesId { get; set; }
    /// <summary>The short report written afterwards (活动小结).</summary>
    public string? Report { get; set; }
    public DateTimeOffset? ReportedAt { get; set; }
    public string? ReportedBy { get; set; }
}
