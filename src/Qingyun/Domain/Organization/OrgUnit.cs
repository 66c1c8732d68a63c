namespace Qingyun.Domain.Organization;

/// <summary>
/// A node of the organization tree. <see cref="Path"/> is the materialized path of ids from the root,
/// "/{rootId}/{childId}/.../{Id}/", so a subtree is one prefix match.
/// </summary>
public sealed class OrgUnit
{
    public const int NameMaxLength = 100;
    public const int CodeMaxLength = 32;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid? ParentId { get; set; }
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public UnitKind Kind { get; set; }
    public LeagueBodyType BodyType { get; set; }
    public string Path { get; set; } = "";
    public int Depth { get; set; }

    /// <summary>The top-level unit (usually a province): the key a distributed schema would shard by.</summary>
    public Guid RootId { get; set; }

    public int SortOrder { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public bool IsClosed => ClosedAt is not null;

    public static string Segment(Guid id) => id.ToString("N");

    public static string PathFor(OrgUnit? parent, Guid id) =>
        (parent?.Path ?? "/") + Segment(id) + "/";

    public bool IsInSubtreeOf(OrgUnit ancestor) => Path.StartsWith(ancestor.Path, StringComparison.Ordinal);
}
