namespace Qingyun.Domain.Hubs;

public enum HubType
{
    YouthHub = 1,    // 青年汇
    YouthHome = 2,   // 青年之家
    YouthGarden = 3, // 青春家园
}

public enum HubGrade
{
    Regular = 1, // 普通店
    Key = 2,     // 重点店
}

/// <summary>
/// The hub profile of a unit whose kind is Hub (青年汇, 青年之家, 青春家园): one row per hub unit, keyed by
/// the unit. The managing unit is the committee that answers for it (usually the parent).
/// </summary>
public sealed class Hub : IUnitOwned
{
    public const int AddressMaxLength = 200;
    public const int HoursMaxLength = 200;
    public const int IntroductionMaxLength = 2000;

    public Guid UnitId { get; set; }
    public HubType Type { get; set; } = HubType.YouthHub;
    public HubGrade Grade { get; set; } = HubGrade.Regular;
    public string Address { get; set; } = "";
    public string OpeningHours { get; set; } = "";
    public Guid ManagingUnitId { get; set; }
    public string? ManagerName { get; set; }
    /// <summary>The manager's phone, shown on the hub's public page: a work contact, given for that purpose.</summary>
    public string? ManagerPhone { get; set; }
    public string? Introduction { get; set; }
    /// <summary>The volunteer team that serves in the hub.</summary>
    public Guid? VolunteerTeamId { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
}

/// <summary>An activity category (讲座, 联谊, 自护, DIY…): one list for the whole platform, kept by system administrators.</summary>
public sealed class ActivityCategory
{
    public const int NameMaxLength = 50;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string Name { get; set; } = "";
    public string NameEn { get; set; } = "";
    public int SortOrder { get; set; }
    public DateTimeOffset? ArchivedAt { get; set; }
}

/// <summary>A public holiday (法定节假日): scheduled teaching skips these days.</summary>
public sealed class PublicHoliday
{
    public const int NameMaxLength = 50;

    public DateOnly Date { get; set; }
    public string Name { get; set; } = "";
}

/// <summary>A unit's theme for a quarter (e.g. Q1 服务季) with the plan it is measured against.</summary>
public sealed class QuarterTheme : IUnitOwned
{
    public const int TitleMaxLength = 50;
    public const int DescriptionMaxLength = 1000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UnitId { get; set; }
    public int Year { get; set; }
    public int Quarter { get; set; }
    public string Title { get; set; } = "";
    public string? Description { get; set; }
    public int PlannedActivities { get; set; }
    public int PlannedPersonTimes { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
}

/// <summary>A registration (报名) for a youth activity, by a person.</summary>
public enum RegistrationState
{
    Registered = 1,
    Cancelled = 2,
}

public sealed class Registration : IUnitOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ActivityId { get; set; }
    public Guid PersonId { get; set; }
    /// <summary>The activity's unit: the organizer sees the registrations of their activities.</summary>
    public Guid UnitId { get; set; }
    public RegistrationState State { get; set; } = RegistrationState.Registered;
    public DateTimeOffset RegisteredAt { get; set; }
    public DateTimeOffset? CancelledAt { get; set; }
}

public enum ParticipationMethod
{
    CheckIn = 1, // 扫码签到
    List = 2,    // 名单勾选
}

/// <summary>A named person present at a youth activity: one row per person and activity, however often they tap.</summary>
public sealed class Participation : IUnitOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ActivityId { get; set; }
    public Guid PersonId { get; set; }
    public Guid UnitId { get; set; }
    public DateTimeOffset At { get; set; }
    public ParticipationMethod Method { get; set; }
    public string? RecordedBy { get; set; }
}

/// <summary>A photo of an activity, kept in the database beside it (a backup holds both).</summary>
public sealed class ActivityPhoto : IUnitOwned
{
    public const int MaxBytes = 5 * 1024 * 1024;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ActivityId { get; set; }
    public Guid UnitId { get; set; }
    public string ContentType { get; set; } = "image/jpeg";
    public byte[] Content { get; set; } = [];
    public string? Caption { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
    public string? UploadedBy { get; set; }
}

/// <summary>A participant's rating (1–5) and comment on an activity.</summary>
public sealed class ActivityFeedback : IUnitOwned
{
    public const int CommentMaxLength = 500;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ActivityId { get; set; }
    public Guid PersonId { get; set; }
    public Guid UnitId { get; set; }
    public int Rating { get; set; }
    public string? Comment { get; set; }
    public DateTimeOffset At { get; set; }
}
