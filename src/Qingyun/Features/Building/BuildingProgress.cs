using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Building;
using Qingyun.Domain.Indicators;
using Qingyun.Domain.Organization;
using Qingyun.Features.Indicators;
using Qingyun.Security;

namespace Qingyun.Features.Building;

/// <summary>
/// One unit's year: its targets (if set) against what its subtree achieved. Targets are the figures' targets of
/// <see cref="Catalogue.OrganizationsBuilt"/> and <see cref="Catalogue.BuildingMembers"/>, each set on its own.
/// </summary>
public sealed record ProgressLine(Guid UnitId, string UnitName, bool Direct, decimal? TargetOrganizations, decimal? TargetMembers, int Organizations, int Members, bool CanSetTarget)
{
    public int? OrganizationsPercent => Percent(Organizations, TargetOrganizations);
    public int? MembersPercent => Percent(Members, TargetMembers);

    /// <summary>Percent of the target reached, as the dashboard rounds it (<see cref="FigureLine.Percent"/>); more than 100 when exceeded.</summary>
    private static int? Percent(int done, decimal? target) => target switch
    {
        null => null,
        0 => 100,
        { } t => (int)Math.Round(100m * done / t),
    };
}

public sealed record ProgressReport(Guid UnitId, string UnitName, int Year, ProgressLine Total, IReadOnlyList<ProgressLine> Children,
    IReadOnlyDictionary<BuildingStatus, int> StatusCounts);

/// <summary>
/// Progress toward a year's League-building targets over a unit's whole subtree, and the same for each child unit
/// beside its own targets. The counts are the figures' <c>building.built</c> (organizations whose League organization
/// was built in the year) and <c>building.members</c> (members added in the year: the dated deltas of the
/// organizations' histories), read from the roll-ups like the dashboard, so the two pages cannot disagree; the
/// targets are the figures' targets of those codes (decision 014, which folded decision 007's own targets in).
/// </summary>
public sealed class BuildingProgress(AppDbContext db, FigureReader reader, SetTargets set)
{
    public const int MaxChildren = 500;

    public async Task<Result<ProgressReport>> Handle(Guid? unitId, int year, CancellationToken ct)
    {
        unitId ??= BrowseOrganizations.DefaultUnit(db);
        if (year is < IndicatorTarget.MinYear or > IndicatorTarget.MaxYear)
        {
            return new Failure("Year", "Range", 400, IndicatorTarget.MinYear, IndicatorTarget.MaxYear);
        }
        var unit = unitId is null ? null : await db.OrgUnits.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId, ct);
        if (unit is null || !db.Scope.Covers(unit.Path, Domain.Access.Permission.PeopleRead))
        {
            return Failure.NotFound("UnitId");
        }
        var lo = unit.Path;
        var hi = ScopeRanges.UpperBound(unit.Path);
        var statuses = await (
            from o in db.NewOrganizations
            join u in db.OrgUnits on o.UnitId equals u.Id
            where string.Compare(u.Path, lo) >= 0 && string.Compare(u.Path, hi) < 0
            group o by o.Status into g
            select new { Status = g.Key, Count = g.Count() }).ToListAsync(ct);

        var children = await db.OrgUnits.AsNoTracking().Where(u => u.ParentId == unit.Id)
            .OrderBy(u => u.SortOrder).Take(MaxChildren).ToListAsync(ct);
        var ids = children.Select(c => c.Id).Append(unit.Id).ToList();
        var figures = await reader.ReadAsync(ids, year, ct);
        var targets = await reader.TargetsAsync(ids, year, ct);
        var built = Catalogue.Find(Catalogue.OrganizationsBuilt)!;
        var added = Catalogue.Find(Catalogue.BuildingMembers)!;

        // A whole target reads 12, not the 12.00 the column's scale gives back, in the page and in the JSON.
        static decimal Plain(decimal v) => decimal.Truncate(v) == v ? decimal.Truncate(v) : v;
        decimal? TargetOf(OrgUnit u, Indicator i) => targets.TryGetValue((u.Id, i.Code), out var t) ? Plain(i.Display(t.Value)) : null;
        ProgressLine Line(OrgUnit u, bool direct)
        {
            int Count(Indicator i) => (int)(figures.Value(u.Id, i, year, own: direct) ?? 0);
            return direct
                ? new ProgressLine(u.Id, u.Name, true, null, null, Count(built), Count(added), false)
                : new ProgressLine(u.Id, u.Name, false, TargetOf(u, built), TargetOf(u, added), Count(built), Count(added),
                    !u.IsClosed && (set.MaySet(u, targets.GetValueOrDefault((u.Id, built.Code))) || set.MaySet(u, targets.GetValueOrDefault((u.Id, added.Code)))));
        }

        var lines = new List<ProgressLine>();
        var directLine = Line(unit, direct: true);
        if (directLine.Organizations > 0 || directLine.Members > 0)
        {
            lines.Add(directLine);
        }
        foreach (var c in children)
        {
            var line = Line(c, direct: false);
            // A closed unit stays on the list only while it still has a target or results for the year.
            if (c.ClosedAt is null || line.TargetOrganizations is not null || line.TargetMembers is not null || line.Organizations > 0 || line.Members > 0)
            {
                lines.Add(line);
            }
        }
        var total = Line(unit, direct: false);
        var counts = Enum.GetValues<BuildingStatus>().ToDictionary(s => s, s => statuses.FirstOrDefault(x => x.Status == s)?.Count ?? 0);
        return new ProgressReport(unit.Id, unit.Name, year, total, lines, counts);
    }
}

/// <summary>One count against its target, as a bar.</summary>
public sealed record ProgressBarView(int Done, decimal? Target, int? Percent, string? Id = null);
