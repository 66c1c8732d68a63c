namespace Qingyun.Domain.SocialOrgs;

/// <summary>
/// 项目库: a social-service project — run by an organization, funded by a round, or collected by the
/// unit — with goals, budget, period and outcome, searchable by field.
/// </summary>
public sealed class LibraryProject : IUnitOwned
{
    public const int TitleMaxLength = 100;
    public const int TextMaxLength = 4000;
    public const decimal MaxBudget = 100_000_000m;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The League unit whose library holds it.</summary>
    public Guid UnitId { get; set; }

    public Guid? OrganizationId { get; set; }

    /// <summary>The funded application it came from, when it came from a micro-venture round.</summary>
    public Guid? ApplicationId { get; set; }

    public string Title { get; set; } = "";
    public OrgField Field { get; set; }
    public string Goals { get; set; } = "";
    public decimal? Budget { get; set; }
    public DateOnly StartOn { get; set; }
    public DateOnly? EndOn { get; set; }

    /// <summary>成效: what the project achieved; filled in when it ends.</summary>
    public string? Outcome { get; set; }

    public string? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>案例库: a case written up for others to learn from (seed 002 三), searchable by field and words.</summary>
public sealed class LibraryCase : IUnitOwned
{
    public const int TitleMaxLength = 100;
    public const int BodyMaxLength = 20_000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UnitId { get; set; }
    public Guid? OrganizationId { get; set; }
    public Guid? ProjectId { get; set; }
    public string Title { get; set; } = "";
    public OrgField Field { get; set; }

    /// <summary>One-paragraph summary shown in search results.</summary>
    public string Summary { get; set; } = "";

    public string Body { get; set; } = "";

    /// <summary>Keywords, separated by "、" or ",".</summary>
    public string? Tags { get; set; }

    public DateOnly WrittenOn { get; set; }
    public string? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

public enum RoundStatus
{
    Draft = 1,      // 筹备中: only the unit sees it
    Open = 2,       // 申报中: organizations apply
    Reviewing = 3,  // 评审中: applications scored through an evaluation
    Awarded = 4,    // 已立项: awards made, projects running, reports and payments recorded
    Closed = 5,     // 已结项
}

/// <summary>
/// 公益创投 (小额项目招投标): a round with a budget, a cap per project, an application window and the
/// evaluation scheme its review uses. Reviewing opens an <see cref="Evaluation"/> whose subjects are the
/// applications, so review reuses the evaluation entirely.
/// </summary>
public sealed class VentureRound : IUnitOwned
{
    public const int TitleMaxLength = 100;
    public const int TextMaxLength = 4000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UnitId { get; set; }
    public string Title { get; set; } = "";
    public int Year { get; set; }
    public string? Description { get; set; }
    public decimal Budget { get; set; }

    /// <summary>单个项目资助上限.</summary>
    public decimal MaxGrant { get; set; }

    /// <summary>The published scheme version the review will use.</summary>
    public Guid SchemeId { get; set; }

    public DateOnly ApplyFrom { get; set; }
    public DateOnly ApplyUntil { get; set; }
    public RoundStatus Status { get; set; } = RoundStatus.Draft;
    public Guid? EvaluationId { get; set; }
    public string? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

public enum ApplicationStatus
{
    Submitted = 1,   // 已申报
    Withdrawn = 2,   // 已撤回
    Ineligible = 3,  // 资格审查未通过 (with a reason)
    Awarded = 4,     // 已立项
    NotAwarded = 5,  // 未立项
    Completed = 6,   // 已结项 (final report accepted)
}

/// <summary>An organization's application to a round: the project, the money asked for, and what became of it.</summary>
public sealed class VentureApplication : IUnitOwned
{
    public const int TitleMaxLength = 100;
    public const int TextMaxLength = 4000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid RoundId { get; set; }

    /// <summary>The round's unit.</summary>
    public Guid UnitId { get; set; }

    public Guid OrganizationId { get; set; }
    public string ProjectTitle { get; set; } = "";
    public OrgField Field { get; set; }
    public string Summary { get; set; } = "";
    public string Goals { get; set; } = "";

    /// <summary>预算说明: how the money will be spent.</summary>
    public string BudgetNote { get; set; } = "";

    public decimal Requested { get; set; }
    public DateOnly StartOn { get; set; }
    public DateOnly EndOn { get; set; }
    public ApplicationStatus Status { get; set; } = ApplicationStatus.Submitted;
    public string? StatusNote { get; set; }
    public decimal? Awarded { get; set; }

    /// <summary>The library project created at award.</summary>
    public Guid? ProjectId { get; set; }

    /// <summary>Who submitted it: the organization's account, or an admin entering it for them.</summary>
    public Guid? SubmittedByUserId { get; set; }

    public string? SubmittedBy { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

public enum VentureReportKind
{
    Progress = 1,  // 中期报告
    Final = 2,     // 结项报告
}

/// <summary>A progress or final report from a funded project; the round's unit accepts it or sends it back with a reason.</summary>
public sealed class VentureReport : IUnitOwned
{
    public const int TextMaxLength = 8000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ApplicationId { get; set; }
    public Guid UnitId { get; set; }
    public VentureReportKind Kind { get; set; }
    public string Body { get; set; } = "";

    /// <summary>Money spent so far, as the organization reports it.</summary>
    public decimal? Spent { get; set; }

    /// <summary>Served young people (受益人次), as reported.</summary>
    public int? Beneficiaries { get; set; }

    public Guid? DocumentId { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
    public string? SubmittedBy { get; set; }
    public bool? Accepted { get; set; }
    public string? ReviewNote { get; set; }
    public string? ReviewedBy { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }
}

/// <summary>资金拨付: money paid to a funded project; the payments never exceed the award.</summary>
public sealed class VentureDisbursement : IUnitOwned
{
    public const int ReferenceMaxLength = 100;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ApplicationId { get; set; }
    public Guid UnitId { get; set; }
    public DateOnly On { get; set; }
    public decimal Amount { get; set; }

    /// <summary>The payment voucher or bank reference.</summary>
    public string Reference { get; set; } = "";

    public string? Note { get; set; }
    public string? ByUserName { get; set; }
    public DateTimeOffset At { get; set; }
}
