namespace Qingyun.Domain.Building;

/// <summary>两新组织: a new economic organization (非公企业) or a new social organization (社会组织).</summary>
public enum NewOrganizationKind
{
    NonPublicEnterprise = 1,  // 非公企业
    SocialOrganization = 2,   // 社会组织
}

/// <summary>团建状态: how far the League has got in building a League organization there.</summary>
public enum BuildingStatus
{
    NotBuilt = 1,    // 未建
    Contacting = 2,  // 联系中
    Built = 3,       // 已建团
}

/// <summary>
/// A non-public enterprise or social organization in a unit's area, tracked by that unit's League
/// committee for League building (非公团建): its size, whether it has a Party organization (党建带团建
/// starts there), how far building has got, and how many members were added there. Every status and
/// member-count change is a <see cref="NewOrganizationEvent"/>.
/// </summary>
public sealed class NewOrganization : IUnitOwned
{
    public const int NameMaxLength = 100;
    public const int AddressMaxLength = 200;
    public const int ContactNameMaxLength = 50;
    public const int MaxCount = 1_000_000;

    /// <summary>A date built before this year is a typing error, not history.</summary>
    public const int MinBuiltYear = 1950;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The unit in whose area the organization lies (usually a street or community).</summary>
    public Guid UnitId { get; set; }

    public NewOrganizationKind Kind { get; set; }
    public string Name { get; set; } = "";

    /// <summary>统一社会信用代码 (GB 32100), unique: one organization is tracked once.</summary>
    public string CreditCode { get; set; } = "";

    public string? Address { get; set; }
    public string? ContactName { get; set; }

    /// <summary>The contact's phone, encrypted like a person's (PIPL); only the masked form is shown.</summary>
    public byte[]? ContactPhoneCipher { get; set; }
    public string? ContactPhoneMasked { get; set; }

    public int StaffCount { get; set; }

    /// <summary>Staff aged 35 or under (青年职工).</summary>
    public int YoungStaffCount { get; set; }

    public bool HasPartyOrganization { get; set; }
    public BuildingStatus Status { get; set; } = BuildingStatus.NotBuilt;

    /// <summary>Set exactly when <see cref="Status"/> is <see cref="BuildingStatus.Built"/>.</summary>
    public DateOnly? BuiltOn { get; set; }

    /// <summary>The League unit built there, when it is in the tree.</summary>
    public Guid? LeagueUnitId { get; set; }

    /// <summary>新发展团员数: members added there so far; each change is dated in the history.</summary>
    public int MembersAdded { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

public enum NewOrganizationEventKind
{
    Created = 1,
    Imported = 2,
    Edited = 3,
    StatusChanged = 4,
    MembersAdded = 5,
}

/// <summary>
/// One line of an organization's history. <see cref="MembersDelta"/> and <see cref="On"/> make the
/// member count a dated ledger: a year's "members added" is the sum of the deltas dated in that year,
/// so members added in 2025 do not count again toward 2026.
/// </summary>
public sealed class NewOrganizationEvent : IUnitOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; set; }
    public Guid UnitId { get; set; }
    public NewOrganizationEventKind Kind { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }
    public int? MembersDelta { get; set; }

    /// <summary>The day (China time) the change counts for.</summary>
    public DateOnly On { get; set; }

    public string? ByUserName { get; set; }
    public DateTimeOffset At { get; set; }
}
