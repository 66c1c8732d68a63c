using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.Indicators;
using Qingyun.Domain.Organization;
using Qingyun.Security;

namespace Qingyun.Features.Indicators;

/// <summary>
/// Sets (or, with no value, removes) a year's targets of indicators for a unit and its child units, all or none.
/// As with League-building targets (decision 007) a target normally comes from above: whoever manages figures over
/// the parent sets it, and the unit's own admins cannot lower it. A unit may also set itself a target where
/// nobody above has (decision 014). Hours are typed in hours and kept in minutes.
/// </summary>
public sealed class SetTargets(AppDbContext db, FigureReader reader, TimeProvider clock)
{
    public const decimal MaxValue = 1_000_000_000m;

    public sealed record Line(Guid? UnitId, string? Code, decimal? Value);

    public sealed record Command(Guid? UnitId, int Year, IReadOnlyList<Line> Lines);

    public async Task<Result<int>> Handle(Command c, CancellationToken ct)
    {
        if (c.Year is < IndicatorTarget.MinYear or > IndicatorTarget.MaxYear)
        {
            return new Failure("Year", "Range", 400, IndicatorTarget.MinYear, IndicatorTarget.MaxYear);
        }
        var page = await db.UnitForAsync(c.UnitId, Permission.FiguresRead, "UnitId", ct);
        if (!page.Ok)
        {
            return Result<int>.Fail(page.Failures);
        }
        var parent = page.Value!;
        var catalogue = (await reader.CatalogueForAsync(parent, ct)).ToDictionary(i => i.Code);
        var ids = c.Lines.Select(l => l.UnitId ?? Guid.Empty).Distinct().ToList();
        var units = await db.OrgUnits.AsNoTracking().Where(u => ids.Contains(u.Id) && (u.Id == parent.Id || u.ParentId == parent.Id)).ToDictionaryAsync(u => u.Id, ct);
        var existing = await db.IndicatorTargets.Where(t => t.Year == c.Year && ids.Contains(t.UnitId)).ToDictionaryAsync(t => (t.UnitId, t.Code), ct);
        var failures = new List<Failure>();
        var seen = new HashSet<(Guid, string)>();
        foreach (var line in c.Lines)
        {
            if (line.UnitId is not { } id || !units.TryGetValue(id, out var unit))
            {
                failures.Add(Failure.NotFound("UnitId"));
                continue;
            }
            if (line.Code is null || !catalogue.ContainsKey(line.Code))
            {
                failures.Add(new Failure("Code", "Unknown", 400));
                continue;
            }
            if (!seen.Add((id, line.Code)))
            {
                failures.Add(new Failure("Code", "InvalidChoice"));
                continue;
            }
            if (line.Value is < 0 or > MaxValue)
            {
                failures.Add(new Failure("Value", "Range", 400, 0, MaxValue) { Label = "TargetValue" });
            }
            existing.TryGetValue((id, line.Code), out var current);
            if (!MaySet(unit, current))
            {
                failures.Add(new Failure("UnitId", "TargetSetAbove", 403));
            }
            if (unit.IsClosed && line.Value is not null)
            {
                failures.Add(new Failure("UnitId", "UnitClosed", 409));
            }
        }
        if (failures.Count > 0)
        {
            return Result<int>.Fail(failures);
        }
        var now = clock.GetUtcNow();
        var changed = 0;
        foreach (var line in c.Lines)
        {
            var unit = units[line.UnitId!.Value];
            var indicator = catalogue[line.Code!];
            existing.TryGetValue((unit.Id, indicator.Code), out var target);
            if (line.Value is not { } shown)
            {
                if (target is not null)
                {
                    db.IndicatorTargets.Remove(target);
                    changed++;
                }
                continue;
            }
            var stored = indicator.Stored(shown);
            if (target is null)
            {
                target = new IndicatorTarget { UnitId = unit.Id, Year = c.Year, Code = indicator.Code };
                db.IndicatorTargets.Add(target);
            }
            else if (target.Value == stored)
            {
                continue;
            }
            target.Value = stored;
            target.SetByUnitId = FromAbove(db.Scope, unit) ? unit.ParentId!.Value : unit.Id;
            target.SetBy = db.Scope.UserName;
            target.UpdatedAt = now;
            changed++;
        }
        await db.SaveChangesAsync(ct);
        return changed;
    }

    /// <summary>Whoever manages figures over the parent; or the unit's own admins for a target nobody above has set.</summary>
    public bool MaySet(OrgUnit unit, IndicatorTarget? current) =>
        FromAbove(db.Scope, unit) || (db.Scope.Covers(unit.Path, Permission.FiguresManage) && (current is null || current.SetByUnitId == unit.Id));

    /// <summary>Whoever manages figures over the unit's parent (the system administrator for a top unit): sets its targets, reviews its reports.</summary>
    public static bool FromAbove(CurrentScope scope, OrgUnit unit) =>
        unit.ParentId is null ? scope.IsSystemAdmin : scope.Covers(unit.Path[..(unit.Path.TrimEnd('/').LastIndexOf('/') + 1)], Permission.FiguresManage);
}
