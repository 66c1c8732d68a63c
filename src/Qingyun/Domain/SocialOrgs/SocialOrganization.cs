namespace Qingyun.Domain.SocialOrgs;

/// <summary>领域: the field a youth social organization works in (seed 002).</summary>
public enum OrgField
{
    Volunteer = 1,     // 志愿服务
    Culture = 2,       // 文化
    Sports = 3,        // 体育
    NewArts = 4,       // 新文艺
    Professional = 5,  // 专业服务 (social work, law, psychology…)
    Charity = 6,       // 公益慈善
    Education = 7,     // 教育
    Innovation = 8,    // 创新创业
    Other = 9,
}

/// <summary>法律地位: registered with civil affairs, filed (备案) with a street or community, or informal.</summary>
public enum LegalStatus
{
    Registered = 1,  // 依法登记
    Filed = 2,       // 备案
    Informal = 3,    // 未登记（草根组织）
}

/// <summary>The registry review of an organization (入库审核).</summary>
public enum OrgReviewStatus
{
    Pending = 1,   // 待审核
    Approved = 2,  // 已入库
    Rejected = 3,  // 未通过 (with a reason; the organization may correct and resubmit)
}

/// <summary>孵化阶段: how far the League has brought an organization along.</summary>
public enum IncubationStage
{
    Contacted = 1,   // 已联系
    Incubating = 2,  // 孵化中
    Graduated = 3,   // 已出壳
    Partner = 4,     // 亲青伙伴
}

/// <summary>How an organization came into the registry.</summary>
public enum OrgSource
{
    EnteredByUnit = 1,   // 团组织录入
    SelfRegistered = 2,  // 组织自主申报
}

/// <summary>
/// A youth social organization (青年社会组织) in the social-liaison registry of a League unit (decision
/// 013). It is the social-liaison view of an organization; the League-building view (非公团建, decision
/// 007) is <see cref="Building.NewOrganization"/>, and the two are linked through the credit code when
/// both exist. An informal organization has no credit code.
/// </summary>
public sealed class SocialOrganization : IUnitOwned
{
    public const int NameMaxLength = 100;
    public const int TextMaxLength = 2000;
    public const int ShortMaxLength = 200;
    public const int MaxCount = 1_000_000;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The League unit that liaises with the organization and reviews it (a city or district committee, an incubation base).</summary>
    public Guid UnitId { get; set; }

    public string Name { get; set; } = "";

    /// <summary>统一社会信用代码 (GB 32100); required for a registered organization, unique when given.</summary>
    public string? CreditCode { get; set; }

    public LegalStatus LegalStatus { get; set; }
    public OrgField Field { get; set; }

    /// <summary>简介: what the organization does.</summary>
    public string? Summary { get; set; }

    public string? Address { get; set; }
    public DateOnly? FoundedOn { get; set; }
    public string ContactName { get; set; } = "";

    /// <summary>The contact's phone, encrypted like a person's (PIPL); only the masked form is shown.</summary>
    public byte[]? ContactPhoneCipher { get; set; }
    public string? ContactPhoneMasked { get; set; }

    /// <summary>规模: people in the organization (staff and regular volunteers).</summary>
    public int MemberCount { get; set; }

    /// <summary>Members aged 35 or under (青年成员).</summary>
    public int YoungMemberCount { get; set; }

    public bool HasLeagueBranch { get; set; }
    public bool HasPartyBranch { get; set; }

    /// <summary>The League unit built in the organization, when it is in the tree.</summary>
    public Guid? LeagueUnitId { get; set; }

    public OrgSource Source { get; set; }
    public OrgReviewStatus ReviewStatus { get; set; } = OrgReviewStatus.Pending;
    public string? ReviewNote { get; set; }
    public string? ReviewedBy { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }

    /// <summary>Where the organization stands in incubation; null until the League has contacted it.</summary>
    public IncubationStage? Stage { get; set; }

    /// <summary>The organization's own account (from self-registration): it sees and edits its own record, applies for grants, files reports.</summary>
    public Guid? AccountUserId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>One move between incubation stages, dated, with who moved it and why.</summary>
public sealed class IncubationStep
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; set; }
    public IncubationStage? From { get; set; }
    public IncubationStage To { get; set; }
    public DateOnly On { get; set; }
    public string? Note { get; set; }
    public string? ByUserName { get; set; }
    public DateTimeOffset At { get; set; }
}

/// <summary>孵化支持的种类.</summary>
public enum SupportKind
{
    Space = 1,      // 场地
    Training = 2,   // 培训
    Funding = 3,    // 资金
    Mentoring = 4,  // 导师辅导
    Publicity = 5,  // 宣传推介
    Other = 9,
}

/// <summary>Support given to an organization in incubation: space, training, funding (with an amount), mentoring.</summary>
public sealed class IncubationSupport
{
    public const decimal MaxAmount = 100_000_000m;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; set; }
    public SupportKind Kind { get; set; }
    public DateOnly On { get; set; }
    public string Description { get; set; } = "";

    /// <summary>Money, in yuan; only for funding.</summary>
    public decimal? Amount { get; set; }

    /// <summary>The unit (an incubation base, a hub) that gave it, when not the registry unit.</summary>
    public Guid? GivenByUnitId { get; set; }

    public string? ByUserName { get; set; }
    public DateTimeOffset At { get; set; }
}

/// <summary>导师: a mentor assigned to an organization in incubation, for a period.</summary>
public sealed class IncubationMentor
{
    public const int NameMaxLength = 50;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; set; }
    public string Name { get; set; } = "";

    /// <summary>What the mentor helps with (项目设计, 财务管理, 法律…).</summary>
    public string Expertise { get; set; } = "";

    public DateOnly From { get; set; }
    public DateOnly? Until { get; set; }
    public string? ByUserName { get; set; }
    public DateTimeOffset At { get; set; }
}

/// <summary>孵化里程碑: a planned step (注册登记, 首个项目落地…) with a due date, marked when achieved.</summary>
public sealed class IncubationMilestone
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; set; }
    public string Title { get; set; } = "";
    public DateOnly DueOn { get; set; }
    public DateOnly? AchievedOn { get; set; }
    public string? Note { get; set; }
    public string? ByUserName { get; set; }
    public DateTimeOffset At { get; set; }
}

/// <summary>
/// 亲青伙伴: a partner designation by a League unit, for a term, with what each side commits to. A
/// designation ends at its term or earlier when revoked with a reason; a renewal is a new designation.
/// </summary>
public sealed class Partnership : IUnitOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; set; }

    /// <summary>The designating League unit.</summary>
    public Guid UnitId { get; set; }

    public string Title { get; set; } = "亲青伙伴";
    public DateOnly From { get; set; }
    public DateOnly Until { get; set; }

    /// <summary>团组织承诺: what the League gives (space, publicity, priority in grants…).</summary>
    public string LeagueCommitments { get; set; } = "";

    /// <summary>组织承诺: what the organization gives (services to young people, volunteers, League work inside…).</summary>
    public string OrgCommitments { get; set; } = "";

    public DateOnly? RevokedOn { get; set; }
    public string? RevokeReason { get; set; }
    public string? ByUserName { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public bool IsActiveOn(DateOnly day) => RevokedOn is null && From <= day && day <= Until;
}
