using Qingyun.Domain.Activities;

namespace Qingyun.Domain.Hubs;

/// <summary>Where a teacher in the pool (三优: 优秀师资) comes from.</summary>
public enum TeacherSource
{
    Institution = 1, // 合作机构（开放大学、医院…）
    Resident = 2,    // 社区居民
    Volunteer = 3,   // 志愿者
    Cadre = 4,       // 团干部
}

/// <summary>
/// A teacher in a unit's pool. Hubs below the unit draw on it when they publish. The phone is personal
/// data: kept encrypted, shown masked.
/// </summary>
public sealed class Teacher : IUnitOwned
{
    public const int NameMaxLength = 50;
    public const int InstitutionMaxLength = 100;
    public const int ExpertiseMaxLength = 500;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UnitId { get; set; }
    public string Name { get; set; } = "";
    public TeacherSource Source { get; set; } = TeacherSource.Institution;
    public string? Institution { get; set; }
    public string? Expertise { get; set; }
    public string? PhoneCipher { get; set; }
    public string? PhoneMasked { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTimeOffset? ArchivedAt { get; set; }
}

/// <summary>A topic in the pool (优质课程/服务): what is taught, for how long, by whom.</summary>
public sealed class Topic : IUnitOwned
{
    public const int TitleMaxLength = 100;
    public const int DescriptionMaxLength = 2000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UnitId { get; set; }
    public Guid? TeacherId { get; set; }
    public Guid? CategoryId { get; set; }
    public string Title { get; set; } = "";
    public string? Description { get; set; }
    public int DurationMinutes { get; set; } = 90;
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTimeOffset? ArchivedAt { get; set; }
}

public enum MenuItemState
{
    Open = 1,      // 接受点单
    Running = 2,   // 已成团：已生成活动
    Released = 3,  // 截止未成团：点单已释放
    Withdrawn = 4, // 已撤下
}

/// <summary>
/// A menu item (点学菜单): young people order it; once <see cref="MinParticipants"/> have ordered it becomes an
/// activity; if the deadline passes first, the orders are released. <see cref="Ordered"/> moves only by a
/// guarded UPDATE, so the count is exact under any number of simultaneous orders.
/// </summary>
public sealed class MenuItem : IUnitOwned
{
    public const int TitleMaxLength = 100;
    public const int DescriptionMaxLength = 2000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UnitId { get; set; }
    public string Title { get; set; } = "";
    public string? Description { get; set; }
    public Guid? CategoryId { get; set; }
    public Guid? TopicId { get; set; }
    public Guid? TeacherId { get; set; }
    public int MinParticipants { get; set; }
    public int MaxParticipants { get; set; }
    public PriceBand PriceBand { get; set; } = PriceBand.Free;
    public decimal? Price { get; set; }
    public DateTimeOffset OrderDeadline { get; set; }
    /// <summary>When and where it runs once enough people order it.</summary>
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }
    public string Place { get; set; } = "";
    public MenuItemState State { get; set; } = MenuItemState.Open;
    public int Ordered { get; set; }
    public Guid? ActivityId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
}

public enum MenuOrderState
{
    Active = 1,
    Cancelled = 2,
    Released = 3,
}

public sealed class MenuOrder : IUnitOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid MenuItemId { get; set; }
    public Guid PersonId { get; set; }
    public Guid UnitId { get; set; }
    public MenuOrderState State { get; set; } = MenuOrderState.Active;
    public DateTimeOffset OrderedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
}

public enum Frequency
{
    Weekly = 1,  // 每周
    Monthly = 2, // 每月
}

/// <summary>
/// Scheduled teaching (送教): a rule (every week on a weekday, or every month on a day) over a season that
/// generates the activities; public holidays are skipped when asked.
/// </summary>
public sealed class ActivitySeries : IUnitOwned
{
    public const int TitleMaxLength = 100;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UnitId { get; set; }
    public string Title { get; set; } = "";
    public Guid? CategoryId { get; set; }
    public Guid? TeacherId { get; set; }
    public Guid? TopicId { get; set; }
    public string Place { get; set; } = "";
    public Frequency Frequency { get; set; } = Frequency.Weekly;
    public DayOfWeek? Weekday { get; set; }
    public int? DayOfMonth { get; set; }
    public TimeOnly StartTime { get; set; }
    public int DurationMinutes { get; set; } = 90;
    public DateOnly From { get; set; }
    public DateOnly To { get; set; }
    public bool SkipHolidays { get; set; } = true;
    public int? Capacity { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
}
