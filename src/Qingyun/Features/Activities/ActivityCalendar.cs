using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain.Activities;
using Qingyun.Domain.Hubs;
using Qingyun.Infrastructure;

namespace Qingyun.Features.Activities;

/// <summary>
/// A month of activities (every kind: youth activities and volunteer service) for a unit's subtree, as the
/// scope filter allows. Each line carries its own person-times: named participations (or volunteer attendances)
/// plus the headcount of an open event.
/// </summary>
public static class ActivityCalendar
{
    public sealed record Line(Guid Id, Guid UnitId, string UnitName, ActivityKind Kind, string Title, string Place, DateTimeOffset StartsAt,
        DateTimeOffset EndsAt, ActivityState State, Guid? CategoryId, int? Capacity, int Registered, int PersonTimes);

    /// <summary>The first and last instants of a Chinese calendar month, in UTC.</summary>
    public static (DateTimeOffset From, DateTimeOffset To) Month(int year, int month)
    {
        var first = new DateOnly(year, month, 1);
        return (StartOf(first), StartOf(first.AddMonths(1)));
    }

    private static DateTimeOffset StartOf(DateOnly day) =>
        new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), Localization.ChinaTime.GetUtcOffset(day.ToDateTime(TimeOnly.MinValue))).ToUniversalTime();

    public static async Task<List<Line>> MonthAsync(AppDbContext db, string? unitPath, int year, int month, Guid? categoryId, CancellationToken ct)
    {
        var (from, to) = Month(year, month);
        var q = db.Activities.Where(a => a.StartsAt >= from && a.StartsAt < to && a.State != ActivityState.Draft);
        if (categoryId is { } c)
        {
            q = q.Where(a => a.CategoryId == c);
        }
        if (unitPath is not null)
        {
            var lo = unitPath;
            var hi = Security.ScopeRanges.UpperBound(unitPath);
            q = q.Where(a => db.OrgUnits.Any(u => u.Id == a.UnitId && string.Compare(u.Path, lo) >= 0 && string.Compare(u.Path, hi) < 0));
        }
        var rows = await q.OrderBy(a => a.StartsAt).ThenBy(a => a.Id)
            .Select(a => new
            {
                a.Id, a.UnitId, UnitName = db.OrgUnits.Where(u => u.Id == a.UnitId).Select(u => u.Name).FirstOrDefault(), a.Kind, a.Title, a.Place,
                a.StartsAt, a.EndsAt, a.State, a.CategoryId, a.Capacity, a.Registered, a.Headcount,
                Named = a.Kind == ActivityKind.Youth ? db.Participations.Count(p => p.ActivityId == a.Id) : db.Attendances.Count(x => x.ActivityId == a.Id),
            })
            .Take(1000).ToListAsync(ct);
        return rows.Select(r => new Line(r.Id, r.UnitId, r.UnitName ?? "", r.Kind, r.Title, r.Place, r.StartsAt, r.EndsAt, r.State, r.CategoryId,
            r.Capacity, r.Registered, r.Named + (r.Headcount ?? 0))).ToList();
    }

    public static async Task<Dictionary<Guid, string>> CategoryNamesAsync(AppDbContext db, bool chinese, CancellationToken ct) =>
        await db.ActivityCategories.AsNoTracking().ToDictionaryAsync(c => c.Id, c => chinese ? c.Name : c.NameEn, ct);

    public static Task<List<ActivityCategory>> CategoriesInUseAsync(AppDbContext db, CancellationToken ct) =>
        db.ActivityCategories.AsNoTracking().Where(c => c.ArchivedAt == null).OrderBy(c => c.SortOrder).ThenBy(c => c.Name).ToListAsync(ct);
}
