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

    /// <summary>Volunteers per read: well inside both providers' limits on parameters.</summary>
    private const int MaxGroup = 500;

    private readonly IServiceScopeFactory _scopes;
    private readonly GroupedReads<(Guid PersonId, Guid ActivityId), Gate?> _reads;

    public GateReader(IServiceScopeFactory scopes, ILogger<GateReader> log)
    {
        _scopes = scopes;
        _reads = new(ReadGroupAsync, log, "Check-in gates", MaxGroup);
    }

    /// <summary>Null when there is no such activity.</summary>
    public Task<Gate?> ReadAsync(Guid personId, Guid activityId, CancellationToken ct) => _reads.ReadAsync((personId, activityId), ct);

    private async Task ReadGroupAsync(Asked<(Guid PersonId, Guid ActivityId), Gate?>[] group)
    {
        await using var scope = _scopes.CreateAsyncScope();
        // Every read below ignores the scope filter, as a check-in's own read did: the code and the signed-in person
        // decide, not the volunteer's grants.
        scope.ServiceProvider.GetRequiredService<CurrentScope>().RunAsSystem("check-in");
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        foreach (var asks in group.GroupBy(a => a.Key.ActivityId))
        {
            var read = await ReadAsync(db, asks.Key, [.. asks.Select(a => a.Key.PersonId).Distinct()]);
            foreach (var ask in asks)
            {
                // A person who is not a volunteer still learns that the activity is there (their refusal comes first).
                ask.Done.TrySetResult(read is { } r
                    ? r.Volunteers.GetValueOrDefault(ask.Key.PersonId) ?? new Gate(r.Activity, null, null, null)
                    : null);
            }
        }
    }

    // Compiled: EF's extraction of a query's parameters was 7 % of the app's CPU at a busy gate. The ids go in as
    // parameters (EF pads their number, so a few statements serve every size of group).
    private static readonly PerModel<Func<AppDbContext, Guid, Task<Activity?>>> ActivityById = new(() =>
        EF.CompileAsyncQuery((AppDbContext db, Guid activityId) => db.Activities.IgnoreQueryFilters().AsNoTracking().FirstOrDefault(a => a.Id == activityId)));

    private sealed record Found(Guid PersonId, Guid VolunteerId, Attendance? Existing, Guid? PositionId);

    // Each person's volunteer id, attendance at the activity so far and confirmed place, in one statement (a group's
    // round trips were a fixed cost of every check-in). A person with two confirmed places comes back twice.
    private static readonly PerModel<Func<AppDbContext, Guid, Guid[], IAsyncEnumerable<Found>>> GatesOf = new(() =>
        EF.CompileAsyncQuery((AppDbContext db, Guid activityId, Guid[] personIds) =>
            (from v in db.Volunteers.IgnoreQueryFilters(new[] { AppDbContext.ScopeFilter })
             where personIds.Contains(v.PersonId)
             join a in db.Attendances.IgnoreQueryFilters().Where(x => x.ActivityId == activityId) on v.Id equals a.VolunteerId into attended
             from a in attended.DefaultIfEmpty()
             join s in db.SignUps.IgnoreQueryFilters().Where(s => s.ActivityId == activityId && s.State == SignUpState.Confirmed)
                 on v.Id equals s.VolunteerId into placed
             from s in placed.DefaultIfEmpty()
             select new Found(v.PersonId, v.Id, a, s == null ? null : s.PositionId)).AsNoTracking()));

    /// <summary>The activity and the gate of each person who is a volunteer, by person id; null when the activity is not there.</summary>
    private static async Task<(Activity Activity, Dictionary<Guid, Gate> Volunteers)?> ReadAsync(AppDbContext db, Guid activityId, Guid[] personIds)
    {
        var activity = await ActivityById.For(db)(db, activityId);
        if (activity is null)
        {
            return null;
        }
        var gates = new Dictionary<Guid, Gate>();
        await foreach (var found in GatesOf.For(db)(db, activityId, personIds))
        {
            gates.TryAdd(found.PersonId, new Gate(activity, found.VolunteerId, found.Existing, found.PositionId));
        }
        return (activity, gates);
    }
}
