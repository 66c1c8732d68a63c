using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain.Volunteering;
using Qingyun.Infrastructure;
using Qingyun.Security;

namespace Qingyun.Features.Volunteering;

/// <summary>
/// Writes check-ins in groups. At an activity's gate hundreds of volunteers check in within minutes; each written on
/// its own cost the database a transaction and the app a SaveChanges. Here the check-ins that arrive while a group is
/// being written wait and go together in the next one (group commit: no timer, so a lone check-in is written at once).
/// Each answer still waits for its own commit, and each check-in keeps its own audit line with its own user and address.
/// <para>
/// Idempotency holds across groups: a second tap for the same activity and volunteer waits for the first and gets its
/// row. A tap that raced past that (another host, or a tap that read just before the first committed) meets the unique
/// index; then that group is written again one by one, so the other check-ins in it still go in, and the late tap gets
/// the row that is there.
/// </para>
/// </summary>
public sealed class CheckInWriter
{
    /// <summary>Rows per SaveChanges: one round trip, well inside both providers' limits.</summary>
    private const int MaxGroup = 200;

    private sealed class Pending(Attendance attendance, AuditActor who)
    {
        public Attendance Attendance { get; } = attendance;
        public AuditActor Who { get; } = who;
        /// <summary>Answered on the writer's thread, as a grouped read is (<see cref="Asked{TKey, TAnswer}.Done"/>): the request goes on to its answer there.</summary>
        public TaskCompletionSource<(Attendance Row, bool Written)> Done { get; } = new();
    }

    private readonly ConcurrentDictionary<(Guid Activity, Guid Volunteer), Pending> _inFlight = new();
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _clock;
    private readonly Grouped<Pending> _groups;

    public CheckInWriter(IServiceScopeFactory scopes, TimeProvider clock, ILogger<CheckInWriter> log)
    {
        _scopes = scopes;
        _clock = clock;
        _groups = new Grouped<Pending>(WriteGroupAsync, (group, e) =>
        {
            log.LogError(e, "Check-in group of {Count} not written", group.Length);
            foreach (var p in group)
            {
                Finish(p, e);
            }
        }, MaxGroup);
    }

    /// <summary>
    /// Writes the check-in, or finds the one already there. <c>Written</c> is false when this activity and volunteer
    /// already had a row (the row returned is that one).
    /// </summary>
    public async Task<(Attendance Row, bool Written)> WriteAsync(Attendance attendance, AuditActor who, CancellationToken ct)
    {
        var mine = new Pending(attendance, who);
        var first = _inFlight.GetOrAdd((attendance.ActivityId, attendance.VolunteerId), mine);
        if (first != mine)
        {
            var (row, _) = await first.Done.Task.WaitAsync(ct);
            return (row, false);
        }
        _groups.Add(mine);
        // A request that gives up still has its check-in written: the next tap finds it.
        return await mine.Done.Task.WaitAsync(ct);
    }

    private async Task WriteGroupAsync(Pending[] group)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var current = scope.ServiceProvider.GetRequiredService<CurrentScope>();
        current.RunAsSystem("check-in");
        // Each check-in's audit line is added below with its own volunteer as the actor, not this writer.
        using var ownLines = current.AuditAsOneLine();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = _clock.GetUtcNow();
        if (await TryWriteInBulkAsync(db, group, now))
        {
            foreach (var p in group)
            {
                Finish(p, (p.Attendance, true));
            }
            return;
        }
        // Someone's check-in was already there: each is written on its own, so the others still go in.
        foreach (var p in group)
        {
            Add(db, p, now);
            try
            {
                await db.SaveChangesAsync(CancellationToken.None);
                Finish(p, (p.Attendance, true));
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
                await FinishRacedAsync(db, p);
            }
        }
    }

    /// <summary>
    /// The group's rows and their audit lines written together, all or nothing, in bulk (on PostgreSQL one round trip),
    /// without SaveChanges: its change tracking and one statement per row were a fifth of the app's CPU at a busy gate.
    /// False, with nothing written, when one of them is already there.
    /// </summary>
    private static async Task<bool> TryWriteInBulkAsync(AppDbContext db, Pending[] group, DateTimeOffset now)
    {
        var rows = new List<Attendance>(group.Length);
        var lines = new List<Domain.Audit.AuditEntry>(group.Length);
        var type = db.Model.FindEntityType(typeof(Attendance))!;
        foreach (var p in group)
        {
            lines.Add(AuditInterceptor.Created(type, p.Attendance, p.Who, now));
            rows.Add(p.Attendance);
        }
        try
        {
            await db.InsertTogetherAsync(rows, lines, CancellationToken.None);
            return true;
        }
        catch (Exception e) when (BulkInsert.IsUniqueViolation(e))
        {
            // Nothing of the group was written (the write is all or nothing).
            return false;
        }
    }

    private static void Add(AppDbContext db, Pending p, DateTimeOffset now)
    {
        var entry = db.Attendances.Add(p.Attendance);
        db.AuditEntries.Add(AuditInterceptor.Created(entry, p.Who, now));
    }

    /// <summary>A check-in that met the unique index: the row another tap wrote is its answer.</summary>
    private async Task FinishRacedAsync(AppDbContext db, Pending p)
    {
        var there = await db.Attendances.IgnoreQueryFilters().AsNoTracking()
            .FirstOrDefaultAsync(a => a.ActivityId == p.Attendance.ActivityId && a.VolunteerId == p.Attendance.VolunteerId);
        if (there is null)
        {
            Finish(p, new InvalidOperationException("The check-in was refused by the database and no earlier one exists."));
            return;
        }
        Finish(p, (there, false));
    }

    private void Finish(Pending p, (Attendance Row, bool Written) outcome)
    {
        _inFlight.TryRemove(new KeyValuePair<(Guid, Guid), Pending>((p.Attendance.ActivityId, p.Attendance.VolunteerId), p));
        p.Done.TrySetResult(outcome);
    }

    private void Finish(Pending p, Exception e)
    {
        _inFlight.TryRemove(new KeyValuePair<(Guid, Guid), Pending>((p.Attendance.ActivityId, p.Attendance.VolunteerId), p));
        p.Done.TrySetException(e);
    }
}
