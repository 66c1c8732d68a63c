namespace Qingyun.Domain.Access;

/// <summary>What a grant allows within its unit's subtree. Endpoints name the permission they need.</summary>
public enum Permission
{
    UnitsRead = 1,
    UnitsManage = 2,
    PeopleRead = 3,
    PeopleManage = 4,
    SensitiveReveal = 5,
    AccountsManage = 6,
    AuditRead = 7,
    /// <summary>Volunteer service: volunteers, projects, activities, hours records.</summary>
    ServiceRead = 8,
    ServiceManage = 9,
    /// <summary>Assistance cases (帮扶个案) of the subtree, beyond those one owns or is paired with (decision 012).</summary>
    CasesRead = 10,
    CasesManage = 11,
    /// <summary>Youth social organizations (decision 013): registry, incubation, partners, evaluations, grants.</summary>
    SocialOrgsRead = 12,
    SocialOrgsManage = 13,
    /// <summary>Indicators, targets, dashboards and the annual summary of the subtree (decision 014): counts, never names.</summary>
    FiguresRead = 14,
    /// <summary>Set targets, define and review hand-reported indicators, write the annual summary.</summary>
    FiguresManage = 15,
}

/// <summary>The roles of DESIGN.md: each is a fixed set of permissions, granted on a unit.</summary>
public enum Role
{
    SystemAdmin = 1,     // 系统管理员
    LeagueAdmin = 2,     // 团委管理员
    Cadre = 3,           // 团干部
    Volunteer = 4,       // 志愿者
    Youth = 5,           // 青年
    SocialOrg = 6,       // 社会组织
}

public static class Roles
{
    private static readonly Dictionary<Role, Permission[]> Map = new()
    {
        [Role.SystemAdmin] = Enum.GetValues<Permission>(),
        [Role.LeagueAdmin] =
        [
            Permission.UnitsRead, Permission.UnitsManage, Permission.PeopleRead, Permission.PeopleManage,
            Permission.SensitiveReveal, Permission.AccountsManage, Permission.AuditRead, Permission.ServiceRead, Permission.ServiceManage,
            Permission.CasesRead, Permission.CasesManage, Permission.SocialOrgsRead, Permission.SocialOrgsManage,
            Permission.FiguresRead, Permission.FiguresManage,
        ],
        // A cadre reads the registry of the organizations around them; League admins run evaluations and grants.
        [Role.Cadre] = [Permission.UnitsRead, Permission.PeopleRead, Permission.PeopleManage, Permission.ServiceRead, Permission.ServiceManage,
            Permission.SocialOrgsRead, Permission.FiguresRead],
        [Role.Volunteer] = [],
        [Role.Youth] = [],
        // A social organization organizes volunteer service for its own unit (seed 002).
        [Role.SocialOrg] = [Permission.UnitsRead, Permission.ServiceRead, Permission.ServiceManage],
    };

    public static IReadOnlyList<Permission> PermissionsOf(Role role) => Map[role];

    public static bool Allows(Role role, Permission permission) => Map[role].Contains(permission);

    /// <summary>A grantor may hand out only roles whose permissions they hold themselves.</summary>
    public static bool CanGrant(IEnumerable<Role> grantorRolesOnUnit, Role role)
    {
        var held = grantorRolesOnUnit.SelectMany(r => Map[r]).ToHashSet();
        return held.Contains(Permission.AccountsManage) && Map[role].All(held.Contains)
            && (role != Role.SystemAdmin || grantorRolesOnUnit.Contains(Role.SystemAdmin));
    }
}
