using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain.Access;
using Qingyun.Domain.Indicators;
using Qingyun.Domain.Organization;
using Qingyun.Infrastructure;

namespace Qingyun.Features.Indicators;

/// <summary>
/// The cells of some units for a year and the year before, read in one query after the pending refresh, and
/// the rules that turn cells into the figure people see (decision 014):
/// a flow is the sum of its months; a distinct-person figure is its year cell; a stock figure is the current
/// cell for this year and the frozen one for a past year (none if the platform did not yet run then);
/// a reported figure is the sum of the approved values.
/// </summary>
public sealed class UnitFigures(IReadOnlyList<FigureTally> cells, int currentYear)
{
    private readonly ILookup<(Guid, string), FigureTally> byUnitCode = cells.ToLookup(c => (c.UnitId, c.Code));

    public int CurrentYear { get; } = currentYear;

    /// <summary>The subtree's figure, or null for a stock figure of a year with no record of it.</summary>
    public decimal? Value(Guid unitId, Indicator indicator, int year, bool own = false) => Pick(unitId, indicator, year, own, month: null, key: null);

    public decimal ValueOrZero(Guid unitId, Indicator indicator, int year) => Value(unitId, indicator, year) ?? 0;

    /// <summary>Month by month (index 0 = January); flows only.</summary>
    public decimal[] Monthly(Guid unitId, Indicator indicator, int year)
    {
        var months = new decimal[12];
        if (indicator.Shape != IndicatorShape.Flow)
        {
            return months;
        }
        foreach (var c in byUnitCode[(unitId, indicator.Code)].Where(c => c.Year == year && c.Month is >= 1 and <= 12))
        {
            months[c.Month - 1] += c.Total;
        }
        return months;
    }

    /// <summary>A flow broken down by its key (an activity category id, "" for none).</summary>
    public IReadOnlyDictionary<string, decimal> ByKey(Guid unitId, Indicator indicator, int year) =>
        byUnitCode[(unitId, indicator.Code)].Where(c => c.Year == year && c.Month >= 1)
            .GroupBy(c => c.Key).ToDictionary(g => g.Key, g => g.Sum(c => c.Total));

    private decimal? Pick(Guid unitId, Indicator indicator, int year, bool own, int? month, string? key)
    {
        var rows = byUnitCode[(unitId, indicator.Code)];
        decimal Of(FigureTally c) => own ? c.Own : c.Total;
        switch (indicator.Shape)
        {
            case IndicatorShape.Flow:
                return rows.Where(c => c.Year == year && c.Month >= 1 && (month is null || c.Month == month) && (key is null || c.Key == key)).Sum(Of);
            case IndicatorShape.Stock:
                if (year >= CurrentYear)
                {
                    return rows.Where(c => c.Year == FigureTally.CurrentYear).Sum(Of);
                }
                var frozen = rows.Where(c => c.Year == year).ToList();
                return frozen.Count == 0 ? null : frozen.Sum(Of);
            default:
                return rows.Where(c => c.Year == year && c.Month == 0).Sum(Of);
        }
    }
}

/// <summary>Reads figures for pages, the API and the summary; always refreshes pending changes first, so what is shown is live.</summary>
public sealed class FigureReader(AppDbContext db, TimeProvider clock)
{
    public int CurrentYear => clock.ChinaToday().Year;

    /// <summary>The unit a figures page opens on when none is chosen: the first open unit the caller reads figures of, shallowest first.</summary>
    public async Task<Guid?> DefaultUnitAsync(CancellationToken ct)
    {
        var top = await db.OrgUnits.AsNoTracking().Where(u => u.ClosedAt == null).OrderBy(u => u.Depth).ThenBy(u => u.SortOrder)
            .Select(u => new { u.Id, u.Path }).Take(50).ToListAsync(ct);
        return top.FirstOrDefault(u => db.Scope.Covers(u.Path, Permission.FiguresRead))?.Id;
    }

    public Task RefreshAsync(CancellationToken ct) => Rollups.RefreshAsync(db, clock.GetUtcNow(), ct);

    /// <summary>The cells of the units for <paramref name="year"/> and the year before (and the current stock).</summary>
    public async Task<UnitFigures> ReadAsync(IReadOnlyCollection<Guid> unitIds, int year, CancellationToken ct)
    {
        await RefreshAsync(ct);
        var ids = unitIds.ToList();
        var years = new[] { year, year - 1, FigureTally.CurrentYear };
        var cells = await db.FigureTallies.IgnoreQueryFilters().AsNoTracking()
            .Where(t => ids.Contains(t.UnitId) && years.Contains(t.Year)).ToListAsync(ct);
        return new UnitFigures(cells, CurrentYear);
    }

    /// <summary>
    /// A unit's cells as <see cref="ReadAsync"/> reads them, and of <paramref name="totalsOf"/> (its children) only what their
    /// figures of the years are made of: per code and year the months added up in the database, beside the month-0 cell.
    /// Value works on both; Monthly and ByKey only on the unit. A city's dashboard reads a few rows per district this way,
    /// not every district's months and categories (issue 8: about ten times fewer rows, the city within 2× a community).
    /// </summary>
    public async Task<UnitFigures> ReadWithTotalsAsync(Guid unitId, IReadOnlyCollection<Guid> totalsOf, int year, CancellationToken ct)
    {
        await RefreshAsync(ct);
        var years = new[] { year, year - 1, FigureTally.CurrentYear };
        var cells = await db.FigureTallies.IgnoreQueryFilters().AsNoTracking()
            .Where(t => t.UnitId == unitId && years.Contains(t.Year)).ToListAsync(ct);
        if (totalsOf.Count > 0)
        {
            var ids = totalsOf.ToList();
            var totals = await db.FigureTallies.IgnoreQueryFilters().AsNoTracking()
                .Where(t => ids.Contains(t.UnitId) && years.Contains(t.Year))
                .GroupBy(t => new { t.UnitId, t.Code, t.Year, Months = t.Month >= 1 })
                .Select(g => new { g.Key.UnitId, g.Key.Code, g.Key.Year, g.Key.Months, Own = g.Sum(t => t.Own), Total = g.Sum(t => t.Total) })
                .ToListAsync(ct);
            cells.AddRange(totals.Select(t => new FigureTally
            {
                UnitId = t.UnitId, Code = t.Code, Year = t.Year, Month = t.Months ? 1 : 0, Key = "", Own = t.Own, Total = t.Total,
            }));
        }
        return new UnitFigures(cells, CurrentYear);
    }

    /// <summary>
    /// The indicators a unit works with: the computed catalogue, then the reported indicators defined by the unit or a
    /// unit above it (the units below report them), current ones only unless <paramref name="withRetired"/>.
    /// </summary>
    public async Task<IReadOnlyList<Indicator>> CatalogueForAsync(OrgUnit unit, CancellationToken ct, bool withRetired = false)
    {
        var chain = Rollups.Chain(unit.Path);
        var reported = await db.ReportedIndicators.IgnoreQueryFilters().AsNoTracking()
            .Where(r => chain.Contains(r.UnitId) && (withRetired || r.RetiredAt == null))
            .OrderBy(r => r.Section).ThenBy(r => r.CreatedAt).ToListAsync(ct);
        return [.. Catalogue.Computed, .. reported.Select(Catalogue.For)];
    }

    /// <summary>The open children of a unit, and closed ones that still hold figures, in their order.</summary>
    public Task<List<OrgUnit>> ChildrenAsync(OrgUnit unit, CancellationToken ct) =>
        db.OrgUnits.IgnoreQueryFilters().AsNoTracking().Where(u => u.ParentId == unit.Id)
            .Where(u => u.ClosedAt == null || db.FigureTallies.Any(t => t.UnitId == u.Id))
            .OrderBy(u => u.SortOrder).ThenBy(u => u.Name).Take(500).ToListAsync(ct);

    /// <summary>Targets of the units for the year, by unit and code (stored unit: minutes for hours).</summary>
    public async Task<Dictionary<(Guid UnitId, string Code), IndicatorTarget>> TargetsAsync(IReadOnlyCollection<Guid> unitIds, int year, CancellationToken ct)
    {
        var ids = unitIds.ToList();
        return await db.IndicatorTargets.IgnoreQueryFilters().AsNoTracking().Where(t => ids.Contains(t.UnitId) && t.Year == year)
            .ToDictionaryAsync(t => (t.UnitId, t.Code), ct);
    }
}
