using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Building;
using Qingyun.Domain.Organization;
using Qingyun.Security;

namespace Qingyun.Features.Building;

/// <summary>One unit's year: its target (if set) against what its subtree achieved.</summary>
public sealed record ProgressLine(Guid UnitId, string UnitName, bool Direct, int? TargetOrganizations, int? TargetMembers, int Organizations, int Members, bool CanSetTarget)
{
    public int? OrganizationsPercent => Percent(Organizations, TargetOrganizations);
    public int? MembersPercent => Percent(Members, TargetMembers);

    /// <summary>Percent of the target reached; more than 100 when it is exceeded, none without a target.</summary>
    private static int? Percent(int done, int? target) => target switch
    {
        null => null,
        0 => 100,
        { } t => (int)Math.Round(100.0 * done / t),
    };
}

public sealed record ProgressReport(Guid UnitId, string UnitName, int Year, ProgressLine Total, IReadOnlyList<ProgressLine> Children,
    IReadOnlyDictionary<BuildingStatus, int> StatusCounts);

/// <summary>
/// Progress toward a year's League-building target over a unit's whole subtree: organizations whose
/// League organization was built in that year, and members added in that year (the dated deltas of
/// the organizations' histories); the same for each child unit beside its own target.
/// </summary>
public sealed class BuildingProgress(AppDbContext db)
{
    public const int MaxChildren = 500;

    public async Task<Result<ProgressReport>> Handle(Guid? unitId, int year, CancellationToken ct)
    {
        unitId ??= BrowseOrganizations.DefaultUnit(db);
        if (year is < BuildingTarget.MinYear or > BuildingTarget.MaxYear)
        {
            return new Failure("Year", "Range", 400, BuildingTarget.MinYear, BuildingTarget.MaxYear);
        }
        var unit = unitId is null ? null : await db.OrgUnits.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId, ct);
        if (unit is null || !db.Scope.Covers(unit.Path, Domain.Access.Permission.PeopleRead))
        {
            return Failure.NotFound("UnitId");
        }
        var lo = unit.Path;
        var hi = ScopeRanges.UpperBound(unit.Path);
        var start = new DateOnly(year, 1, 1);
        var end = start.AddYears(1);

        var built = await (
            from o in db.NewOrganizations
            join u in db.OrgUnits on o.UnitId equals u.Id
            where string.Compare(u.Path, lo) >= 0 && string.Compare(u.Path, hi) < 0
                && o.Status == BuildingStatus.Built && o.BuiltOn >= start && o.BuiltOn < end
            group o by u.Path into g
            select new { Path = g.Key, Count = g.Count() }).ToListAsync(ct);
        var members = await (
            from e in db.NewOrganizationEvents
            join o in db.NewOrganizations on e.OrganizationId equals o.Id
            join u in db.OrgUnits on o.UnitId equals u.Id
            where string.Compare(u.Path, lo) >= 0 && string.Compare(u.Path, hi) < 0
                && e.MembersDelta != null && e.On >= start && e.On < end
            group e by u.Path into g
            select new { Path = g.Key, Sum = g.Sum(e => e.MembersDelta ?? 0) }).ToListAsync(ct);
        var statuses = await (
            from o in db.NewOrganizations
            join u in db.OrgUnits on o.UnitId equals u.Id
            where string.Compare(u.Path, lo) >= 0 && string.Compare(u.Path, hi) < 0
            group o by o.Status into g
            select new { Status = g.Key, Count = g.Count() }).ToListAsync(ct);

        var children = await db.OrgUnits.AsNoTracking().Where(u => u.ParentId == unit.Id)
            .OrderBy(u => u.SortOrder).Take(MaxChildren).Select(u => new { u.Id, u.Name, u.Path, u.ClosedAt }).ToListAsync(ct);
        var ids = children.Select(c => c.Id).Append(unit.Id).ToList();
        var targets = await db.BuildingTargets.AsNoTracking().Where(t => t.Year == year && ids.Contains(t.UnitId)).ToDictionaryAsync(t => t.UnitId, ct);

        int Sum<T>(IEnumerable<T> rows, Func<T, string> path, Func<T, int> value, Func<string, bool> where) => rows.Where(r => where(path(r))).Sum(value);
        ProgressLine Line(Guid id, string name, bool direct, Func<string, bool> where)
        {
            targets.TryGetValue(id, out var t);
            var organizations = Sum(built, b => b.Path, b => b.Count, where);
            var added = Sum(members, m => m.Path, m => m.Sum, where);
            return new ProgressLine(id, name, direct, direct ? null : t?.Organizations, direct ? null : t?.NewMembers, organizations, added,
                !direct && SetBuildingTarget.MaySet(db.Scope, id == unit.Id ? unit : new OrgUnit { Id = id, ParentId = unit.Id, Path = PathOf(id) }));
        }
        string PathOf(Guid id) => children.First(c => c.Id == id).Path;

        var lines = new List<ProgressLine>();
        var directLine = Line(unit.Id, unit.Name, direct: true, p => p == unit.Path);
        if (directLine.Organizations > 0 || directLine.Members > 0)
        {
            lines.Add(directLine);
        }
        foreach (var c in children)
        {
            var line = Line(c.Id, c.Name, direct: false, p => p.StartsWith(c.Path, StringComparison.Ordinal));
            // A closed unit stays on the list only while it still has a target or results for the year.
            if (c.ClosedAt is null || line.TargetOrganizations is not null || line.Organizations > 0 || line.Members > 0)
            {
                lines.Add(line);
            }
        }
        var total = Line(unit.Id, unit.Name, direct: false, _ => true);
        var counts = Enum.GetValues<BuildingStatus>().ToDictionary(s => s, s => statuses.FirstOrDefault(x => x.Status == s)?.Count ?? 0);
        return new ProgressReport(unit.Id, unit.Name, year, total, lines, counts);
    }
}

/// <summary>One count against its target, as a bar.</summary>
public sealed record ProgressBarView(int Done, int? Target, int? Percent, string? Id = null);
