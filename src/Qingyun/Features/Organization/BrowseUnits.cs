using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.Organization;

namespace Qingyun.Features.Organization;

public sealed record UnitRow(Guid Id, Guid? ParentId, string Code, string Name, UnitKind Kind, LeagueBodyType BodyType, bool Closed, int ChildCount);

public sealed record UnitPage(IReadOnlyList<UnitRow> Items, int? NextAfter);

public sealed record Crumb(Guid Id, string Name);

public sealed record UnitDetails(OrgUnit Unit, IReadOnlyList<Crumb> Ancestors, int ChildCount, int OpenChildCount, int PeopleCount, IReadOnlyList<OrgUnitEvent> History);

/// <summary>
/// Read side of the tree. The tree opens lazily: the roots of the caller's scope first, then one level
/// at a time, a page of siblings at a time, so a province of tens of thousands of units stays fast.
/// </summary>
public sealed class BrowseUnits(AppDbContext db)
{
    public const int PageSize = 200;

    /// <summary>Rows with their child counts; closed children count only when they are shown.</summary>
    private IQueryable<UnitRow> Rows(IQueryable<OrgUnit> q, bool includeClosed = false) => q.Select(u => new UnitRow(
        u.Id, u.ParentId, u.Code, u.Name, u.Kind, u.BodyType, u.ClosedAt != null,
        db.OrgUnits.Count(c => c.ParentId == u.Id && (includeClosed || c.ClosedAt == null))));

    public async Task<IReadOnlyList<UnitRow>> RootsAsync(CancellationToken ct, bool includeClosed = false)
    {
        IQueryable<OrgUnit> q;
        if (db.Scope.Unrestricted || db.Scope.IsSystemAdmin && db.Scope.PathsWith(Permission.UnitsRead).Length == 0)
        {
            q = db.OrgUnits.Where(u => u.ParentId == null);
        }
        else
        {
            var paths = db.Scope.PathsWith(Permission.UnitsRead);
            q = db.OrgUnits.Where(u => paths.Contains(u.Path));
        }
        return await Rows(q.OrderBy(u => u.Depth).ThenBy(u => u.SortOrder), includeClosed).ToListAsync(ct);
    }

    public async Task<Result<UnitPage>> ChildrenAsync(Guid parentId, bool includeClosed, int after, CancellationToken ct)
    {
        if (!await db.OrgUnits.AnyAsync(u => u.Id == parentId, ct))
        {
            return Failure.NotFound("ParentId");
        }
        var q = db.OrgUnits.Where(u => u.ParentId == parentId && u.SortOrder > after);
        if (!includeClosed)
        {
            q = q.Where(u => u.ClosedAt == null);
        }
        var rows = await Rows(q.OrderBy(u => u.SortOrder), includeClosed).Take(PageSize + 1).ToListAsync(ct);
        int? next = null;
        if (rows.Count > PageSize)
        {
            rows.RemoveAt(PageSize);
            var lastId = rows[^1].Id;
            next = await db.OrgUnits.Where(u => u.Id == lastId).Select(u => u.SortOrder).FirstAsync(ct);
        }
        return new UnitPage(rows, next);
    }

    public async Task<IReadOnlyList<(UnitRow Row, string Trail)>> SearchAsync(string text, CancellationToken ct)
    {
        text = text.Trim();
        if (text.Length == 0)
        {
            return [];
        }
        var found = await db.OrgUnits
            .Where(u => u.Name.Contains(text) || u.Code.StartsWith(text))
            .OrderBy(u => u.Depth).ThenBy(u => u.Name)
            .Take(50)
            .Select(u => new { u.Path, Row = new UnitRow(u.Id, u.ParentId, u.Code, u.Name, u.Kind, u.BodyType, u.ClosedAt != null, db.OrgUnits.Count(c => c.ParentId == u.Id)) })
            .ToListAsync(ct);
        var ancestorIds = found.SelectMany(f => IdsOnPath(f.Path)).Distinct().ToList();
        var names = await db.OrgUnits.Where(u => ancestorIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        return found.Select(f => (f.Row, string.Join(" / ", IdsOnPath(f.Path).Where(id => id != f.Row.Id && names.ContainsKey(id)).Select(id => names[id])))).ToList();
    }

    public async Task<Result<UnitDetails>> DetailsAsync(Guid id, CancellationToken ct)
    {
        var unit = await db.OrgUnits.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct);
        if (unit is null)
        {
            return Failure.NotFound("Id");
        }
        var ids = IdsOnPath(unit.Path).Where(a => a != id).ToList();
        var ancestors = (await db.OrgUnits.Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.Name, u.Depth }).ToListAsync(ct))
            .OrderBy(a => a.Depth).Select(a => new Crumb(a.Id, a.Name)).ToList();
        var children = await db.OrgUnits.CountAsync(u => u.ParentId == id, ct);
        var open = await db.OrgUnits.CountAsync(u => u.ParentId == id && u.ClosedAt == null, ct);
        var people = await db.People.CountAsync(p => p.UnitId == id, ct);
        var history = await db.OrgUnitEvents.AsNoTracking().Where(e => e.UnitId == id).OrderByDescending(e => e.At).Take(100).ToListAsync(ct);
        return new UnitDetails(unit, ancestors, children, open, people, history);
    }

    /// <summary>Visible units the caller may manage, for pickers (new parent, home unit).</summary>
    public async Task<IReadOnlyList<UnitRow>> PickAsync(string? text, Permission permission, CancellationToken ct)
    {
        var paths = db.Scope.PathsWith(permission);
        var q = db.OrgUnits.Where(u => u.ClosedAt == null);
        if (!db.Scope.Unrestricted)
        {
            q = q.Where(u => paths.Any(p => u.Path.StartsWith(p)));
        }
        if (!string.IsNullOrWhiteSpace(text))
        {
            var t = text.Trim();
            q = q.Where(u => u.Name.Contains(t) || u.Code.StartsWith(t));
        }
        return await Rows(q.OrderBy(u => u.Depth).ThenBy(u => u.SortOrder)).Take(30).ToListAsync(ct);
    }

    /// <summary>Picker choices: a search within what the caller may act on, always keeping the current choice.</summary>
    public async Task<IReadOnlyList<UnitRow>> PickWithAsync(string? text, Permission permission, Guid? keep, CancellationToken ct)
    {
        var list = (await PickAsync(text, permission, ct)).ToList();
        if (keep is { } id && list.All(u => u.Id != id))
        {
            var unit = await db.OrgUnits.FirstOrDefaultAsync(u => u.Id == id, ct);
            if (unit is not null && db.Scope.Covers(unit.Path, permission))
            {
                list.Insert(0, new UnitRow(unit.Id, unit.ParentId, unit.Code, unit.Name, unit.Kind, unit.BodyType, unit.IsClosed, 0));
            }
        }
        return list;
    }

    public static IEnumerable<Guid> IdsOnPath(string path) =>
        path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(s => Guid.ParseExact(s, "N"));
}
