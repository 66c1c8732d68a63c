namespace Qingyun.Domain.Rosters;

/// <summary>The steps of 团员发展, in order. Withdrawn ends a case at any open step.</summary>
public enum RecruitStage
{
    Applied = 1,    // 递交入团申请书
    Activist = 2,   // 确定为入团积极分子
    Candidate = 3,  // 确定为发展对象
    Proposed = 4,   // 支部大会通过，报上级团委审批
    Admitted = 5,   // 上级团委批准
    Member = 6,     // 编入团支部，取得团员编号
    Withdrawn = 7,  // 终止
}

/// <summary>
/// One young person's way into the League, from application to membership, in one branch. Each step
/// is dated, signed off by an account and proved by the signed form (a PDF) — see <see cref="RecruitStep"/>.
/// </summary>
public sealed class Recruit : IUnitOwned
{
    /// <summary>团章: an activist is observed at least three months and attends League classes before admission.</summary>
    public const int ActivistMonths = 3;
    public const int RequiredClasses = 8;
    public const int MaxAge = 28;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PersonId { get; set; }
    public Guid UnitId { get; set; }
    public RecruitStage Stage { get; set; } = RecruitStage.Applied;
    public DateOnly AppliedOn { get; set; }
    public DateOnly? ActivistOn { get; set; }
    public DateOnly? CandidateOn { get; set; }
    public DateOnly? MeetingOn { get; set; }
    public DateOnly? AdmittedOn { get; set; }
    public Guid? MembershipId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public bool IsOpen => Stage is not (RecruitStage.Member or RecruitStage.Withdrawn);
}

/// <summary>A step taken (or returned, or withdrawn) in a recruitment case: date, account, the signed form.</summary>
public sealed class RecruitStep : IUnitOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid RecruitId { get; set; }
    public Guid UnitId { get; set; }
    public RecruitStage Stage { get; set; }
    public DateOnly On { get; set; }
    public Guid? DocumentId { get; set; }
    public string? Note { get; set; }
    public string? ByUserName { get; set; }
    public DateTimeOffset At { get; set; }
}

/// <summary>A League class (团课) an activist attended; eight are needed before admission.</summary>
public sealed class RecruitClass : IUnitOwned
{
    public const int TopicMaxLength = 100;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid RecruitId { get; set; }
    public Guid UnitId { get; set; }
    public DateOnly On { get; set; }
    public string Topic { get; set; } = "";
    public decimal Hours { get; set; }
    public string? ByUserName { get; set; }
    public DateTimeOffset At { get; set; }
}
