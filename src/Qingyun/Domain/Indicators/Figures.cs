namespace Qingyun.Domain.Indicators;

/// <summary>
/// One roll-up cell (decision 014): an indicator's value for a unit, a year, a month (0 = the whole year, used
/// by distinct-person counts and by stock figures) and an optional breakdown key (an activity category).
/// <see cref="Own"/> counts the records the unit holds itself; <see cref="Total"/> its whole subtree. Both are
/// kept in step with the records by <c>Rollups</c>, so a dashboard reads a handful of cells whatever the
/// size of the subtree. Derived data: not audited, rebuilt by <c>qingyun figures rebuild</c>.
/// </summary>
public sealed class FigureTally
{
    /// <summary>Stock figures (现有数) live in year 0 while current; the new-year round freezes a copy into the year that ended.</summary>
    public const int CurrentYear = 0;

    public Guid UnitId { get; set; }
    public string Code { get; set; } = "";
    public int Year { get; set; }
    public int Month { get; set; }
    public string Key { get; set; } = "";
    public decimal Own { get; set; }
    public decimal Total { get; set; }
}

/// <summary>
/// A person counted by a distinct-person indicator (人数, not 人次) in a unit's subtree for a year.
/// <see cref="Own"/>: the unit's own records count them; <see cref="Refs"/>: how many units of the subtree
/// (itself included) do. The subtree's distinct count is the number of rows, so a person who served in two
/// communities counts once in the street above them.
/// </summary>
public sealed class FigureSubject
{
    public Guid UnitId { get; set; }
    public string Code { get; set; } = "";
    public int Year { get; set; }
    public Guid SubjectId { get; set; }
    public bool Own { get; set; }
    public int Refs { get; set; }
}

/// <summary>
/// A unit whose own records changed since its figures were counted. Written in the same SaveChanges as the
/// change (the figures interceptor), so a committed record always leaves its mark; consumed by the refresh.
/// <see cref="Retotal"/>: the unit's subtree changed shape (a unit moved in or out), so its totals are summed again.
/// </summary>
public sealed class FigureStale
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UnitId { get; set; }
    public bool Retotal { get; set; }
    public DateTimeOffset At { get; set; }
}

public enum TargetSource
{
    Computed = 1,   // 系统统计
    Reported = 2,   // 手工填报（附佐证）
}

/// <summary>
/// An indicator a unit reports by hand for its subtree (e.g. 示范团委 created, 典型案例 written up): the units
/// below report values with evidence, the level above each reporter reviews them.
/// </summary>
public sealed class ReportedIndicator : IUnitOwned
{
    public const int NameMaxLength = 60;
    public const int UnitNameMaxLength = 10;
    public const int DescriptionMaxLength = 500;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UnitId { get; set; }
    public string Name { get; set; } = "";
    /// <summary>计量单位: 个, 次, 篇…</summary>
    public string Measure { get; set; } = "";
    public string? Description { get; set; }
    public SummarySection Section { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTimeOffset? RetiredAt { get; set; }

    /// <summary>Its code in the catalogue, tallies and targets.</summary>
    public string Code => CodeOf(Id);

    public static string CodeOf(Guid id) => "reported." + id.ToString("N");
}

public enum ReportState
{
    Draft = 1,      // 草稿
    Submitted = 2,  // 待上级审核
    Approved = 3,   // 已通过（计入统计）
    Returned = 4,   // 已退回
}

/// <summary>A unit's hand-reported value of a reported indicator for a year; counts only once the level above approves it.</summary>
public sealed class IndicatorReport : IUnitOwned
{
    public const int NoteMaxLength = 1000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid IndicatorId { get; set; }
    public Guid UnitId { get; set; }
    public int Year { get; set; }
    public decimal Value { get; set; }
    public string Note { get; set; } = "";
    public Guid? EvidenceDocumentId { get; set; }
    public ReportState State { get; set; } = ReportState.Draft;
    public DateTimeOffset UpdatedAt { get; set; }
    public string? SubmittedBy { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }
    public string? ReviewedBy { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }
    public string? ReviewNote { get; set; }
}

/// <summary>A year's target for an indicator of a unit, set by the unit itself or by a unit above it.</summary>
public sealed class IndicatorTarget : IUnitOwned
{
    public const int MinYear = 2000, MaxYear = 2100;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UnitId { get; set; }
    public int Year { get; set; }
    public string Code { get; set; } = "";
    public decimal Value { get; set; }
    public Guid SetByUnitId { get; set; }
    public string? SetBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>
/// An item of a unit's yearly assessment of its child units (考核细则): an indicator and the points it carries. With
/// <see cref="PartyTrack"/> the item also counts in the Party committee's assessment of the same units (党建带团建,
/// 党团组织建设同步、双轨考核, seed 000).
/// </summary>
public sealed class AssessmentItem : IUnitOwned
{
    public const decimal MaxPoints = 100m;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UnitId { get; set; }
    public int Year { get; set; }
    public string Code { get; set; } = "";
    public decimal Points { get; set; }
    public bool PartyTrack { get; set; }
    public string? SetBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>The parts of an annual work summary, in the order of seed 001.</summary>
public enum SummarySection
{
    Organization = 1,   // 组织建设
    Ideology = 2,       // 思想引领
    Volunteer = 3,      // 志愿服务
    Assistance = 4,     // 帮扶关爱
    Hubs = 5,           // 青年汇与阵地活动
    NonPublic = 6,      // 非公和社会组织团建
    Direct = 7,         // 直接联系青年
    Plan = 8,           // 明年工作打算
}

/// <summary>
/// A unit's annual work summary (年度工作总结): the prose of each section as the user edited it, with the numbers
/// left as links (<c>{{code}}</c>) that are filled from the figures whenever it is shown or exported.
/// </summary>
public sealed class WorkSummary : IUnitOwned
{
    public const int TitleMaxLength = 100;
    public const int SectionMaxLength = 8000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UnitId { get; set; }
    public int Year { get; set; }
    public string Title { get; set; } = "";
    /// <summary>JSON: section → prose.</summary>
    public string Sections { get; set; } = "{}";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
    public int Version { get; set; }
}
