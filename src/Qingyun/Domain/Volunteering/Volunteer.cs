namespace Qingyun.Domain.Volunteering;

/// <summary>专业技能. A position may require some; a volunteer must hold all of them.</summary>
[Flags]
public enum Skill
{
    None = 0,
    FirstAid = 1,        // 医疗急救
    Language = 2,        // 外语翻译
    Law = 4,             // 法律咨询
    Counselling = 8,     // 心理辅导
    Tutoring = 16,       // 教育辅导
    Arts = 32,           // 文艺表演
    Sports = 64,         // 体育健身
    Computing = 128,     // 信息技术
    Photography = 256,   // 摄影摄像
    Driving = 512,       // 驾驶
    SocialWork = 1024,   // 社会工作
}

/// <summary>可服务时间.</summary>
[Flags]
public enum Availability
{
    None = 0,
    WeekdayDaytime = 1,  // 工作日白天
    WeekdayEvening = 2,  // 工作日晚间
    Weekend = 4,         // 周末
    Holidays = 8,        // 节假日
}

/// <summary>服务类别 (the national standard's service fields).</summary>
[Flags]
public enum ServiceArea
{
    None = 0,
    Community = 1,       // 社区服务
    Elderly = 2,         // 扶老助残
    Children = 4,        // 关爱少年儿童
    Environment = 8,     // 生态环保
    Events = 16,         // 大型赛会
    Emergency = 32,      // 应急救援
    Civility = 64,       // 文明实践
    Health = 128,        // 医疗卫生
    Education = 256,     // 支教助学
    Legal = 512,         // 法律服务
}

public enum RegistrationChannel
{
    Self = 1,          // 本人注册
    Organization = 2,  // 组织代为登记
    Imported = 3,      // 从其他平台导入
}

public enum VolunteerStatus
{
    Active = 1,     // 正常
    Suspended = 2,  // 暂停
    Left = 3,       // 注销
}

/// <summary>
/// A volunteer is a role of a <see cref="People.Person"/>: the public volunteer number (志愿者编号, never
/// the ID number), skills, availability and service areas, the consents the law asks for, and the head
/// of the volunteer's service record — total confirmed minutes, number of entries and the hash of the
/// last entry — kept in the same transaction as each entry, so a total is read, not summed.
/// </summary>
public sealed class Volunteer : IUnitOwned
{
    public const int NumberLength = 12;
    public const int GuardianNameMaxLength = 50;
    public const int MinimumAge = 14;
    public const int AdultAge = 18;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PersonId { get; set; }
    /// <summary>The unit the volunteer registered with (a community, school, company…).</summary>
    public Guid UnitId { get; set; }
    public string Number { get; set; } = "";
    public Skill Skills { get; set; }
    public Availability Availability { get; set; }
    public ServiceArea ServiceAreas { get; set; }
    public RegistrationChannel Channel { get; set; }
    public VolunteerStatus Status { get; set; } = VolunteerStatus.Active;
    /// <summary>Separate consent to processing sensitive personal data (PIPL art. 29).</summary>
    public DateTimeOffset SensitiveConsentAt { get; set; }
    // A guardian's consent for ages 14–18 (PIPL art. 31 covers under 14; the service rules ask it up to 18).
    public string? GuardianName { get; set; }
    public byte[]? GuardianPhoneCipher { get; set; }
    public string? GuardianPhoneMasked { get; set; }
    public DateTimeOffset? GuardianConsentAt { get; set; }
    public DateTimeOffset RegisteredAt { get; set; }
    public string? RegisteredBy { get; set; }

    // The head of the service record (see ServiceEntry): kept with every entry, checked by `verify`.
    public long ConfirmedMinutes { get; set; }
    public int EntryCount { get; set; }
    public string LedgerHead { get; set; } = "";
    public long TrainingMinutes { get; set; }
    /// <summary>A unit's nomination, needed for five stars on top of the hours.</summary>
    public DateTimeOffset? FiveStarNominatedAt { get; set; }
    public Guid? FiveStarNominatedBy { get; set; }
    /// <summary>Recomputed whenever the total or the nomination changes, so lists can filter by it.</summary>
    public int Stars { get; set; }
}

/// <summary>志愿服务队: a team belonging to a unit; a volunteer may serve in several.</summary>
public sealed class VolunteerTeam : IUnitOwned
{
    public const int NameMaxLength = 100;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UnitId { get; set; }
    public string Name { get; set; } = "";
    public ServiceArea ServiceAreas { get; set; }
    public string? Description { get; set; }
    public string? LeaderName { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DissolvedAt { get; set; }
}

public sealed class TeamMember : IUnitOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TeamId { get; set; }
    public Guid VolunteerId { get; set; }
    /// <summary>The team's unit: the team's admins see its members.</summary>
    public Guid UnitId { get; set; }
    public DateTimeOffset JoinedAt { get; set; }
    public DateTimeOffset? LeftAt { get; set; }
}
