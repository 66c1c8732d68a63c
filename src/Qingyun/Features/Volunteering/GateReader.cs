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

    private static readonly PerModel<Func<AppDbContext, Guid[], IAsyncEnumerable<(Guid PersonId, Guid Id)>>> VolunteersOf = new(() =>
        EF.CompileAsyncQuery((AppDbContext db, Guid[] personIds) => db.Volunteers.IgnoreQueryFilters(new[] { AppDbContext.ScopeFilter })
            .Where(v => personIds.Contains(v.PersonId)).Select(v => new ValueTuple<Guid, Guid>(v.PersonId, v.Id))));

    private static readonly PerModel<Func<AppDbContext, Guid, Guid[], IAsyncEnumerable<Attendance>>> AttendancesOf = new(() =>
        EF.CompileAsyncQuery((AppDbContext db, Guid activityId, Guid[] ids) => db.Attendances.IgnoreQueryFilters().AsNoTracking()
            .Where(x => x.ActivityId == activityId && ids.Contains(x.VolunteerId))));

    private static readonly PerModel<Func<AppDbContext, Guid, Guid[], IAsyncEnumerable<(Guid VolunteerId, Guid PositionId)>>> PlacesOf = new(() =>
        EF.CompileAsyncQuery((AppDbContext db, Guid activityId, Guid[] ids) => db.SignUps.IgnoreQueryFilters()
            .Where(s => s.ActivityId == activityId && s.State == SignUpState.Confirmed && ids.Contains(s.VolunteerId))
            .Select(s => new ValueTuple<Guid, Guid>(s.VolunteerId, s.PositionId))));

    /// <summary>The activity and the gate of each person who is a volunteer, by person id; null when the activity is not there.</summary>
    private static async Task<(Activity Activity, Dictionary<Guid, Gate> Volunteers)?> ReadAsync(AppDbContext db, Guid activityId, Guid[] personIds)
    {
        var activity = await ActivityById.For(db)(db, activityId);
        if (activity is null)
        {
            return null;
        }
        var volunteers = await VolunteersOf.For(db)(db, personIds).ToListAsync();
        Guid[] ids = [.. volunteers.Select(v => v.Id)];
        var attendances = ids.Length == 0 ? [] : await AttendancesOf.For(db)(db, activityId, ids).ToListAsync();
        var places = ids.Length == 0 ? [] : await PlacesOf.For(db)(db, activityId, ids).ToListAsync();
        var attendanceOf = attendances.ToLookup(a => a.VolunteerId);
        var placeOf = places.ToLookup(p => p.VolunteerId);
        var gates = volunteers.ToDictionary(v => v.PersonId, v => new Gate(activity, v.Id,
            attendanceOf[v.Id].FirstOrDefault(), placeOf[v.Id].Select(p => (Guid?)p.PositionId).FirstOrDefault()));
        return (activity, gates);
    }
}
