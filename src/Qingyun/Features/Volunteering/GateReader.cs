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
    public sealed record Gate(ActivityAtGate Activity, Guid? VolunteerId, Attendance? Existing, Guid? PositionId);

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

    private sealed record Found(ActivityAtGate Activity, Guid? PersonId, Guid? VolunteerId, Attendance? Existing, Guid? PositionId);

    // The activity, and each person's volunteer id, attendance at it so far and confirmed place, in one statement:
    // on this machine a round trip cost the database more than the rows it read (a group's four round trips were
    // most of its work), so the activity comes on every row instead of in a statement of its own. Only the columns
    // a check-in decides by; the activity's texts would come once per row. No volunteer among them: one row with the
    // activity alone. A person with two confirmed places comes back twice. Compiled: EF's extraction of a query's
    // parameters was 7 % of the app's CPU at a busy gate. The ids go in as parameters (EF pads their number, so a few
    // statements serve every size of group).
    private static readonly PerModel<Func<AppDbContext, Guid, Guid[], IAsyncEnumerable<Found>>> GatesOf = new(() =>
        EF.CompileAsyncQuery((AppDbContext db, Guid activityId, Guid[] personIds) =>
            (from act in db.Activities.IgnoreQueryFilters().Where(x => x.Id == activityId)
             from v in db.Volunteers.IgnoreQueryFilters(new[] { AppDbContext.ScopeFilter }).Where(v => personIds.Contains(v.PersonId)).DefaultIfEmpty()
             join a in db.Attendances.IgnoreQueryFilters().Where(x => x.ActivityId == activityId) on v.Id equals a.VolunteerId into attended
             from a in attended.DefaultIfEmpty()
             join s in db.SignUps.IgnoreQueryFilters().Where(s => s.ActivityId == activityId && s.State == SignUpState.Confirmed)
                 on v.Id equals s.VolunteerId into placed
             from s in placed.DefaultIfEmpty()
             select new Found(
                 new ActivityAtGate(act.Id, act.UnitId, act.Title, act.State, act.StartsAt, act.EndsAt, act.CheckInSecret),
                 v == null ? null : v.PersonId, v == null ? null : v.Id, a, s == null ? null : s.PositionId)).AsNoTracking()));

    /// <summary>The activity and the gate of each person who is a volunteer, by person id; null when the activity is not there.</summary>
    private static async Task<(ActivityAtGate Activity, Dictionary<Guid, Gate> Volunteers)?> ReadAsync(AppDbContext db, Guid activityId, Guid[] personIds)
    {
        ActivityAtGate? activity = null;
        var gates = new Dictionary<Guid, Gate>();
        await foreach (var found in GatesOf.For(db)(db, activityId, personIds))
        {
            activity ??= found.Activity;
            if (found is { PersonId: { } personId, VolunteerId: { } volunteerId })
            {
                gates.TryAdd(personId, new Gate(activity, volunteerId, found.Existing, found.PositionId));
            }
        }
        return activity is null ? null : (activity, gates);
    }
}

/// <summary>What a check-in decides by, of its activity: which it is and whose, whether and when it is open, and the secret its codes are signed with.</summary>
public sealed record ActivityAtGate(Guid Id, Guid UnitId, string Title, ActivityState State, DateTimeOffset StartsAt, DateTimeOffset EndsAt, byte[] CheckInSecret)
{
    public static ActivityAtGate Of(Activity a) => new(a.Id, a.UnitId, a.Title, a.State, a.StartsAt, a.EndsAt, a.CheckInSecret);
}
