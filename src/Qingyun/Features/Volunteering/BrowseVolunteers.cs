using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain.Activities;
using Qingyun.Domain.Volunteering;

namespace Qingyun.Features.Volunteering;

public static class BrowseVolunteers
{
    public sealed record Row(Guid Id, string Number, string Name, string? PhoneMasked, string UnitName, int Stars, decimal Hours, decimal TrainingHours,
        VolunteerStatus Status, DateTimeOffset RegisteredAt);

    /// <summary>Volunteers of units in scope, newest first by id (keyset). A name is looked up first, then the scope applies.</summary>
    public static async Task<IReadOnlyList<Row>> ListAsync(AppDbContext db, string? q, int? minStars, Guid? after, int take, CancellationToken ct)
    {
        var query = db.Volunteers.AsNoTracking();
        var text = q?.Trim();
        if (!string.IsNullOrEmpty(text))
        {
            var people = await db.People.IgnoreQueryFilters([AppDbContext.ScopeFilter]).Where(p => p.Name.Contains(text)).Select(p => p.Id).Take(2000).ToListAsync(ct);
            query = query.Where(v => v.Number == text || people.Contains(v.PersonId));
        }
        if (minStars is { } s)
        {
            query = query.Where(v => v.Stars >= s);
        }
        if (after is { } a)
        {
            query = query.Where(v => v.Id.CompareTo(a) < 0);
        }
        var page = await query.OrderByDescending(v => v.Id).Take(take).ToListAsync(ct);
        var cards = await VolunteerDirectory.CardsAsync(db, page.Select(v => v.Id), ct);
        var unitIds = page.Select(v => v.UnitId).Distinct().ToList();
        var units = await db.OrgUnits.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        return [.. page.Select(v => new Row(v.Id, v.Number, cards[v.Id].Name, cards[v.Id].PhoneMasked, units.GetValueOrDefault(v.UnitId, ""), v.Stars,
            v.ConfirmedMinutes / 60m, v.TrainingMinutes / 60m, v.Status, v.RegisteredAt))];
    }
}

/// <summary>Published activities, open to every signed-in volunteer wherever they registered.</summary>
public static class OpenActivities
{
    public sealed record Item(Activity Activity, IReadOnlyList<Position> Positions, string UnitName);

    public static async Task<IReadOnlyList<Item>> ListAsync(AppDbContext db, TimeProvider clock, Guid? id, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var q = db.Activities.IgnoreQueryFilters().AsNoTracking().Where(a => a.State == ActivityState.Published || (id != null && a.State == ActivityState.Cancelled));
        q = id is { } one ? q.Where(a => a.Id == one) : q.Where(a => a.EndsAt > now);
        var activities = await q.OrderBy(a => a.StartsAt).Take(100).ToListAsync(ct);
        var ids = activities.Select(a => a.Id).ToList();
        var positions = await db.Positions.IgnoreQueryFilters().AsNoTracking().Where(p => ids.Contains(p.ActivityId)).ToListAsync(ct);
        var unitIds = activities.Select(a => a.UnitId).Distinct().ToList();
        var units = await db.OrgUnits.IgnoreQueryFilters().AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        return [.. activities.Select(a => new Item(a, [.. positions.Where(p => p.ActivityId == a.Id).OrderBy(p => p.Name)], units.GetValueOrDefault(a.UnitId, "")))];
    }
}
