using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.Indicators;
using Qingyun.Domain.Organization;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Indicators;

/// <summary>An indicator's figure for a unit's subtree and a year, with last year's and the target (all in display units).</summary>
public sealed record FigureLine(Indicator Indicator, string Name, string Measure, decimal? Value, decimal? LastYear, decimal? Target)
{
    /// <summary>Percent of the target reached (more than 100 when exceeded); none without a target.</summary>
    public int? Percent => Target is { } t && Value is { } v ? (t == 0 ? 100 : (int)Math.Round(100m * v / t)) : null;

    /// <summary>Change on last year in percent; none when last year is unknown or zero.</summary>
    public int? Change => LastYear is { } l && l != 0 && Value is { } v ? (int)Math.Round(100m * (v - l) / l) : null;
}

/// <summary>A child unit's figures (display units), by indicator code.</summary>
public sealed record SubunitFigures(OrgUnit Unit, IReadOnlyDictionary<string, decimal?> Values, IReadOnlyDictionary<string, decimal?> LastYear)
{
    public Guid Id => Unit.Id;

    public string Name => Unit.Name;

    public bool Closed => Unit.IsClosed;
}

public sealed record DashboardView(
    OrgUnit Unit, int Year, int CurrentYear, IReadOnlyList<OrgUnit> Path, IReadOnlyList<FigureLine> Lines, IReadOnlyList<SubunitFigures> Children,
    IReadOnlyDictionary<string, decimal[]> Monthly, IReadOnlyDictionary<string, decimal[]> MonthlyLastYear,
    IReadOnlyList<(string Name, decimal Activities, decimal PersonTimes)> Categories, bool CanManage, bool Settled);

/// <summary>
/// Everything the dashboard of a unit shows for a year, read from the roll-ups in one query for the unit and its
/// children (decision 014): the catalogue with last year and targets, months of this year and last, the children
/// side by side (the comparison and the coverage tree), and youth activities by category.
/// </summary>
public sealed class Dashboard(AppDbContext db, FigureReader reader, IStringLocalizer<SharedResource> t)
{
    public async Task<Result<DashboardView>> BuildAsync(Guid? unitId, int? year, CancellationToken ct)
    {
        var y = year ?? reader.CurrentYear;
        if (y is < IndicatorTarget.MinYear or > IndicatorTarget.MaxYear)
        {
            return new Failure("Year", "Range", 400, IndicatorTarget.MinYear, IndicatorTarget.MaxYear);
        }
        unitId ??= await reader.DefaultUnitAsync(ct);
        var found = await db.UnitForAsync(unitId, Permission.FiguresRead, "UnitId", ct);
        if (!found.Ok)
        {
            return Result<DashboardView>.Fail(found.Failures);
        }
        var unit = found.Value!;
        var catalogue = await reader.CatalogueForAsync(unit, ct);
        var children = await reader.ChildrenAsync(unit, ct);
        var figures = await reader.ReadWithTotalsAsync(unit.Id, [.. children.Select(c => c.Id)], y, ct);
        var targets = await reader.TargetsAsync([unit.Id], y, ct);

        decimal? Show(Indicator i, decimal? v) => v is { } x ? i.Display(x) : null;
        var lines = catalogue.Select(i => new FigureLine(i, NameOf(i), MeasureOf(i),
            Show(i, figures.Value(unit.Id, i, y)), Show(i, figures.Value(unit.Id, i, y - 1)),
            targets.TryGetValue((unit.Id, i.Code), out var target) ? i.Display(target.Value) : null)).ToList();
        var rows = children.Select(c => new SubunitFigures(c,
            catalogue.ToDictionary(i => i.Code, i => Show(i, figures.Value(c.Id, i, y))),
            catalogue.ToDictionary(i => i.Code, i => Show(i, figures.Value(c.Id, i, y - 1))))).ToList();
        var flows = catalogue.Where(i => i.Shape == IndicatorShape.Flow).ToList();
        var monthly = flows.ToDictionary(i => i.Code, i => figures.Monthly(unit.Id, i, y).Select(i.Display).ToArray());
        var monthlyLast = flows.ToDictionary(i => i.Code, i => figures.Monthly(unit.Id, i, y - 1).Select(i.Display).ToArray());

        var activities = Catalogue.Find(Catalogue.YouthActivities)!;
        var personTimes = Catalogue.Find(Catalogue.YouthPersonTimes)!;
        var byActivities = figures.ByKey(unit.Id, activities, y);
        var byPeople = figures.ByKey(unit.Id, personTimes, y);
        var ids = byActivities.Keys.Where(k => k.Length == 32).Select(k => Guid.ParseExact(k, "N")).ToList();
        var names = await db.ActivityCategories.IgnoreQueryFilters().AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id.ToString("N"), c => c.Name, ct);
        var categories = byActivities.Select(kv => (names.GetValueOrDefault(kv.Key) ?? t["Figures.NoCategory"].Value, kv.Value, byPeople.GetValueOrDefault(kv.Key)))
            .OrderByDescending(c => c.Item2).ToList();

        var path = await AncestorsInScopeAsync(unit, ct);
        return new DashboardView(unit, y, reader.CurrentYear, path, lines, rows, monthly, monthlyLast, categories,
            db.Scope.Covers(unit.Path, Permission.FiguresManage), figures.Settled);
    }

    public string NameOf(Indicator i) => i.Name ?? t["Indicator." + i.Code].Value;

    public string MeasureOf(Indicator i) => i.MeasureName ?? t["IndicatorUnit." + i.Code].Value;

    /// <summary>The units above, within the caller's scope, for the breadcrumb.</summary>
    private async Task<IReadOnlyList<OrgUnit>> AncestorsInScopeAsync(OrgUnit unit, CancellationToken ct)
    {
        var chain = Rollups.Chain(unit.Path);
        var units = await db.OrgUnits.AsNoTracking().Where(u => chain.Contains(u.Id)).ToListAsync(ct);
        return [.. units.Where(u => db.Scope.Covers(u.Path, Permission.FiguresRead)).OrderBy(u => u.Depth)];
    }
}
