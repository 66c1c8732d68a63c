namespace Qingyun.Domain.Cadres;

/// <summary>职务: the League posts a unit's cadre team is made of, in the order a team is listed.</summary>
public enum CadrePost
{
    Secretary = 1,        // 书记
    DeputySecretary = 2,  // 副书记
    CommitteeMember = 3,  // 委员
    Officer = 4,          // 专干
}

/// <summary>任职类型.</summary>
public enum CadreKind
{
    FullTime = 1,      // 专职
    PartTime = 2,      // 兼职
    OutsideQuota = 3,  // 挂职/编外
}

/// <summary>Why a term ended (离任原因).</summary>
public enum TermEndReason
{
    Reelection = 1,   // 换届
    HandedOver = 2,   // 流转
    Resigned = 3,     // 辞职
    Transferred = 4,  // 工作调动
    OverAge = 5,      // 超龄
    Dismissed = 6,    // 免职
    Other = 9,
}

/// <summary>
/// A term of a cadre post (团干部任职): a <see cref="People.Person"/> holding a post in a unit from a start
/// date, planned to end at re-election, ended on a day for a reason. Ended terms are never deleted: they
/// are the post's history. A hand-over (流转) ends one term and starts the successor's, linked by
/// <see cref="PredecessorTermId"/>.
/// </summary>
public sealed class CadreTerm : IUnitOwned
{
    public const int NoteMaxLength = 200;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PersonId { get; set; }
    public Guid UnitId { get; set; }
    public CadrePost Post { get; set; }
    public CadreKind Kind { get; set; }
    public DateOnly StartedOn { get; set; }
    public DateOnly? PlannedEndOn { get; set; }
    public DateOnly? EndedOn { get; set; }
    public TermEndReason? EndReason { get; set; }

    /// <summary>How the term came about (e.g. 换届选举, or the hand-over's note).</summary>
    public string? AppointNote { get; set; }

    public string? EndNote { get; set; }
    public Guid? PredecessorTermId { get; set; }

    /// <summary>1+100: how many young people this post answers for, when not the default of its kind (see ContactChannels.DefaultQuota).</summary>
    public int? ContactQuota { get; set; }

    public string? AppointedBy { get; set; }
    public string? EndedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public bool IsOpen => EndedOn is null;

    /// <summary>超期: still in office after the planned end of the term, so the re-election is late.</summary>
    public static bool Overdue(DateOnly? endedOn, DateOnly? plannedEndOn, DateOnly today) =>
        endedOn is null && plannedEndOn is { } planned && planned < today;
}

/// <summary>A League cadre training attended (团干部培训), kept on the cadre's record by a unit they serve.</summary>
public sealed class CadreTraining : IUnitOwned
{
    public const int CourseMaxLength = 100;
    public const int OrganizerMaxLength = 100;
    public const decimal MaxHours = 1000m;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PersonId { get; set; }
    public Guid UnitId { get; set; }
    public string Course { get; set; } = "";
    public string Organizer { get; set; } = "";
    public DateOnly AttendedOn { get; set; }
    public decimal Hours { get; set; }
    public string? ByUserName { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public static class CadreRules
{
    /// <summary>
    /// League bodies that must have a secretary (书记); a temporary branch (临时团支部, e.g. at a hub)
    /// may run without one, so it is never flagged vacant.
    /// </summary>
    public static bool NeedsSecretary(Organization.LeagueBodyType body) => body != Organization.LeagueBodyType.TemporaryBranch;
}
