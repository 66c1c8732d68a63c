namespace Qingyun.Domain.Organization;

/// <summary>What kind of place or body a unit is (组织类别).</summary>
public enum UnitKind
{
    Province = 1,
    City = 2,
    District = 3,
    Street = 4,
    Community = 5,
    Village = 6,
    Organ = 7,
    School = 8,
    PublicEnterprise = 9,
    NonPublicEnterprise = 10,
    SocialOrganization = 11,
    Hub = 12,
}

/// <summary>The League body that runs the unit (团组织类型).</summary>
public enum LeagueBodyType
{
    Committee = 1,              // 团委
    WorkingCommittee = 2,       // 团工委
    CommunityCommittee = 3,     // 社区综合团委
    GeneralBranch = 4,          // 团总支
    Branch = 5,                 // 团支部
    TemporaryBranch = 6,        // 临时团支部
}
