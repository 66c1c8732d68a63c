using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.Indicators;
using Qingyun.Domain.Organization;
using Qingyun.Security;

namespace Qingyun.Features.Indicators.Assessment;

/// <summary>An item of the year's assessment (考核细则): an indicator, the points it carries, and whether it also counts for Party building.</summary>
public sealed record ScoredItem(Indicator Indicator, string Name, string Measure, decimal Points, bool PartyTrack);

/// <summary>A child unit's result on one item: what it did, its target, and the points earned (none without a target).</summary>
public sealed record ItemScore(decimal? Actual, decimal? Target, decimal? Score);

public sealed record UnitScore(Guid Id, string Name, IReadOnlyList<ItemScore> Scores, decimal Total, decimal PartyTotal, decimal Possible, int Rank);

public sealed record ScorecardView(OrgUnit Unit, int Year, int CurrentYear, bool CanManage, IReadOnlyList<FigureLine> Catalogue,
    IReadOnlyList<ScoredItem> Items, IReadOnlyList<UnitScore> Units)
{
    public decimal FullMarks => Items.Sum(i => i.Points);

    public decimal PartyFullMarks => Items.Where(i => i.PartyTrack).Sum(i => i.Points);
}

/// <summary>
/// The yearly assessment of a unit's child units (年度考核): the unit picks indicators from its catalogue and gives each
/// points; a child earns an item's points in proportion to its target reached (capped at full points; a zero target is
/// met by anything), so the score comes from the same figures and targets as the dashboard and is checkable record by
/// record. Items marked for Party building (党建带团建) are summed again on their own — the part of the League
/// assessment that goes into the Party committee's assessment of the same units, as seed 000 asks: 党团组织建设同步、双轨考核.
/// </summary>
public sealed class Scorecard(AppDbContext db, Dashboard dashboard, FigureReader reader, TimeProvider clock)
{
    public const int MaxItems = 40;

    public sealed record Line(string? Code, decimal? Points, bool PartyTrack);

    public async Task<Result<ScorecardView>> BuildAsync(Guid? unitId, int? year, CancellationToken ct)
    {
        var r = await dashboard.BuildAsync(unitId, year, ct);
        if (!r.Ok)
        {
            return Result<ScorecardView>.Fail(r.Failures);
        }
        var v = r.Value!;
        var rows = await db.AssessmentItems.AsNoTracking().Where(i => i.UnitId == v.Unit.Id && i.Year == v.Year).ToListAsync(ct);
        var order = v.Lines.Select((l, n) => (l, n)).ToDictionary(x => x.l.Indicator.Code, x => x.n);
        // An item whose reported indicator was retired since drops out of the scoring rather than scoring zero.
        var items = rows.Where(i => order.ContainsKey(i.Code)).OrderBy(i => order[i.Code]).Select(i =>
        {
            var line = v.Lines[order[i.Code]];
            return new ScoredItem(line.Indicator, line.Name, line.Measure, i.Points, i.PartyTrack);
        }).ToList();
        var children = v.Children.Where(c => !c.Closed).ToList();
        var targets = await reader.TargetsAsync([.. children.Select(c => c.Id)], v.Year, ct);
        var scored = children.Select(c =>
        {
            var scores = items.Select(i => Score(i, c.Values.GetValueOrDefault(i.Indicator.Code),
                targets.TryGetValue((c.Id, i.Indicator.Code), out var t) ? i.Indicator.Display(t.Value) : null)).ToList();
            return (c, scores, Total: scores.Sum(s => s.Score ?? 0),
                Party: items.Zip(scores).Where(x => x.First.PartyTrack).Sum(x => x.Second.Score ?? 0),
                Possible: items.Zip(scores).Where(x => x.Second.Score is not null).Sum(x => x.First.Points));
        }).OrderByDescending(x => x.Total).ThenBy(x => x.c.Name, StringComparer.Ordinal).ToList();
        // Equal totals share a place (1, 2, 2, 4).
        var units = scored.Select(x => new UnitScore(x.c.Id, x.c.Name, x.scores, x.Total, x.Party, x.Possible,
            1 + scored.Count(o => o.Total > x.Total))).ToList();
        return new ScorecardView(v.Unit, v.Year, v.CurrentYear, v.CanManage && !v.Unit.IsClosed, v.Lines, items, units);
    }

    /// <summary>Points in proportion to the target reached, at most full points, to one decimal; none without a target.</summary>
    public static ItemScore Score(ScoredItem item, decimal? actual, decimal? target) =>
        target is not { } t ? new ItemScore(actual, null, null)
        : new ItemScore(actual, t, Math.Round(item.Points * (t == 0 ? 1 : Math.Min(1, (actual ?? 0) / t)), 1, MidpointRounding.AwayFromZero));

    /// <summary>Replaces the unit's assessment items for the year, all or none; an empty list withdraws the assessment.</summary>
    public async Task<Result<int>> SaveAsync(Guid? unitId, int? year, IReadOnlyList<Line> lines, CancellationToken ct)
    {
        if (year is not { } y)
        {
            return Failure.Required("Year");
        }
        if (y is < IndicatorTarget.MinYear or > IndicatorTarget.MaxYear)
        {
            return new Failure("Year", "Range", 400, IndicatorTarget.MinYear, IndicatorTarget.MaxYear);
        }
        var u = await db.UnitForAsync(unitId, Permission.FiguresManage, "UnitId", ct);
        if (!u.Ok)
        {
            return Result<int>.Fail(u.Failures);
        }
        var unit = u.Value!;
        if (unit.IsClosed)
        {
            return new Failure("UnitId", "UnitClosed", 409);
        }
        var catalogue = (await reader.CatalogueForAsync(unit, ct)).Select(i => i.Code).ToHashSet();
        var failures = new List<Failure>();
        var seen = new HashSet<string>();
        if (lines.Count > MaxItems)
        {
            failures.Add(new Failure("Items", "TooMany", 400, MaxItems) { Label = "AssessmentItems" });
        }
        foreach (var line in lines)
        {
            if (line.Code is null || !catalogue.Contains(line.Code))
            {
                failures.Add(new Failure("Code", "Unknown") { Label = "AssessmentIndicator" });
                continue;
            }
            if (!seen.Add(line.Code))
            {
                failures.Add(new Failure("Code", "InvalidChoice") { Label = "AssessmentIndicator" });
            }
            if (line.Points is not { } p)
            {
                failures.Add(Failure.Required("Points") with { Label = "AssessmentPoints" });
            }
            else if (p is <= 0 or > AssessmentItem.MaxPoints)
            {
                failures.Add(new Failure("Points", "PointsRange", 400, AssessmentItem.MaxPoints) { Label = "AssessmentPoints" });
            }
            else if (decimal.Round(p, 1) != p)
            {
                failures.Add(new Failure("Points", "OneDecimal") { Label = "AssessmentPoints" });
            }
        }
        if (failures.Count > 0)
        {
            return Result<int>.Fail(failures);
        }
        var existing = await db.AssessmentItems.Where(i => i.UnitId == unit.Id && i.Year == y).ToDictionaryAsync(i => i.Code, ct);
        var now = clock.GetUtcNow();
        var changed = 0;
        foreach (var gone in existing.Values.Where(i => !seen.Contains(i.Code)))
        {
            db.AssessmentItems.Remove(gone);
            changed++;
        }
        foreach (var line in lines)
        {
            if (!existing.TryGetValue(line.Code!, out var item))
            {
                item = new AssessmentItem { UnitId = unit.Id, Year = y, Code = line.Code! };
                db.AssessmentItems.Add(item);
            }
            else if (item.Points == line.Points && item.PartyTrack == line.PartyTrack)
            {
                continue;
            }
            item.Points = line.Points!.Value;
            item.PartyTrack = line.PartyTrack;
            item.SetBy = db.Scope.UserName;
            item.UpdatedAt = now;
            changed++;
        }
        await db.SaveChangesAsync(ct);
        return changed;
    }
}
