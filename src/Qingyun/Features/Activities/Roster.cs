using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain.Activities;
using Qingyun.Domain.Hubs;

namespace Qingyun.Features.Activities;

/// <summary>The attendance list of a youth activity: who registered (in arrival order) and who is marked present.</summary>
public static class Roster
{
    public sealed record Line(Guid PersonId, string Name, string? PhoneMasked, DateTimeOffset RegisteredAt, bool Present, DateTimeOffset? PresentAt);

    /// <summary>
    /// The registrations are read through the scope filter (the caller organizes the activity); the people
    /// behind them live in any unit, so their names are read by id, only for these registrations.
    /// </summary>
    public static async Task<List<Line>> OfAsync(AppDbContext db, Guid activityId, CancellationToken ct)
    {
        var registrations = await db.Registrations.AsNoTracking()
            .Where(r => r.ActivityId == activityId && r.State == RegistrationState.Registered)
            .OrderBy(r => r.RegisteredAt).ThenBy(r => r.Id).Select(r => new { r.PersonId, r.RegisteredAt }).ToListAsync(ct);
        var present = await db.Participations.AsNoTracking().Where(p => p.ActivityId == activityId)
            .ToDictionaryAsync(p => p.PersonId, p => p.At, ct);
        var ids = registrations.Select(r => r.PersonId).Concat(present.Keys).Distinct().ToList();
        var people = await db.People.IgnoreQueryFilters().AsNoTracking().Where(p => ids.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => (p.Name, p.PhoneMasked), ct);
        var lines = registrations.Select(r => new Line(r.PersonId, people.GetValueOrDefault(r.PersonId).Name ?? "", people.GetValueOrDefault(r.PersonId).PhoneMasked,
            r.RegisteredAt, present.ContainsKey(r.PersonId), present.TryGetValue(r.PersonId, out var at) ? at : null)).ToList();
        // Someone who checked in by code without registering (an open event) is on the list too.
        lines.AddRange(present.Keys.Where(k => registrations.All(r => r.PersonId != k))
            .Select(k => new Line(k, people.GetValueOrDefault(k).Name ?? "", people.GetValueOrDefault(k).PhoneMasked, present[k], true, present[k])));
        return lines;
    }
}

/// <summary>A young person's own activities: what they registered for and what they attended.</summary>
public static class MyActivities
{
    public sealed record Line(Guid ActivityId, string Title, string Place, DateTimeOffset StartsAt, DateTimeOffset EndsAt, ActivityState State,
        bool Registered, bool Present);

    public static async Task<List<Line>> OfAsync(AppDbContext db, Guid personId, CancellationToken ct)
    {
        var registered = await db.Registrations.IgnoreQueryFilters().AsNoTracking()
            .Where(r => r.PersonId == personId && r.State == RegistrationState.Registered).Select(r => r.ActivityId).ToListAsync(ct);
        var attended = await db.Participations.IgnoreQueryFilters().AsNoTracking()
            .Where(p => p.PersonId == personId).Select(p => p.ActivityId).ToListAsync(ct);
        var ids = registered.Concat(attended).Distinct().ToList();
        var activities = await db.Activities.IgnoreQueryFilters().AsNoTracking().Where(a => ids.Contains(a.Id))
            .OrderByDescending(a => a.StartsAt).Take(200).ToListAsync(ct);
        return activities.Select(a => new Line(a.Id, a.Title, a.Place, a.StartsAt, a.EndsAt, a.State, registered.Contains(a.Id), attended.Contains(a.Id))).ToList();
    }
}
