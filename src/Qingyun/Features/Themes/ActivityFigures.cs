using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain.Activities;

namespace Qingyun.Features.Themes;

/// <summary>The figures of one activity category (null: no category).</summary>
public sealed record CategoryFigures(Guid? CategoryId, int Activities, int PersonTimes, int DistinctPersons);

/// <summary>
/// What happened: activities held, person-times (named participations plus headcounts of open events) and
/// distinct persons (each named person once, however often they came).
/// </summary>
public sealed record Figures(int Activities, int PersonTimes, int DistinctPersons, IReadOnlyList<CategoryFigures> ByCategory)
{
    public static readonly Figures None = new(0, 0, 0, []);
}

/// <summary>
/// The one place youth activities are counted (quarterly themes, hub statistics). An activity counts as held
/// when it is a published youth activity (not cancelled, not a draft) that started in [from, to) and had
/// ended by <c>now</c>. Reads through the scope filter: a reader never counts what they cannot see.
/// </summary>
public static class ActivityFigures
{
    /// <summary>Activities of the units whose path starts with <paramref name="unitPath"/> (a unit and its subtree).</summary>
    public static Task<Figures> ForAsync(AppDbContext db, string unitPath, DateTimeOffset from, DateTimeOffset to, DateTimeOffset now, Guid? themeId, CancellationToken ct) =>
        CountAsync(db, db.Activities.Where(a => db.OrgUnits.Any(u => u.Id == a.UnitId && u.Path.StartsWith(unitPath))), from, to, now, themeId, ct);

    /// <summary>Activities of exactly the given units.</summary>
    public static Task<Figures> ForAsync(AppDbContext db, IReadOnlyCollection<Guid> unitIds, DateTimeOffset from, DateTimeOffset to, DateTimeOffset now, Guid? themeId, CancellationToken ct) =>
        CountAsync(db, db.Activities.Where(a => unitIds.Contains(a.UnitId)), from, to, now, themeId, ct);

    private static async Task<Figures> CountAsync(AppDbContext db, IQueryable<Activity> activities, DateTimeOffset from, DateTimeOffset to, DateTimeOffset now, Guid? themeId, CancellationToken ct)
    {
        // PostgreSQL takes only UTC instants: callers may pass China-time offsets.
        (from, to, now) = (from.ToUniversalTime(), to.ToUniversalTime(), now.ToUniversalTime());
        var held = activities.Where(a => a.Kind == ActivityKind.Youth && a.State == ActivityState.Published
            && a.StartsAt >= from && a.StartsAt < to && a.EndsAt <= now);
        if (themeId is { } theme)
        {
            held = held.Where(a => a.ThemeId == theme);
        }
        var rows = await held.AsNoTracking().Select(a => new { a.Id, a.CategoryId, a.Headcount }).ToListAsync(ct);
        if (rows.Count == 0)
        {
            return Figures.None;
        }
        var present = db.Participations.Where(p => held.Any(a => a.Id == p.ActivityId));
        var perActivity = await present.GroupBy(p => p.ActivityId).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
        var distinct = await present.Select(p => p.PersonId).Distinct().CountAsync(ct);
        var distinctByCategory = await present
            .Join(held, p => p.ActivityId, a => a.Id, (p, a) => new { a.CategoryId, p.PersonId })
            .Distinct()
            .GroupBy(x => x.CategoryId)
            .Select(g => new { g.Key, N = g.Count() })
            .ToListAsync(ct);
        int PersonTimes(Guid id, int? headcount) => perActivity.GetValueOrDefault(id) + (headcount ?? 0);
        var byCategory = rows.GroupBy(r => r.CategoryId)
            .Select(g => new CategoryFigures(g.Key, g.Count(), g.Sum(r => PersonTimes(r.Id, r.Headcount)),
                distinctByCategory.FirstOrDefault(d => d.Key == g.Key)?.N ?? 0))
            .OrderByDescending(c => c.Activities).ThenBy(c => c.CategoryId)
            .ToList();
        return new Figures(rows.Count, rows.Sum(r => PersonTimes(r.Id, r.Headcount)), distinct, byCategory);
    }
}
