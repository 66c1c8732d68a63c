namespace Qingyun.Domain.Assistance;

/// <summary>The League programme a case runs under (seed 001: 青春助跑, 阳光牵手; seed 000: 一对一结对).</summary>
public enum AssistanceProgramme
{
    YouthRun = 1,      // 青春助跑
    SunshineHand = 2,  // 阳光牵手
    OneToOne = 3,      // 一对一结对帮扶
    Other = 9,
}

/// <summary>Needs found at intake (需求评估); a case usually has several.</summary>
[Flags]
public enum CaseNeeds
{
    None = 0,
    Study = 1,           // 学业
    Living = 2,          // 生活
    Psychological = 4,   // 心理
    Legal = 8,           // 法律
    Employment = 16,     // 就业
    Health = 32,         // 健康
    Other = 64,
}

public enum CaseStatus
{
    Open = 1,    // 已受理: intake done, no volunteer yet
    Active = 2,  // 帮扶中
    Paused = 3,  // 暂停
    Closed = 4,  // 已结案 (with a reason)
}

/// <summary>
/// 帮扶对象类别: a platform-wide list (seed 000's eight, more added by system administrators). A case
/// names its categories by <see cref="Code"/>; an archived category stays readable on old cases.
/// </summary>
public sealed class BeneficiaryCategory
{
    public const int NameMaxLength = 30;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string Code { get; set; } = "";
    public string NameZh { get; set; } = "";
    public string NameEn { get; set; } = "";
    public int SortOrder { get; set; }
    public DateTimeOffset? ArchivedAt { get; set; }

    public static readonly (string Code, string Zh, string En)[] Defaults =
    [
        ("hardship", "困难家庭", "Family in hardship"),
        ("left-behind", "留守儿童", "Left-behind child"),
        ("migrant", "流动儿童", "Migrant child"),
        ("disabled", "残疾", "Disability"),
        ("orphan", "孤儿", "Orphan"),
        ("rehabilitation", "帮教对象", "In rehabilitation"),
        ("elderly-alone", "孤寡老人", "Elderly living alone"),
        ("zero-employment", "零就业家庭", "Zero-employment family"),
    ];
}

/// <summary>
/// 帮扶个案: a beneficiary (a <see cref="People.Person"/>) helped under a programme by a unit. Seen only by
/// its owner, the volunteers paired with it now (through <see cref="CaseAccess"/>) and administrators
/// holding CasesRead over the unit (decision 012); everyone else sees counts.
/// </summary>
public sealed class AssistanceCase : IUnitOwned
{
    public const int NoteMaxLength = 1000;
    public const int ShortMaxLength = 50;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UnitId { get; set; }
    public Guid PersonId { get; set; }
    public AssistanceProgramme Programme { get; set; }

    /// <summary>Category codes, each between bars ("|orphan|left-behind|"), so one LIKE finds a category.</summary>
    public string Categories { get; set; } = "|";

    public CaseNeeds Needs { get; set; }
    public string? NeedsNote { get; set; }
    public DateOnly IntakeOn { get; set; }
    public string? IntakeNote { get; set; }

    /// <summary>知情同意: the day consent was given and by whom — the beneficiary, or for a minor a guardian.</summary>
    public DateOnly ConsentOn { get; set; }
    public string ConsentBy { get; set; } = "";
    public string? ConsentRelation { get; set; }

    public CaseStatus Status { get; set; } = CaseStatus.Open;
    public string? StatusNote { get; set; }
    public DateOnly? ClosedOn { get; set; }

    /// <summary>The account answering for the case (个案负责人).</summary>
    public Guid OwnerUserId { get; set; }
    public string OwnerName { get; set; } = "";

    public string? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public IEnumerable<string> CategoryCodes => Categories.Split('|', StringSplitOptions.RemoveEmptyEntries);

    public static string JoinCategories(IEnumerable<string> codes) => "|" + string.Concat(codes.Distinct().Select(c => c + "|"));
}

/// <summary>
/// 结对: a fixed volunteer, or a volunteer team, paired with a case from a day; changing the volunteer ends
/// the pairing and starts another, so the history stays.
/// </summary>
public sealed class CasePairing : IUnitOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CaseId { get; set; }
    public Guid UnitId { get; set; }
    public Guid? VolunteerId { get; set; }
    public Guid? TeamId { get; set; }
    public DateOnly StartedOn { get; set; }
    public DateOnly? EndedOn { get; set; }
    public string? EndNote { get; set; }
    public string? ByUserName { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// The people who may open a case because they are paired with it now: the volunteer, or each member of
/// the paired team at pairing time. Kept by the pairing desk; the case's query filter reads it.
/// </summary>
public sealed class CaseAccess
{
    public Guid CaseId { get; set; }
    public Guid PersonId { get; set; }
}

public enum PlanState
{
    Draft = 1,     // 草拟
    Submitted = 2, // 待审批
    Approved = 3,  // 已批准
}

/// <summary>A goal of a plan with the day it should be reached and, once it is, the day it was.</summary>
public sealed class PlanGoal
{
    public string Text { get; set; } = "";
    public DateOnly TargetOn { get; set; }
    public DateOnly? AchievedOn { get; set; }
}

/// <summary>
/// 服务计划书: the case's plan for a period — goals, the visits planned (spread evenly over the period,
/// e.g. 12 a year = monthly), the resources to provide — approved by the unit. Editing an approved plan
/// sends it back for approval.
/// </summary>
public sealed class CasePlan : IUnitOwned
{
    public const int TextMaxLength = 2000;
    public const int MaxVisits = 366;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CaseId { get; set; }
    public Guid UnitId { get; set; }
    public DateOnly StartsOn { get; set; }
    public DateOnly EndsOn { get; set; }
    public int VisitsPlanned { get; set; }
    public List<PlanGoal> Goals { get; set; } = [];
    public string? Resources { get; set; }
    public string? Measures { get; set; }
    public PlanState State { get; set; } = PlanState.Draft;
    public string? ApprovedBy { get; set; }
    public DateTimeOffset? ApprovedAt { get; set; }
    public string? ReturnNote { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>
    /// The day the k-th planned visit (1-based) is due: the period cut into <see cref="VisitsPlanned"/> equal
    /// parts, each visit due by the end of its part. A period of whole calendar months is cut along the
    /// months, so 12 a year from 1 January is due on the last day of each month (31 Jan, 28 Feb, … 31 Dec) and
    /// 4 a year at the end of each quarter; a part that ends inside a month ends at that share of the month's
    /// days. Any other period is cut into equal numbers of days.
    /// </summary>
    public DateOnly DueOn(int k)
    {
        var months = WholeMonths();
        if (months > 0)
        {
            var whole = months * k / VisitsPlanned;
            var rest = months * k % VisitsPlanned;
            var from = StartsOn.AddMonths(whole);
            if (rest == 0)
            {
                return from.AddDays(-1);
            }
            var span = StartsOn.AddMonths(whole + 1).DayNumber - from.DayNumber;
            return from.AddDays((int)Math.Ceiling((double)span * rest / VisitsPlanned) - 1);
        }
        var days = EndsOn.DayNumber - StartsOn.DayNumber + 1;
        return DateOnly.FromDayNumber(StartsOn.DayNumber + (int)Math.Ceiling((double)days * k / VisitsPlanned) - 1);
    }

    /// <summary>The number of calendar months the period spans exactly (1 Jan – 31 Dec is 12), or 0 when it is not whole months.</summary>
    private int WholeMonths()
    {
        for (var m = 1; StartsOn.AddMonths(m).AddDays(-1) <= EndsOn; m++)
        {
            if (StartsOn.AddMonths(m).AddDays(-1) == EndsOn)
            {
                return m;
            }
        }
        return 0;
    }

    /// <summary>How many visits should have been made by the end of <paramref name="day"/>.</summary>
    public int DueBy(DateOnly day)
    {
        if (VisitsPlanned <= 0 || day < StartsOn)
        {
            return 0;
        }
        var due = 0;
        while (due < VisitsPlanned && DueOn(due + 1) <= day)
        {
            due++;
        }
        return due;
    }
}

public enum VisitForm
{
    Home = 1,      // 入户走访
    Phone = 2,     // 电话
    School = 3,    // 到校
    Activity = 4,  // 参加活动
    Online = 5,    // 线上
    Other = 9,
}

/// <summary>帮扶记录: one visit or contact with the beneficiary, logged by the volunteer (often on site, from a phone) or the owner.</summary>
public sealed class CaseVisit : IUnitOwned
{
    public const int TextMaxLength = 1000;
    public const int MaxMinutes = 24 * 60;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CaseId { get; set; }
    public Guid UnitId { get; set; }
    public DateOnly VisitedOn { get; set; }
    public VisitForm Form { get; set; }
    public int Minutes { get; set; }
    public string Done { get; set; } = "";
    public string? Situation { get; set; }
    public string? FollowUp { get; set; }
    /// <summary>Things given on the visit (文具, 书籍…), as written.</summary>
    public string? ResourcesGiven { get; set; }
    /// <summary>Money given on the visit, in yuan.</summary>
    public decimal? MoneyGiven { get; set; }
    public Guid? ByPersonId { get; set; }
    public string ByName { get; set; } = "";
    public DateTimeOffset LoggedAt { get; set; }
}

public enum SupportKind
{
    Scholarship = 1, // 助学金/奖学金 (希望之星)
    Grant = 2,       // 救助金
    Goods = 3,       // 物资
    Training = 4,    // 培训
    Service = 5,     // 服务
    Other = 9,
}

public enum SupportState
{
    Applied = 1,   // 已申请
    Approved = 2,  // 已批准
    Rejected = 3,  // 未通过
    Delivered = 4, // 已发放
}

/// <summary>
/// 帮扶资源: a scholarship or grant applied for (amount, sponsor, approval, payment) or resources from a
/// partner unit (e.g. 妇联 giving sportswear) recorded against a case.
/// </summary>
public sealed class CaseSupport : IUnitOwned
{
    public const int NameMaxLength = 100;
    public const int NoteMaxLength = 500;
    public const decimal MaxAmount = 10_000_000m;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CaseId { get; set; }
    public Guid UnitId { get; set; }
    public SupportKind Kind { get; set; }
    public string Name { get; set; } = "";
    public string Sponsor { get; set; } = "";
    public decimal? Amount { get; set; }
    public string? Items { get; set; }
    public SupportState State { get; set; } = SupportState.Applied;
    public DateOnly AppliedOn { get; set; }
    public DateOnly? DecidedOn { get; set; }
    public string? DecidedBy { get; set; }
    public string? DecisionNote { get; set; }
    public DateOnly? DeliveredOn { get; set; }
    public decimal? DeliveredAmount { get; set; }
    public string? PaymentReference { get; set; }
    public string? ByUserName { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
