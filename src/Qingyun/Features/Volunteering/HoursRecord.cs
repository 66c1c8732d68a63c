using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.Notices;
using Qingyun.Domain.Volunteering;
using Qingyun.Features.Notices;
using Qingyun.Infrastructure;
using Qingyun.Security;

namespace Qingyun.Features.Volunteering;

/// <summary>
/// What organizers may do to the hours record beside confirming attendance: a manual line (labeled as
/// such, only for their own units), a correction (a reversing line with a reason; optionally the right
/// amount as a new line), and answering a volunteer's dispute. Nothing is ever edited in place.
/// </summary>
public sealed class HoursRecord(AppDbContext db, ServiceLedger ledger, TimeProvider clock)
{
    public const int MaxMinutesPerLine = 24 * 60;

    public sealed record ManualCommand(Guid? UnitId, string? VolunteerNumber, DateOnly? ServiceDate, decimal? Hours, string? Content, string? Reason);

    public async Task<Result<ServiceEntry>> ManualAsync(ManualCommand c, CancellationToken ct)
    {
        var unit = await db.UnitForAsync(c.UnitId, Permission.ServiceManage, "UnitId", ct);
        if (!unit.Ok)
        {
            return Result<ServiceEntry>.Fail(unit.Failures);
        }
        var f = new List<Failure>();
        var number = c.VolunteerNumber?.Trim();
        var volunteer = string.IsNullOrEmpty(number) ? null
            : await db.Volunteers.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(v => v.Number == number, ct);
        if (string.IsNullOrEmpty(number))
        {
            f.Add(Failure.Required("VolunteerNumber"));
        }
        else if (volunteer is null)
        {
            f.Add(new Failure("VolunteerNumber", "VolunteerNumberUnknown"));
        }
        var minutes = Minutes(c.Hours, "Hours", f);
        if (c.ServiceDate is null)
        {
            f.Add(Failure.Required("ServiceDate"));
        }
        else if (c.ServiceDate > clock.ChinaToday())
        {
            f.Add(new Failure("ServiceDate", "NotInFuture"));
        }
        var content = ActivityDesk.Text(c.Content, "Content", ServiceEntry.ContentMaxLength, true, f);
        var reason = ActivityDesk.Text(c.Reason, "Reason", ServiceEntry.ReasonMaxLength, true, f);
        if (f.Count > 0)
        {
            return Result<ServiceEntry>.Fail(f);
        }
        var entry = new ServiceEntry
        {
            VolunteerId = volunteer!.Id, UnitId = unit.Value!.Id, Kind = EntryKind.Manual, Minutes = minutes, ServiceDate = c.ServiceDate!.Value,
            Content = content!, Reason = reason, RecordedBy = db.Scope.UserName ?? "", RecordedAt = clock.GetUtcNow(),
        };
        db.TellPerson(volunteer.PersonId, unit.Value.Id, NoticeKind.HoursConfirmed, "/serve/record", entry.RecordedAt, content!, AttendanceDesk.Hours(minutes));
        await ledger.AppendAsync(db, entry, ct);
        return entry;
    }

    /// <summary>
    /// Reverses a line of a unit in the organizer's scope, with a reason; with <paramref name="rightHours"/>
    /// a new line with the right amount follows. A reversal cannot itself be reversed, and a line only once.
    /// </summary>
    public async Task<Result<ServiceEntry>> CorrectAsync(Guid entryId, string? reason, decimal? rightHours, CancellationToken ct)
    {
        var found = await db.OwnedAsync(db.ServiceEntries.AsNoTracking(), e => e.Id == entryId, Permission.ServiceManage, ct);
        if (!found.Ok)
        {
            return found;
        }
        var original = found.Value!;
        var f = new List<Failure>();
        var why = ActivityDesk.Text(reason, "Reason", ServiceEntry.ReasonMaxLength, true, f);
        var right = rightHours is null ? (int?)null : Minutes(rightHours, "RightHours", f);
        if (f.Count > 0)
        {
            return Result<ServiceEntry>.Fail(f);
        }
        if (original.Kind == EntryKind.Reversal)
        {
            return new Failure("Id", "CannotReverseReversal", 409);
        }
        var now = clock.GetUtcNow();
        var reversal = new ServiceEntry
        {
            VolunteerId = original.VolunteerId, UnitId = original.UnitId, ActivityId = original.ActivityId, Kind = EntryKind.Reversal,
            Minutes = -original.Minutes, ServiceDate = original.ServiceDate, Content = original.Content, ReversesEntryId = original.Id,
            Reason = why, RecordedBy = db.Scope.UserName ?? "", RecordedAt = now,
        };
        var personId = await db.Volunteers.IgnoreQueryFilters().Where(v => v.Id == original.VolunteerId).Select(v => v.PersonId).FirstAsync(ct);
        db.TellPerson(personId, original.UnitId, NoticeKind.HoursCorrected, "/serve/record", now, original.Content, why!);
        if (!await ledger.AppendAsync(db, reversal, ct))
        {
            db.ChangeTracker.Clear();
            return new Failure("Id", "AlreadyReversed", 409);
        }
        if (right is { } minutes)
        {
            await ledger.AppendAsync(db, new ServiceEntry
            {
                VolunteerId = original.VolunteerId, UnitId = original.UnitId, ActivityId = original.ActivityId, Kind = EntryKind.Manual,
                Minutes = minutes, ServiceDate = original.ServiceDate, Content = original.Content, Reason = why,
                RecordedBy = db.Scope.UserName ?? "", RecordedAt = now,
            }, ct);
        }
        return reversal;
    }

    /// <summary>A volunteer objects to a line of their own record; the organizing unit is told and must answer.</summary>
    public async Task<Result<Dispute>> DisputeAsync(Guid entryId, string? reason, decimal? claimedHours, CancellationToken ct)
    {
        var volunteer = await VolunteerDirectory.OwnAsync(db, ct);
        var entry = volunteer is null ? null
            : await db.ServiceEntries.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(e => e.Id == entryId && e.VolunteerId == volunteer.Id, ct);
        if (entry is null)
        {
            return Failure.NotFound("Id");
        }
        var f = new List<Failure>();
        var why = ActivityDesk.Text(reason, "Reason", Dispute.TextMaxLength, true, f);
        int? claimed = claimedHours is null ? null : Minutes(claimedHours, "ClaimedHours", f, allowZero: true);
        if (f.Count > 0)
        {
            return Result<Dispute>.Fail(f);
        }
        if (entry.Kind == EntryKind.Reversal || await db.ServiceEntries.IgnoreQueryFilters().AnyAsync(e => e.ReversesEntryId == entryId, ct))
        {
            return new Failure("Id", "AlreadyReversed", 409);
        }
        var now = clock.GetUtcNow();
        var d = new Dispute { EntryId = entryId, VolunteerId = volunteer!.Id, UnitId = entry.UnitId, Reason = why!, ClaimedMinutes = claimed, OpenedAt = now };
        db.Disputes.Add(d);
        var card = (await VolunteerDirectory.CardsAsync(db, [volunteer.Id], ct))[volunteer.Id];
        db.Tell(entry.UnitId, NoticeKind.DisputeOpened, "/volunteering/disputes", now, card.Name, card.Number, entry.Content);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return new Failure("Id", "DisputeAlreadyOpen", 409);
        }
        return d;
    }

    /// <summary>The organizer answers: corrects the line (reversal and, if given, the right amount) or keeps it, with a reply either way.</summary>
    public async Task<Result<Dispute>> AnswerAsync(Guid disputeId, bool correct, string? answer, decimal? rightHours, CancellationToken ct)
    {
        var found = await db.OwnedAsync(db.Disputes, d => d.Id == disputeId, Permission.ServiceManage, ct);
        if (!found.Ok)
        {
            return found;
        }
        var d = found.Value!;
        var f = new List<Failure>();
        var reply = ActivityDesk.Text(answer, "Answer", Dispute.TextMaxLength, true, f);
        if (f.Count > 0)
        {
            return Result<Dispute>.Fail(f);
        }
        if (d.State != DisputeState.Open)
        {
            return new Failure("Id", "DisputeClosed", 409);
        }
        var now = clock.GetUtcNow();
        if (correct)
        {
            var corrected = await CorrectAsync(d.EntryId, reply, rightHours, ct);
            if (!corrected.Ok)
            {
                return Result<Dispute>.Fail(corrected.Failures);
            }
            d = await db.Disputes.FirstAsync(x => x.Id == disputeId, ct);
            d.CorrectionEntryId = corrected.Value!.Id;
        }
        d.State = correct ? DisputeState.Corrected : DisputeState.Upheld;
        d.Answer = reply;
        d.AnsweredAt = now;
        d.AnsweredBy = db.Scope.UserName;
        var personId = await db.Volunteers.IgnoreQueryFilters().Where(v => v.Id == d.VolunteerId).Select(v => v.PersonId).FirstAsync(ct);
        db.TellPerson(personId, d.UnitId, NoticeKind.DisputeAnswered, "/serve/record", now, reply!);
        await db.SaveChangesAsync(ct);
        return d;
    }

    private static int Minutes(decimal? hours, string field, List<Failure> f, bool allowZero = false)
    {
        if (hours is null)
        {
            f.Add(Failure.Required(field));
            return 0;
        }
        var minutes = (int)Math.Round(hours.Value * 60m);
        if ((allowZero ? minutes < 0 : minutes <= 0) || minutes > MaxMinutesPerLine)
        {
            f.Add(new Failure(field, "HoursRange", 400, MaxMinutesPerLine / 60));
            return 0;
        }
        return minutes;
    }
}
