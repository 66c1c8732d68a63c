using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain.Indicators;

namespace Qingyun.Features.Indicators;

/// <summary>Every cell and person of the roll-ups counted from nothing.</summary>
public sealed record FullCount(Dictionary<CellKey, (decimal Own, decimal Total)> Cells, Dictionary<SubjectKey, (bool Own, int Refs)> Subjects);

/// <summary>
/// The roll-ups counted from scratch: what `qingyun figures rebuild` writes (after a restore, or to heal a
/// database changed outside the application) and what the tests compare the incremental refresh against.
/// It counts with the same <see cref="OwnFigures"/>; only the adding-up differs.
/// </summary>
public static class Rebuild
{
    public static async Task<FullCount> CountAsync(AppDbContext db, DateTimeOffset now, CancellationToken ct, int batch = 500)
    {
        var units = await db.OrgUnits.IgnoreQueryFilters().AsNoTracking().Select(u => new { u.Id, u.Path }).ToListAsync(ct);
        var chains = units.ToDictionary(u => u.Id, u => Rollups.Chain(u.Path));
        var cells = new Dictionary<CellKey, (decimal Own, decimal Total)>();
        var subjects = new Dictionary<SubjectKey, (bool Own, int Refs)>();
        foreach (var chunk in units.Select(u => u.Id).Chunk(batch))
        {
            var own = await OwnFigures.CountAsync(db, chunk, now, ct);
            foreach (var (k, v) in own.Cells)
            {
                var persons = Catalogue.Find(k.Code)?.Shape == IndicatorShape.Persons;
                cells[k] = (v, cells.GetValueOrDefault(k).Total);
                if (persons)
                {
                    continue;
                }
                foreach (var a in chains[k.UnitId])
                {
                    var at = k with { UnitId = a };
                    var c = cells.GetValueOrDefault(at);
                    cells[at] = (c.Own, c.Total + v);
                }
            }
            foreach (var s in own.Subjects)
            {
                foreach (var a in chains[s.UnitId])
                {
                    var at = s with { UnitId = a };
                    var r = subjects.GetValueOrDefault(at);
                    subjects[at] = (r.Own || a == s.UnitId, r.Refs + 1);
                }
            }
        }
        foreach (var g in subjects.Keys.GroupBy(s => new CellKey(s.UnitId, s.Code, s.Year, 0, "")))
        {
            var c = cells.GetValueOrDefault(g.Key);
            cells[g.Key] = (c.Own, g.Count());
        }
        return new FullCount(cells, subjects);
    }

    /// <summary>Replaces the roll-ups with a full count. Frozen stock of past years is history and stays.</summary>
    public static async Task<(int Cells, int Subjects)> RunAsync(AppDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var stale = await db.FigureStales.IgnoreQueryFilters().Select(s => s.Id).ToListAsync(ct);
        var full = await CountAsync(db, now, ct);
        var stock = Catalogue.Computed.Where(i => i.Shape == IndicatorShape.Stock).Select(i => i.Code).ToList();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.FigureTallies.IgnoreQueryFilters().Where(t => t.UnitId != Guid.Empty && (t.Year == FigureTally.CurrentYear || !stock.Contains(t.Code))).ExecuteDeleteAsync(ct);
        await db.FigureSubjects.IgnoreQueryFilters().ExecuteDeleteAsync(ct);
        foreach (var chunk in stale.Chunk(1000))
        {
            var ids = chunk.ToList();
            await db.FigureStales.IgnoreQueryFilters().Where(s => ids.Contains(s.Id)).ExecuteDeleteAsync(ct);
        }
        await db.InsertAsync([.. full.Cells.Select(c => new FigureTally
        {
            UnitId = c.Key.UnitId, Code = c.Key.Code, Year = c.Key.Year, Month = c.Key.Month, Key = c.Key.Key, Own = c.Value.Own, Total = c.Value.Total,
        })], ct);
        await db.InsertAsync([.. full.Subjects.Select(s => new FigureSubject
        {
            UnitId = s.Key.UnitId, Code = s.Key.Code, Year = s.Key.Year, SubjectId = s.Key.SubjectId, Own = s.Value.Own, Refs = s.Value.Refs,
        })], ct);
        await tx.CommitAsync(ct);
        return (full.Cells.Count, full.Subjects.Count);
    }
}
