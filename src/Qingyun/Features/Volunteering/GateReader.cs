using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain.Activities;
using Qingyun.Domain.Volunteering;
using Qingyun.Infrastructure;
using Qingyun.Security;

namespace Qingyun.Features.Volunteering;

/// <summary>
/// What a check-in by the organizer's code needs to know, read for many volunteers at once: the activity the code
/// names, and for each signed-in person their volunteer id, their attendance at it so far and their confirmed place.
/// At a busy gate each check-in's own read was a round trip, and the database's cost per round trip (bind, locks,
/// snapshot, the wake-ups) was most of its work per check-in; here the taps that arrive while one group is read go
/// together in the next (<see cref="Grouped{T}"/>), a handful of statements for the whole group.
/// </summary>
public sealed class GateReader
{
    /// <summary>Null <see cref="VolunteerId"/>: the person is not a volunteer.</summary>
    public sealed record Gate(Activity Activity, Guid? VolunteerId, Attendance? Existing, Guid? PositionId);

    private sealed record Ask(Guid PersonId, Guid ActivityId)
    {
        public TaskCompletionSource<Gate?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Volunteers per read: a few thousand ids in one array parameter, well inside both providers' limits.</summary>
    private const int MaxGroup = 500;

    private readonly IServiceScopeFactory _scopes;
    private readonly Grouped<Ask> _groups;

    public GateReader(IServiceScopeFactory scopes, ILogger<GateReader> log)
    {
        _scopes = scopes;
        _groups = new Grouped<Ask>(ReadGroupAsync, (group, e) =>
        {
            log.LogError(e, "Check-in gates of {Count} not read", group.Length);
            foreach (var ask in group)
            {
                ask.Done.TrySetException(e);
            }
        }, MaxGroup);
    }

    /// <summary>Null when there is no such activity.</summary>
    public async Task<Gate?> ReadAsync(Guid personId, Guid activityId, CancellationToken ct)
    {
        var ask = new Ask(personId, activityId);
        _groups.Add(ask);
        return await ask.Done.Task.WaitAsync(ct);
    }

    private async Task ReadGroupAsync(Ask[] group)
    {
        await using var scope = _scopes.CreateAsyncScope();
        // Every read below ignores the scope filter, as a check-in's own read did: the code and the signed-in person
        // decide, not the volunteer's grants.
        scope.ServiceProvider.GetRequiredService<CurrentScope>().RunAsSystem("check-in");
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        foreach (var asks in group.GroupBy(a => a.ActivityId))
        {
            var gates = await ReadAsync(db, asks.Key, [.. asks.Select(a => a.PersonId).Distinct()]);
            foreach (var ask in asks)
            {
                ask.Done.TrySetResult(gates?.GetValueOrDefault(ask.PersonId) ?? gates?.GetValueOrDefault(Guid.Empty));
            }
        }
    }

    /// <summary>The gate of each person at one activity (under <see cref="Guid.Empty"/>: a person who is not a volunteer); null when the activity is not there.</summary>
    private static async Task<Dictionary<Guid, Gate>?> ReadAsync(AppDbContext db, Guid activityId, Guid[] personIds)
    {
        var activity = await db.Activities.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(a => a.Id == activityId);
        if (activity is null)
        {
            return null;
        }
        // One array parameter, not one parameter per id: the statement stays the same whatever the group's size,
        // so it is prepared once per connection.
        var volunteers = await db.Volunteers.IgnoreQueryFilters([AppDbContext.ScopeFilter])
            .Where(v => EF.Parameter(personIds).Contains(v.PersonId))
            .Select(v => new { v.PersonId, v.Id }).ToListAsync();
        var ids = volunteers.Select(v => v.Id).ToArray();
        var attendances = ids.Length == 0 ? [] : await db.Attendances.IgnoreQueryFilters().AsNoTracking()
            .Where(x => x.ActivityId == activityId && EF.Parameter(ids).Contains(x.VolunteerId)).ToListAsync();
        var places = ids.Length == 0 ? [] : await db.SignUps.IgnoreQueryFilters()
            .Where(s => s.ActivityId == activityId && s.State == SignUpState.Confirmed && EF.Parameter(ids).Contains(s.VolunteerId))
            .Select(s => new { s.VolunteerId, s.PositionId }).ToListAsync();
        var attendanceOf = attendances.ToLookup(a => a.VolunteerId);
        var placeOf = places.ToLookup(p => p.VolunteerId);
        var gates = volunteers.ToDictionary(v => v.PersonId, v => new Gate(activity, v.Id,
            attendanceOf[v.Id].FirstOrDefault(), placeOf[v.Id].Select(p => (Guid?)p.PositionId).FirstOrDefault()));
        gates[Guid.Empty] = new Gate(activity, null, null, null);
        return gates;
    }
}
