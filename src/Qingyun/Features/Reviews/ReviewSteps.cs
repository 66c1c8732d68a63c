using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.Notices;
using Qingyun.Domain.Rosters;
using Qingyun.Features.Notices;
using Qingyun.Infrastructure;
using Qingyun.Security;

namespace Qingyun.Features.Reviews;

/// <summary>
/// 团员教育评议 and 团籍注册: a branch opens the year's round (its active members become the entries),
/// records attendance and grades, submits; the level above approves — and only then are the members
/// graded 基本合格 or better registered for the year — or returns it.
/// </summary>
public sealed class ReviewSteps(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<ReviewRound>> OpenAsync(Guid? unitId, int year, CancellationToken ct)
    {
        var unit = await db.UnitForAsync(unitId, Permission.PeopleManage, "UnitId", ct);
        if (!unit.Ok)
        {
            return Result<ReviewRound>.Fail(unit.Failures);
        }
        var now = clock.GetUtcNow();
        var thisYear = now.ChinaDate().Year;
        if (year < thisYear - 1 || year > thisYear)
        {
            return new Failure("Year", "Range", 400, thisYear - 1, thisYear);
        }
        if (await db.ReviewRounds.AnyAsync(r => r.UnitId == unit.Value!.Id && r.Year == year, ct))
        {
            return new Failure("Year", "ReviewExists", 409, year);
        }
        var members = await db.Memberships.Where(m => m.UnitId == unit.Value!.Id
            && (m.Status == MemberStatus.Registered || m.Status == MemberStatus.Floating || m.Status == MemberStatus.Retained))
            .Select(m => m.Id).ToListAsync(ct);
        if (members.Count == 0)
        {
            return new Failure("UnitId", "NoMembersToReview", 409);
        }
        var round = new ReviewRound { UnitId = unit.Value!.Id, Year = year, OpenedAt = now, OpenedByUserName = db.Scope.UserName };
        db.ReviewRounds.Add(round);
        db.ReviewEntries.AddRange(members.Select(m => new ReviewEntry { RoundId = round.Id, UnitId = round.UnitId, MembershipId = m }));
        await db.SaveChangesAsync(ct);
        return round;
    }

    public sealed record EntryInput(Guid MembershipId, bool Present, ReviewGrade? Grade);

    public sealed record RecordCommand(Guid Id, DateOnly? MeetingOn, IReadOnlyList<EntryInput> Entries);

    /// <summary>Saves the meeting's attendance and grades; 优秀 above 30% is refused even in a draft.</summary>
    public async Task<Result<ReviewRound>> RecordAsync(RecordCommand c, CancellationToken ct)
    {
        var found = await db.OwnedAsync(db.ReviewRounds, x => x.Id == c.Id, Permission.PeopleManage, ct);
        if (!found.Ok)
        {
            return found;
        }
        var round = found.Value!;
        if (round.State != ReviewState.Open)
        {
            return new Failure("Id", "ReviewNotOpen", 409);
        }
        var failures = new List<Failure>();
        var today = clock.GetUtcNow().ChinaDate();
        if (c.MeetingOn is { } meeting && (meeting > today || meeting.Year != round.Year && meeting.Year != round.Year + 1))
        {
            failures.Add(new Failure("MeetingOn", meeting > today ? "DateInFuture" : "MeetingOutsideYear", 400, round.Year));
        }
        var entries = await db.ReviewEntries.Where(e => e.RoundId == round.Id).ToListAsync(ct);
        var byMember = entries.ToDictionary(e => e.MembershipId);
        foreach (var input in c.Entries)
        {
            if (!byMember.TryGetValue(input.MembershipId, out var entry))
            {
                failures.Add(new Failure("Entries", "NotInRound", 400));
                break;
            }
            if (input.Grade is { } g && !Enum.IsDefined(g))
            {
                failures.Add(new Failure("Grade", "InvalidChoice"));
                break;
            }
            entry.Present = input.Present;
            entry.Grade = input.Grade;
        }
        failures.AddRange(CheckExcellentShare(entries));
        if (failures.Count > 0)
        {
            db.ChangeTracker.Clear();
            return Result<ReviewRound>.Fail(failures);
        }
        round.MeetingOn = c.MeetingOn ?? round.MeetingOn;
        await db.SaveChangesAsync(ct);
        return round;
    }

    /// <summary>To the level above: every member graded, the meeting dated, two thirds present, 优秀 within 30%.</summary>
    public async Task<Result<ReviewRound>> SubmitAsync(Guid id, CancellationToken ct)
    {
        var found = await db.OwnedAsync(db.ReviewRounds, x => x.Id == id, Permission.PeopleManage, ct);
        if (!found.Ok)
        {
            return found;
        }
        var round = found.Value!;
        if (round.State != ReviewState.Open)
        {
            return new Failure("Id", "ReviewNotOpen", 409);
        }
        var entries = await db.ReviewEntries.Where(e => e.RoundId == round.Id).ToListAsync(ct);
        var failures = CheckExcellentShare(entries).ToList();
        if (round.MeetingOn is null)
        {
            failures.Add(Failure.Required("MeetingOn"));
        }
        var ungraded = entries.Count(e => e.Grade is null);
        if (ungraded > 0)
        {
            failures.Add(new Failure("Grade", "Ungraded", 400, ungraded));
        }
        var present = entries.Count(e => e.Present);
        if (!ReviewRound.QuorumMet(present, entries.Count))
        {
            failures.Add(new Failure("Present", "QuorumNotMet", 400, present, entries.Count, (entries.Count * 2 + 2) / 3));
        }
        if (failures.Count > 0)
        {
            return Result<ReviewRound>.Fail(failures);
        }
        var now = clock.GetUtcNow();
        round.State = ReviewState.Submitted;
        round.SubmittedAt = now;
        round.ReturnNote = null;
        var unit = await db.OrgUnits.FirstAsync(u => u.Id == round.UnitId, ct);
        if (unit.ParentId is { } parent)
        {
            db.Tell(parent, NoticeKind.ReviewSubmitted, $"/reviews/{round.Id}", now, unit.Name, round.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        await db.SaveChangesAsync(ct);
        return round;
    }

    public sealed record DecideCommand(Guid Id, bool Approve, string? Note);

    /// <summary>The level above approves (registration happens now) or returns the round with a reason.</summary>
    public async Task<Result<ReviewRound>> DecideAsync(DecideCommand c, CancellationToken ct)
    {
        var round = await db.ReviewRounds.FirstOrDefaultAsync(r => r.Id == c.Id, ct);
        if (round is null)
        {
            return Failure.NotFound("Id");
        }
        var path = await db.OrgUnits.Where(u => u.Id == round.UnitId).Select(u => u.Path).FirstAsync(ct);
        if (!db.Scope.CanApprove(path))
        {
            return new Failure("Id", "UpperLevelOnly", 403);
        }
        if (round.State != ReviewState.Submitted)
        {
            return new Failure("Id", "ReviewNotSubmitted", 409);
        }
        var note = string.IsNullOrWhiteSpace(c.Note) ? null : c.Note.Trim();
        if (!c.Approve && note is null)
        {
            return Failure.Required("Note");
        }
        if (note is { Length: > 500 })
        {
            return Failure.TooLong("Note", 500);
        }
        var now = clock.GetUtcNow();
        round.DecidedAt = now;
        round.DecidedByUserName = db.Scope.UserName;
        if (!c.Approve)
        {
            round.State = ReviewState.Open;
            round.ReturnNote = note;
            await db.SaveChangesAsync(ct);
            return round;
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        round.State = ReviewState.Approved;
        var entries = await db.ReviewEntries.Where(e => e.RoundId == round.Id).ToListAsync(ct);
        var ids = entries.Select(e => e.MembershipId).ToList();
        var members = await db.Memberships.Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id, ct);
        var year = round.Year.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var e in entries)
        {
            // A member transferred out since the round opened is registered by the new branch's round.
            if (!members.TryGetValue(e.MembershipId, out var m) || m.UnitId != round.UnitId)
            {
                continue;
            }
            var registered = e.Grade is ReviewGrade.Excellent or ReviewGrade.Qualified or ReviewGrade.BasicallyQualified;
            if (registered)
            {
                m.RegisteredYear = round.Year;
                m.UpdatedAt = now;
            }
            db.MembershipEvents.Add(new MembershipEvent
            {
                MembershipId = m.Id, UnitId = m.UnitId, Kind = registered ? MembershipEventKind.Registered : MembershipEventKind.NotRegistered,
                Before = "ReviewGrade." + e.Grade, After = year, ByUserName = db.Scope.UserName, At = now,
            });
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return round;
    }


    private static IEnumerable<Failure> CheckExcellentShare(IReadOnlyCollection<ReviewEntry> entries)
    {
        var excellent = entries.Count(e => e.Grade == ReviewGrade.Excellent);
        var max = ReviewRound.MaxExcellent(entries.Count);
        if (excellent > max)
        {
            yield return new Failure("Grade", "TooManyExcellent", 400, ReviewRound.ExcellentPercentMax, max, excellent);
        }
    }
}
