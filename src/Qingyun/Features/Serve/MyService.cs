using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain.Activities;
using Qingyun.Domain.Volunteering;
using Qingyun.Features.Volunteering;

namespace Qingyun.Features.Serve;

/// <summary>A volunteer's own view: their card, places and record. Reads only their own rows, past the scope filter.</summary>
public sealed class MyService(AppDbContext db, TimeProvider clock)
{
    public sealed record Place(Guid SignUpId, Guid ActivityId, string Title, string Where, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Position,
        SignUpState State, int WaitlistAhead, AttendanceState? Attendance, bool CanCancel);

    public async Task<IReadOnlyList<Place>> PlacesAsync(Guid volunteerId, bool upcomingOnly, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var q = from s in db.SignUps.IgnoreQueryFilters()
                join a in db.Activities.IgnoreQueryFilters() on s.ActivityId equals a.Id
                join p in db.Positions.IgnoreQueryFilters() on s.PositionId equals p.Id
                where s.VolunteerId == volunteerId
                select new { s, a, Position = p.Name };
        if (upcomingOnly)
        {
            var endedBefore = now - AttendanceDesk.CheckOutCloses;
            q = q.Where(x => x.a.EndsAt > endedBefore && (x.s.State == SignUpState.Confirmed || x.s.State == SignUpState.Waitlisted || x.s.State == SignUpState.Pending));
        }
        var rows = await q.AsNoTracking().OrderBy(x => x.a.StartsAt).Take(100).ToListAsync(ct);
        var activityIds = rows.Select(r => r.a.Id).ToList();
        var attendance = await db.Attendances.IgnoreQueryFilters().AsNoTracking().Where(x => x.VolunteerId == volunteerId && activityIds.Contains(x.ActivityId))
            .ToDictionaryAsync(x => x.ActivityId, x => x.State, ct);
        var places = new List<Place>();
        foreach (var r in rows)
        {
            var ahead = r.s.State == SignUpState.Waitlisted
                ? await db.SignUps.IgnoreQueryFilters().CountAsync(x => x.PositionId == r.s.PositionId && x.State == SignUpState.Waitlisted && x.Sequence < r.s.Sequence, ct)
                : 0;
            places.Add(new Place(r.s.Id, r.a.Id, r.a.Title, r.a.Place, r.a.StartsAt, r.a.EndsAt, r.Position, r.s.State, ahead,
                attendance.TryGetValue(r.a.Id, out var st) ? st : null, r.s.IsActive && r.a.StartsAt > now && r.a.State == ActivityState.Published));
        }
        return places;
    }

    public sealed record Line(ServiceEntry Entry, string UnitName, Dispute? Dispute, bool Reversed);

    public async Task<IReadOnlyList<Line>> RecordAsync(Guid volunteerId, CancellationToken ct)
    {
        var entries = await db.ServiceEntries.IgnoreQueryFilters().AsNoTracking().Where(e => e.VolunteerId == volunteerId).OrderByDescending(e => e.Sequence).ToListAsync(ct);
        var unitIds = entries.Select(e => e.UnitId).Distinct().ToList();
        var units = await db.OrgUnits.IgnoreQueryFilters().AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var disputes = await db.Disputes.IgnoreQueryFilters().AsNoTracking().Where(d => d.VolunteerId == volunteerId).ToListAsync(ct);
        var reversed = entries.Where(e => e.ReversesEntryId != null).Select(e => e.ReversesEntryId!.Value).ToHashSet();
        return [.. entries.Select(e => new Line(e, units.GetValueOrDefault(e.UnitId, ""), disputes.Where(d => d.EntryId == e.Id).OrderByDescending(d => d.Id).FirstOrDefault(), reversed.Contains(e.Id)))];
    }
}
