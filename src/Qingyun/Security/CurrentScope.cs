using Qingyun.Domain.Access;

namespace Qingyun.Security;

/// <summary>Who an audit line names: the user and the address the request came from.</summary>
public sealed record AuditActor(Guid? UserId, string? UserName, string? Ip);

public sealed record ScopeGrant(Guid GrantId, Guid UnitId, string UnitPath, string UnitCode, string UnitName, Role Role);

/// <summary>
/// Who is acting in this request and what they may see: their grants with the units' paths. The
/// DbContext's query filters read it, so every query is cut to the scope. It denies everything until
/// it is loaded for a user or explicitly switched to system mode (command line, startup, jobs).
/// </summary>
public sealed class CurrentScope
{
    private readonly Dictionary<Permission, string[]> _paths = [];
    private readonly Dictionary<Permission, ScopeRanges> _ranges = [];

    public bool Unrestricted { get; private set; }
    public Guid? UserId { get; private set; }
    public string? UserName { get; private set; }
    public string? Ip { get; set; }
    public IReadOnlyList<ScopeGrant> Grants { get; private set; } = [];

    public AuditActor Actor => new(UserId, UserName, Ip);

    public void RunAsSystem(string actor)
    {
        Unrestricted = true;
        UserName = actor;
        UserId = null;
    }

    public string? DisplayName { get; private set; }

    /// <summary>The person the account belongs to, read with the account once per request (see <see cref="PersonIdKnown"/>).</summary>
    public Guid? PersonId { get; private set; }

    /// <summary>True once the request's account row has been read; before that <see cref="PersonId"/> says nothing.</summary>
    public bool PersonIdKnown { get; private set; }

    public void SetPerson(Guid? personId)
    {
        PersonId = personId;
        PersonIdKnown = true;
    }

    public void Load(Guid userId, string userName, IReadOnlyList<ScopeGrant> grants, string? displayName = null)
    {
        UserId = userId;
        UserName = userName;
        DisplayName = displayName;
        Grants = grants;
        Unrestricted = false;
        _paths.Clear();
        _ranges.Clear();
    }

    /// <summary>
    /// True while a bulk import writes: the import is audited as one line (who, file, rows) instead of a
    /// line per entity, which would double a 100,000-row import's cost and bury the log.
    /// </summary>
    public bool EntityAuditSuppressed { get; private set; }

    public IDisposable AuditAsOneLine()
    {
        EntityAuditSuppressed = true;
        return new Restore(this);
    }

    private sealed class Restore(CurrentScope scope) : IDisposable
    {
        public void Dispose() => scope.EntityAuditSuppressed = false;
    }

    public bool IsSystemAdmin => Unrestricted || Grants.Any(g => g.Role == Role.SystemAdmin);

    /// <summary>Subtree roots (paths) where the permission is held; a path under another is dropped.</summary>
    public string[] PathsWith(Permission permission)
    {
        if (_paths.TryGetValue(permission, out var cached))
        {
            return cached;
        }
        var paths = Grants.Where(g => Roles.Allows(g.Role, permission)).Select(g => g.UnitPath).Distinct().ToList();
        var minimal = paths.Where(p => !paths.Any(o => o != p && p.StartsWith(o, StringComparison.Ordinal))).ToArray();
        _paths[permission] = minimal;
        return minimal;
    }

    /// <summary>The same scope as index-friendly ranges, for the DbContext's query filters.</summary>
    public ScopeRanges RangesFor(Permission permission)
    {
        if (Unrestricted)
        {
            return ScopeRanges.All;
        }
        if (!_ranges.TryGetValue(permission, out var ranges))
        {
            ranges = ScopeRanges.From(PathsWith(permission));
            _ranges[permission] = ranges;
        }
        return ranges;
    }

    public bool Has(Permission permission) => Unrestricted || PathsWith(permission).Length > 0;

    public bool Covers(string unitPath, Permission permission) =>
        Unrestricted || PathsWith(permission).Any(p => unitPath.StartsWith(p, StringComparison.Ordinal));

    /// <summary>Roles held on this unit or any ancestor of it.</summary>
    public IEnumerable<Role> RolesOver(string unitPath) =>
        Unrestricted
            ? [Role.SystemAdmin]
            : Grants.Where(g => unitPath.StartsWith(g.UnitPath, StringComparison.Ordinal)).Select(g => g.Role);
}
