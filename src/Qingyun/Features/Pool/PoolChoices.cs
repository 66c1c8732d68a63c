using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain.Hubs;

namespace Qingyun.Features.Pool;

/// <summary>
/// What a unit may draw on when it publishes (三优): the teachers and topics, not archived, of the unit itself
/// and of every unit above it. A sibling's pool is not among them. The caller must already have checked that
/// the unit is in the reader's scope: the ancestors' rows are read past the scope filter, restricted to those units.
/// </summary>
public sealed record PoolChoices(Guid UnitId, IReadOnlyList<Guid> UnitIds, IReadOnlyList<Teacher> Teachers, IReadOnlyList<Topic> Topics)
{
    /// <summary>The unit and its ancestors, nearest first, from its materialized path.</summary>
    public static IReadOnlyList<Guid> LineOf(string path) =>
        [.. path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(s => Guid.ParseExact(s, "N")).Reverse()];

    public static async Task<PoolChoices> ForUnitAsync(AppDbContext db, Guid unitId, CancellationToken ct)
    {
        var path = await db.OrgUnits.IgnoreQueryFilters([AppDbContext.ScopeFilter]).Where(u => u.Id == unitId).Select(u => u.Path).FirstOrDefaultAsync(ct);
        if (path is null)
        {
            return new PoolChoices(unitId, [], [], []);
        }
        var ids = LineOf(path);
        var teachers = await db.Teachers.IgnoreQueryFilters([AppDbContext.ScopeFilter]).AsNoTracking()
            .Where(t => ids.Contains(t.UnitId) && t.ArchivedAt == null).OrderBy(t => t.Name).ThenBy(t => t.Id).ToListAsync(ct);
        var topics = await db.Topics.IgnoreQueryFilters([AppDbContext.ScopeFilter]).AsNoTracking()
            .Where(t => ids.Contains(t.UnitId) && t.ArchivedAt == null).OrderBy(t => t.Title).ThenBy(t => t.Id).ToListAsync(ct);
        return new PoolChoices(unitId, ids, teachers, topics);
    }

    /// <summary>True when the row belongs to an ancestor's pool rather than the unit's own.</summary>
    public bool Inherited(Guid ownerUnitId) => ownerUnitId != UnitId;

    public bool HasTeacher(Guid id) => Teachers.Any(t => t.Id == id);

    public bool HasTopic(Guid id) => Topics.Any(t => t.Id == id);
}

