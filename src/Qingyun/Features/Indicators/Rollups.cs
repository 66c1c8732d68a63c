using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Qingyun.Data;
using Qingyun.Domain.Indicators;
using Qingyun.Security;
using Qingyun.Infrastructure;

namespace Qingyun.Features.Indicators;

/// <summary>
/// Keeps the roll-up cells in step with the records (decision 014). A changed record leaves a stale mark on its
/// unit in the same transaction; a refresh recounts the own records of the marked units only
/// (<see cref="OwnFigures"/>), and adds the difference to the unit and each unit above it. A distinct-person
/// figure moves only when a person enters or leaves a subtree's set. So the work of a change is the size of one
/// unit's records plus the depth of the tree, and reading a figure is one cell, for a community or a province.
/// </summary>
public static class Rollups
{
    /// <summary>
    /// One refresh at a time per database in this process (a host serves one database; the tests run many side by side);
    /// on PostgreSQL also across hosts (an advisory lock), so two hosts never double a difference.
    /// </summary>
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new();
    private const long AdvisoryLock = 0x5179_4669_6775;
    private const int Batch = 200;

    /// <summary>Recounts every marked unit, waiting for a refresh already running; returns how many units were recounted.</summary>
    public static async Task<int> RefreshAsync(AppDbContext db, DateTimeOffset now, CancellationToken ct) =>
        await RefreshAsync(db, now, Timeout.InfiniteTimeSpan, ct) ?? 0;

    /// <summary>
    /// Recounts the marked units within a budget of <paramref name="wait"/>: null when another refresh (in this process
    /// or, on PostgreSQL, another host) still holds on after it, or when marks are left once it is spent (the batch in
    /// progress is finished; the rest is left for the figures job or the next read). The caller then reads the figures
    /// as of the last refresh. A page must not hang behind a recount of thousands of units — the first round after a
    /// start, a bulk import — whether someone else runs it or the page would have run it itself.
    /// </summary>
    public static async Task<int?> RefreshAsync(AppDbContext db, DateTimeOffset now, TimeSpan wait, CancellationToken ct)
    {
        if (!await db.FigureStales.IgnoreQueryFilters().AnyAsync(ct))
        {
            return 0;
        }
        var budget = System.Diagnostics.Stopwatch.StartNew();
        var done = 0;
        var gate = Gates.GetOrAdd(db.Database.GetConnectionString() ?? "", _ => new SemaphoreSlim(1, 1));
        if (!await gate.WaitAsync(wait, ct))
        {
            return null;
        }
        try
        {
            while (true)
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                if (db.Database.GetDbConnection() is NpgsqlConnection)
                {
                    if (wait == Timeout.InfiniteTimeSpan)
                    {
                        await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AdvisoryLock})", ct);
                    }
                    else if (!await db.Database.SqlQueryRaw<bool>($"SELECT pg_try_advisory_xact_lock({AdvisoryLock}) AS \"Value\"").SingleAsync(ct))
                    {
                        return null;
                    }
                }
                var marks = await db.FigureStales.IgnoreQueryFilters().OrderBy(s => s.At).Take(Batch * 4).ToListAsync(ct);
                if (marks.Count == 0)
                {
                    break;
                }
                var units = marks.Where(m => !m.Retotal).Select(m => m.UnitId).Distinct().Take(Batch).ToHashSet();
                var retotalMarked = marks.Where(m => m.Retotal).Select(m => m.UnitId).Distinct().ToList();
                // A subtree that changed shape changes the totals of every unit above the parent too.
                var parentPaths = await db.OrgUnits.IgnoreQueryFilters().AsNoTracking().Where(u => retotalMarked.Contains(u.Id)).Select(u => u.Path).ToListAsync(ct);
                var retotal = parentPaths.SelectMany(Chain).ToHashSet();
                await RecountAsync(db, units, now, ct);
                // The retotal sums the subtree's own cells as stored: the recount's changes must be in the database first,
                // or a unit recounted in the same batch is summed with its old cells and its new rows are added twice.
                await db.SaveChangesAsync(ct);
                await RetotalAsync(db, retotal, ct);
                db.FigureStales.RemoveRange(marks.Where(m => m.Retotal || units.Contains(m.UnitId)));
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                db.ChangeTracker.Clear();
                done += units.Count + retotalMarked.Count;
                if (wait != Timeout.InfiniteTimeSpan && budget.Elapsed >= wait
                    && await db.FigureStales.IgnoreQueryFilters().AnyAsync(ct))
                {
                    return null;
                }
            }
        }
        finally
        {
            gate.Release();
        }
        return done;
    }

    /// <summary>Marks units for a recount outside SaveChanges (bulk writes, set-based updates, the periodic round).</summary>
    public static void MarkStale(AppDbContext db, IEnumerable<Guid> unitIds, DateTimeOffset now, bool retotal = false)
    {
        foreach (var id in unitIds.Distinct())
        {
            db.FigureStales.Add(new FigureStale { UnitId = id, Retotal = retotal, At = now });
        }
    }

    /// <summary>The ids on a unit's path, root first, the unit last.</summary>
    public static List<Guid> Chain(string path) =>
        [.. path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(s => Guid.ParseExact(s, "N"))];

    private static bool IsPersons(string code) => Catalogue.Find(code)?.Shape == IndicatorShape.Persons;

    /// <summary>Frozen stock cells (a past year's 现有数) are history: recounts and retotals leave them alone.</summary>
    private static bool IsFrozen(FigureTally t) => t.Year != FigureTally.CurrentYear && Catalogue.IsStock(t.Code);

    private static async Task RecountAsync(AppDbContext db, HashSet<Guid> units, DateTimeOffset now, CancellationToken ct)
    {
        if (units.Count == 0)
        {
            return;
        }
        var ids = units.ToList();
        var paths = await db.OrgUnits.IgnoreQueryFilters().AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Path, ct);
        ids = [.. ids.Where(paths.ContainsKey)];
        var chains = ids.ToDictionary(id => id, id => Chain(paths[id]));
        var fresh = await OwnFigures.CountAsync(db, ids, now, ct);

        // Cells: the difference between what the units hold now and what they held, added all the way up.
        var old = (await db.FigureTallies.IgnoreQueryFilters().Where(t => ids.Contains(t.UnitId) && t.Own != 0).ToListAsync(ct))
            .Where(t => !IsFrozen(t)).ToDictionary(t => new CellKey(t.UnitId, t.Code, t.Year, t.Month, t.Key), t => t.Own);
        var deltas = fresh.Cells.Keys.Union(old.Keys)
            .Select(k => (Key: k, Delta: fresh.Cells.GetValueOrDefault(k) - old.GetValueOrDefault(k)))
            .Where(d => d.Delta != 0).ToList();
        var cells = new Cells(db);
        await cells.LoadAsync(deltas.SelectMany(d => IsPersons(d.Key.Code) ? [d.Key] : chains[d.Key.UnitId].Select(a => d.Key with { UnitId = a })), ct);
        foreach (var (k, delta) in deltas)
        {
            cells.Get(k).Own += delta;
            if (!IsPersons(k.Code))
            {
                foreach (var a in chains[k.UnitId])
                {
                    cells.Get(k with { UnitId = a }).Total += delta;
                }
            }
        }

        // People: a person enters a subtree's set with the first unit that counts them and leaves it with the last.
        var oldSubjects = (await db.FigureSubjects.IgnoreQueryFilters().AsNoTracking().Where(s => ids.Contains(s.UnitId) && s.Own)
            .Select(s => new { s.UnitId, s.Code, s.Year, s.SubjectId }).ToListAsync(ct))
            .Select(s => new SubjectKey(s.UnitId, s.Code, s.Year, s.SubjectId)).ToHashSet();
        var added = fresh.Subjects.Where(s => !oldSubjects.Contains(s)).ToList();
        var removed = oldSubjects.Where(s => !fresh.Subjects.Contains(s)).ToList();
        if (added.Count + removed.Count == 0)
        {
            cells.Prune();
            return;
        }
        var touched = added.Concat(removed).ToList();
        var chainIds = touched.SelectMany(s => chains[s.UnitId]).Distinct().ToList();
        var rows = new Dictionary<SubjectKey, FigureSubject>();
        foreach (var chunk in touched.Select(s => s.SubjectId).Distinct().Chunk(1000))
        {
            var subjectIds = chunk.ToList();
            foreach (var r in await db.FigureSubjects.IgnoreQueryFilters().Where(s => chainIds.Contains(s.UnitId) && subjectIds.Contains(s.SubjectId)).ToListAsync(ct))
            {
                rows[new SubjectKey(r.UnitId, r.Code, r.Year, r.SubjectId)] = r;
            }
        }
        var distinct = cells;
        await distinct.LoadAsync(touched.SelectMany(s => chains[s.UnitId].Select(a => new CellKey(a, s.Code, s.Year, 0, ""))).Distinct(), ct);
        foreach (var (s, step) in added.Select(s => (s, 1)).Concat(removed.Select(s => (s, -1))))
        {
            foreach (var a in chains[s.UnitId])
            {
                var key = s with { UnitId = a };
                if (!rows.TryGetValue(key, out var row))
                {
                    row = new FigureSubject { UnitId = a, Code = s.Code, Year = s.Year, SubjectId = s.SubjectId };
                    rows[key] = row;
                    db.FigureSubjects.Add(row);
                }
                var before = row.Refs;
                row.Refs += step;
                if (row.Refs > 0 && db.Entry(row).State == EntityState.Deleted)
                {
                    db.Entry(row).State = EntityState.Modified;
                }
                if (a == s.UnitId)
                {
                    row.Own = step > 0;
                }
                if (before == 0 && row.Refs > 0)
                {
                    distinct.Get(new CellKey(a, s.Code, s.Year, 0, "")).Total += 1;
                }
                else if (before > 0 && row.Refs == 0)
                {
                    distinct.Get(new CellKey(a, s.Code, s.Year, 0, "")).Total -= 1;
                    db.FigureSubjects.Remove(row);
                }
            }
        }
        cells.Prune();
    }

    /// <summary>
    /// Sums a unit's totals again from the own cells of its subtree, after units moved in or out of it. Moves are
    /// rare; this is the one place a figure costs the size of a subtree.
    /// </summary>
    private static async Task RetotalAsync(AppDbContext db, HashSet<Guid> units, CancellationToken ct)
    {
        foreach (var id in units)
        {
            var unit = await db.OrgUnits.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct);
            if (unit is null)
            {
                continue;
            }
            var hi = ScopeRanges.UpperBound(unit.Path);
            var subtree = db.OrgUnits.IgnoreQueryFilters().Where(u => string.Compare(u.Path, unit.Path) >= 0 && string.Compare(u.Path, hi) < 0).Select(u => u.Id);
            var own = (await db.FigureTallies.IgnoreQueryFilters().AsNoTracking().Where(t => subtree.Contains(t.UnitId) && t.Own != 0).ToListAsync(ct))
                .Where(t => !IsFrozen(t) && !IsPersons(t.Code))
                .GroupBy(t => new CellKey(id, t.Code, t.Year, t.Month, t.Key)).ToDictionary(g => g.Key, g => g.Sum(t => t.Own));
            var people = await db.FigureSubjects.IgnoreQueryFilters().AsNoTracking().Where(s => subtree.Contains(s.UnitId) && s.Own)
                .GroupBy(s => new { s.Code, s.Year, s.SubjectId }).Select(g => new { g.Key.Code, g.Key.Year, g.Key.SubjectId, N = g.Count() }).ToListAsync(ct);
            foreach (var p in people.GroupBy(p => new CellKey(id, p.Code, p.Year, 0, "")))
            {
                own[p.Key] = p.Count();
            }
            var mine = (await db.FigureTallies.IgnoreQueryFilters().Where(t => t.UnitId == id).ToListAsync(ct)).Where(t => !IsFrozen(t)).ToList();
            foreach (var t in mine)
            {
                t.Total = own.Remove(new CellKey(t.UnitId, t.Code, t.Year, t.Month, t.Key), out var v) ? v : 0;
                if (t.Total == 0 && t.Own == 0)
                {
                    db.FigureTallies.Remove(t);
                }
            }
            foreach (var (k, v) in own)
            {
                db.FigureTallies.Add(new FigureTally { UnitId = id, Code = k.Code, Year = k.Year, Month = k.Month, Key = k.Key, Total = v });
            }
            var refs = people.ToDictionary(p => (p.Code, p.Year, p.SubjectId), p => p.N);
            foreach (var s in await db.FigureSubjects.IgnoreQueryFilters().Where(s => s.UnitId == id).ToListAsync(ct))
            {
                if (refs.Remove((s.Code, s.Year, s.SubjectId), out var n))
                {
                    s.Refs = n;
                }
                else
                {
                    db.FigureSubjects.Remove(s);
                }
            }
            foreach (var ((code, year, subject), n) in refs)
            {
                db.FigureSubjects.Add(new FigureSubject { UnitId = id, Code = code, Year = year, SubjectId = subject, Refs = n });
            }
        }
    }

    /// <summary>The cell that remembers the last China year the roll-ups were kept (unit id empty, not a unit).</summary>
    private const string YearMark = "_year";

    /// <summary>
    /// At a new year, the stock figures of the year that ended are frozen into it (a 现有数 of last year stays what it
    /// was on 31 December), and units with cases still open are recounted into the new year. Only a year the
    /// platform kept is frozen: a first start in a new year does not pretend today's numbers were last year's.
    /// </summary>
    public static async Task<bool> TurnYearAsync(AppDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var year = now.ChinaDate().Year;
        var mark = await db.FigureTallies.IgnoreQueryFilters().FirstOrDefaultAsync(t => t.UnitId == Guid.Empty && t.Code == YearMark, ct);
        if (mark is null)
        {
            db.FigureTallies.Add(new FigureTally { UnitId = Guid.Empty, Code = YearMark, Own = year });
            await db.SaveChangesAsync(ct);
            return false;
        }
        if ((int)mark.Own >= year)
        {
            return false;
        }
        // The last changes of the year may still be marked: count them before the stock is frozen (a refresh clears the tracker).
        await RefreshAsync(db, now, ct);
        mark = await db.FigureTallies.IgnoreQueryFilters().FirstAsync(t => t.UnitId == Guid.Empty && t.Code == YearMark, ct);
        var kept = (int)mark.Own;
        if (kept >= year)
        {
            return false;
        }
        mark.Own = year;
        var stock = Catalogue.Computed.Where(i => i.Shape == IndicatorShape.Stock).Select(i => i.Code).ToList();
        if (kept == year - 1 && !await db.FigureTallies.IgnoreQueryFilters().AnyAsync(t => t.Year == kept && stock.Contains(t.Code), ct))
        {
            foreach (var t in await db.FigureTallies.IgnoreQueryFilters().AsNoTracking()
                         .Where(t => t.Year == FigureTally.CurrentYear && stock.Contains(t.Code)).ToListAsync(ct))
            {
                db.FigureTallies.Add(new FigureTally { UnitId = t.UnitId, Code = t.Code, Year = kept, Month = 0, Key = t.Key, Own = t.Own, Total = t.Total });
            }
        }
        var open = await db.AssistanceCases.IgnoreQueryFilters().Where(c => c.ClosedOn == null).Select(c => c.UnitId).Distinct().ToListAsync(ct);
        MarkStale(db, open, now);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>The cells a refresh touches, loaded in a few queries and created when missing.</summary>
    private sealed class Cells(AppDbContext db)
    {
        private readonly Dictionary<CellKey, FigureTally> rows = [];

        public async Task LoadAsync(IEnumerable<CellKey> keys, CancellationToken ct)
        {
            var wanted = keys.Where(k => !rows.ContainsKey(k)).ToHashSet();
            foreach (var group in wanted.GroupBy(k => (k.Code, k.Year)))
            {
                var (code, year) = group.Key;
                foreach (var chunk in group.Select(k => k.UnitId).Distinct().Chunk(1000))
                {
                    var unitIds = chunk.ToList();
                    foreach (var t in await db.FigureTallies.IgnoreQueryFilters().Where(t => t.Code == code && t.Year == year && unitIds.Contains(t.UnitId)).ToListAsync(ct))
                    {
                        rows.TryAdd(new CellKey(t.UnitId, t.Code, t.Year, t.Month, t.Key), t);
                    }
                }
            }
        }

        public FigureTally Get(CellKey k)
        {
            if (!rows.TryGetValue(k, out var t))
            {
                t = new FigureTally { UnitId = k.UnitId, Code = k.Code, Year = k.Year, Month = k.Month, Key = k.Key };
                rows[k] = t;
                db.FigureTallies.Add(t);
            }
            return t;
        }

        /// <summary>A cell back at zero is removed, so the table holds only what something counts.</summary>
        public void Prune()
        {
            foreach (var t in rows.Values.Where(t => t.Own == 0 && t.Total == 0))
            {
                var entry = db.Entry(t);
                if (entry.State == EntityState.Added)
                {
                    entry.State = EntityState.Detached;
                }
                else if (entry.State != EntityState.Deleted)
                {
                    db.FigureTallies.Remove(t);
                }
            }
        }
    }
}
