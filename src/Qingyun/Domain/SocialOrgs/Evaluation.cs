namespace Qingyun.Domain.SocialOrgs;

public enum SchemeStatus
{
    Draft = 1,      // 草稿: criteria may change
    Published = 2,  // 已发布: frozen; evaluations may use it
    Retired = 3,    // 已停用: no new evaluations; old results keep it
}

/// <summary>
/// 评价办法: criteria in groups with weights summing to 100. A scheme is versioned: all versions share
/// <see cref="FamilyId"/>; publishing freezes a version, and a change is a new draft version (decision
/// 013). An evaluation names one version, so a change of scheme never touches past results.
/// </summary>
public sealed class EvaluationScheme : IUnitOwned
{
    public const int NameMaxLength = 100;
    public const int TextMaxLength = 2000;
    public const decimal TotalWeight = 100m;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The unit that defines the scheme; its subtree may use it.</summary>
    public Guid UnitId { get; set; }

    public Guid FamilyId { get; set; }
    public int Version { get; set; } = 1;
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public SchemeStatus Status { get; set; } = SchemeStatus.Draft;
    public string? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
}

/// <summary>
/// 评价指标: one criterion of a scheme version, in a group (e.g. 与团组织紧密度, 功能发挥, 规范运行), with
/// its weight (points of the 100), the maximum a reviewer may give, guidance for reviewers and the
/// evidence the organization must show.
/// </summary>
public sealed class EvaluationCriterion
{
    public const int NameMaxLength = 100;
    public const int GroupMaxLength = 50;
    public const int TextMaxLength = 1000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid SchemeId { get; set; }
    public string Group { get; set; } = "";
    public string Name { get; set; } = "";
    public decimal Weight { get; set; }

    /// <summary>The top of the reviewer's scale for this criterion (e.g. 10 or 100).</summary>
    public decimal MaxScore { get; set; }

    public string? Guidance { get; set; }
    public string? EvidenceRequired { get; set; }
    public int SortOrder { get; set; }
}

public enum EvaluationStatus
{
    Scoring = 1,  // 评分中: reviewers score
    Closed = 2,   // 已结束: results frozen (stored), ranking and allocation final
}

/// <summary>
/// 一次评价: a unit applies one scheme version to a set of subjects — organizations for a yearly
/// rating, or the applications of a micro-venture round (<see cref="RoundId"/>).
/// </summary>
public sealed class Evaluation : IUnitOwned
{
    public const int TitleMaxLength = 100;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UnitId { get; set; }
    public Guid SchemeId { get; set; }
    public string Title { get; set; } = "";
    public int Year { get; set; }
    public EvaluationStatus Status { get; set; } = EvaluationStatus.Scoring;

    /// <summary>The micro-venture round whose applications are the subjects, if any.</summary>
    public Guid? RoundId { get; set; }

    public string? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public string? ClosedBy { get; set; }
}

/// <summary>评审专家: an account invited to score in an evaluation. It reads the subjects it scores and nothing else.</summary>
public sealed class EvaluationReviewer : IUnitOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid EvaluationId { get; set; }

    /// <summary>The evaluation's unit.</summary>
    public Guid UnitId { get; set; }

    public Guid UserId { get; set; }
    public string DisplayName { get; set; } = "";
    public DateTimeOffset AddedAt { get; set; }
}

/// <summary>被评对象: an organization, or an application of a round (then <see cref="ApplicationId"/> is set).</summary>
public sealed class EvaluationSubject : IUnitOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid EvaluationId { get; set; }

    /// <summary>The evaluation's unit.</summary>
    public Guid UnitId { get; set; }

    public Guid OrganizationId { get; set; }
    public Guid? ApplicationId { get; set; }

    /// <summary>The subject as shown in results: the organization's name, or the project's title.</summary>
    public string Label { get; set; } = "";
}

/// <summary>
/// 评分表: one reviewer's scores for one subject. Scores may be saved and changed until the sheet is
/// submitted; after that it is final. A reviewer sees other reviewers' scores for a subject only once
/// their own sheet for it is submitted.
/// </summary>
public sealed class ScoreSheet : IUnitOwned
{
    public const int CommentMaxLength = 1000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid EvaluationId { get; set; }
    public Guid SubjectId { get; set; }

    /// <summary>The evaluation's unit.</summary>
    public Guid UnitId { get; set; }

    public Guid ReviewerUserId { get; set; }
    public string ReviewerName { get; set; } = "";
    public string? Comment { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>One criterion's score on a sheet. A criterion a reviewer could not judge has no row (a missing score).</summary>
public sealed class CriterionScore
{
    public const int NoteMaxLength = 500;

    public Guid SheetId { get; set; }
    public Guid CriterionId { get; set; }
    public decimal Score { get; set; }
    public string? Note { get; set; }
}

/// <summary>
/// A subject's result, stored when the evaluation closes so that it never changes afterwards: the total
/// (of 100), the rank (ties share a rank), and each criterion's score with who gave it (<see cref="Detail"/>, JSON).
/// </summary>
public sealed class EvaluationResult : IUnitOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid EvaluationId { get; set; }
    public Guid SubjectId { get; set; }
    public Guid UnitId { get; set; }
    public decimal Total { get; set; }
    public int Rank { get; set; }

    /// <summary>Criteria nobody scored; the total counts them as 0.</summary>
    public int MissingCriteria { get; set; }

    public string Detail { get; set; } = "[]";
}

/// <summary>
/// 资源分配: a budget split over an evaluation's closed results by score bands, stored with one explained
/// line per subject (decision 013). Bands are JSON: [{ "name": "A档", "minScore": 90, "shares": 3 }, …].
/// </summary>
public sealed class Allocation : IUnitOwned
{
    public const int TitleMaxLength = 100;
    public const decimal MaxBudget = 1_000_000_000m;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid EvaluationId { get; set; }
    public Guid UnitId { get; set; }
    public string Title { get; set; } = "";
    public decimal Budget { get; set; }
    public string Bands { get; set; } = "[]";
    public string? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>One subject's share of an allocation, with the sentence that explains it.</summary>
public sealed class AllocationLine
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid AllocationId { get; set; }
    public Guid SubjectId { get; set; }
    public string Label { get; set; } = "";
    public int Rank { get; set; }
    public decimal Score { get; set; }
    public string? Band { get; set; }
    public int Shares { get; set; }
    public decimal Amount { get; set; }

    /// <summary>Fen added by the remainder rule (0 or 0.01).</summary>
    public decimal RoundingAdjustment { get; set; }
}
