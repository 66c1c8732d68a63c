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
/// a flow, a distinct-person figure and a reported one are the year cell (month 0; a flow's months and categories
/// beside it feed the charts); a stock figure is the current cell for this year and the frozen one for a past year
/// (none if the platform did not yet run then).
/// </summary>
public sealed class UnitFigures(IReadOnlyList<FigureTally> cells, int currentYear, bool settled = true)
{
    private readonly ILookup<(Guid, string), FigureTally> byUnitCode = cells.ToLookup(c => (c.UnitId, c.Code));

    public int CurrentYear { get; } = currentYear;

    /// <summary>False when a refresh running elsewhere held on too long: these are the figures as of the last refresh.</summary>
    public bool Settled { get; } = settled;

    /// <summary>The subtree's figure, or null for a stock figure of a year with no record of it.</summary>
    public decimal? Value(Guid unitId, Indicator indicator, int year, bool own = false)
    {
        var rows = byUnitCode[(unitId, indicator.Code)];
        decimal Of(FigureTally c) => own ? c.Own : c.Total;
        if (indicator.Shape != IndicatorShape.Stock)
        {
            return rows.Where(c => c.Year == year && c.Month == 0).Sum(Of);
        }
        if (year >= CurrentYear)
        {
            return rows.Where(c => c.Year == FigureTally.CurrentYear).Sum(Of);
        }
        var frozen = rows.Where(c => c.Year == year).ToList();
        return frozen.Count == 0 ? null : frozen.Sum(Of);
    }

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
}

/// <summary>
/// Reads figures for pages, the API and the summary; refreshes pending changes first, so what is shown is live, unless
/// a large refresh is running elsewhere: a page then shows the figures as of the last refresh and says so
/// (<see cref="UnitFigures.Settled"/>), rather than waiting for it.
/// </summary>
public sealed class FigureReader(AppDbContext db, TimeProvider clock)
{
    /// <summary>How long a page waits for a refresh that another request or the figures job is running.</summary>
    private static readonly TimeSpan PageWait = TimeSpan.FromSeconds(2);

    public int CurrentYear => clock.ChinaToday().Year;

    /// <summary>The unit a figures page opens on when none is chosen: the first open unit the caller reads figures of, shallowest first.</summary>
    public async Task<Guid?> DefaultUnitAsync(CancellationToken ct)
    {
        var top = await db.OrgUnits.AsNoTracking().Where(u => u.ClosedAt == null).OrderBy(u => u.Depth).ThenBy(u => u.SortOrder)
            .Select(u => new { u.Id, u.Path }).Take(50).ToListAsync(ct);
        return top.FirstOrDefault(u => db.Scope.Covers(u.Path, Permission.FiguresRead))?.Id;
    }

    /// <summary>Counts every pending change, however long another refresh takes: for what is written down (the annual summary).</summary>
    public Task SettleAsync(CancellationToken ct) => Rollups.RefreshAsync(db, clock.GetUtcNow(), ct);

    private async Task<bool> RefreshForPageAsync(CancellationToken ct) =>
        await Rollups.RefreshAsync(db, clock.GetUtcNow(), PageWait, ct) is not null;

    /// <summary>The cells of the units for <paramref name="year"/> and the year before (and the current stock).</summary>
    public async Task<UnitFigures> ReadAsync(IReadOnlyCollection<Guid> unitIds, int year, CancellationToken ct)
    {
        var settled = await RefreshForPageAsync(ct);
        var ids = unitIds.ToList();
        var years = new[] { year, year - 1, FigureTally.CurrentYear };
        var cells = await db.FigureTallies.IgnoreQueryFilters().AsNoTracking()
            .Where(t => ids.Contains(t.UnitId) && years.Contains(t.Year)).ToListAsync(ct);
        return new UnitFigures(cells, CurrentYear, settled);
    }

    /// <summary>
    /// A unit's cells as <see cref="ReadAsync"/> reads them, and of <paramref name="totalsOf"/> (its children) only their
    /// year cells (month 0), which is all <see cref="UnitFigures.Value"/> needs: Monthly and ByKey work on the unit only.
    /// A city's dashboard reads about twenty rows per district this way, by the cells' key, not every district's months
    /// and categories (issue 8: the city within 2× a community).
    /// </summary>
    public async Task<UnitFigures> ReadWithTotalsAsync(Guid unitId, IReadOnlyCollection<Guid> totalsOf, int year, CancellationToken ct)
    {
        var settled = await RefreshForPageAsync(ct);
        var years = new[] { year, year - 1, FigureTally.CurrentYear };
        var cells = await db.FigureTallies.IgnoreQueryFilters().AsNoTracking()
            .Where(t => t.UnitId == unitId && years.Contains(t.Year)).ToListAsync(ct);
        if (totalsOf.Count > 0)
        {
            var ids = totalsOf.ToList();
            cells.AddRange(await db.FigureTallies.IgnoreQueryFilters().AsNoTracking()
                .Where(t => ids.Contains(t.UnitId) && years.Contains(t.Year) && t.Month == 0).ToListAsync(ct));
        }
        return new UnitFigures(cells, CurrentYear, settled);
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
