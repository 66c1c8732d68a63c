using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.Audit;
using Qingyun.Domain.Notices;
using Qingyun.Domain.Organization;
using Qingyun.Domain.Rosters;
using Qingyun.Features.Notices;
using Qingyun.Features.Organization;
using Qingyun.Security;

namespace Qingyun.Features.Transfers;

/// <summary>Configuration "Rosters:TransferLapseDays": how long a request waits for an answer before it lapses.</summary>
public sealed class TransferOptions
{
    public int TransferLapseDays { get; set; } = Transfer.DefaultLapseDays;
}

/// <summary>
/// 组织关系转接. A request is started by the sending branch, the receiving branch or the member; the other
/// side decides. When the starter's scope does not hold both branches, the request first goes to the
/// admins of the nearest unit above both (the common ancestor), who pass it on or turn it down. Unanswered
/// requests lapse after <see cref="TransferOptions.TransferLapseDays"/> days and both sides are told.
/// The membership moves only on acceptance, guarded by the request's state, in one transaction.
/// </summary>
public sealed class TransferSteps(AppDbContext db, TimeProvider clock, IOptions<TransferOptions> options, AuditLog audit)
{
    public sealed record StartCommand(Guid? MembershipId, string? MemberNumber, string? MemberName, Guid? ToUnitId, string? ToUnitCode,
        TransferReason Reason, string? Note);

    /// <summary>
    /// By the sender: the membership (in scope) and the receiving branch by id or code, anywhere in the tree.
    /// By the receiver: the receiving branch (in scope) and the member by number and name, which must match.
    /// </summary>
    public async Task<Result<Transfer>> StartAsync(StartCommand c, CancellationToken ct)
    {
        var failures = new List<Failure>();
        if (!Enum.IsDefined(c.Reason))
        {
            failures.Add(new Failure("Reason", "InvalidChoice"));
        }
        if (c.Note is { Length: > Transfer.NoteMaxLength })
        {
            failures.Add(Failure.TooLong("Note", Transfer.NoteMaxLength));
        }
        if (c.Reason == TransferReason.Other && string.IsNullOrWhiteSpace(c.Note))
        {
            failures.Add(new Failure("Note", "ReasonOtherNeedsNote"));
        }
        Membership? membership;
        TransferSide side;
        if (c.MembershipId is { } membershipId)
        {
            side = TransferSide.Sender;
            membership = await db.Memberships.FirstOrDefaultAsync(m => m.Id == membershipId, ct);
            if (membership is null)
            {
                return Failure.NotFound("MembershipId");
            }
            var from = await db.UnitForAsync(membership.UnitId, Permission.PeopleManage, "MembershipId", ct);
            if (!from.Ok)
            {
                return Result<Transfer>.Fail(from.Failures);
            }
        }
        else
        {
            side = TransferSide.Receiver;
            var number = (c.MemberNumber ?? "").Trim();
            var name = (c.MemberName ?? "").Trim();
            if (number.Length == 0 || name.Length == 0)
            {
                return Result<Transfer>.Fail([.. number.Length == 0 ? [Failure.Required("MemberNumber")] : Array.Empty<Failure>(),
                    .. name.Length == 0 ? [Failure.Required("MemberName")] : Array.Empty<Failure>()]);
            }
            // The receiver cannot see the sender's roster; a member is found only by number and name together.
            membership = await db.Memberships.IgnoreQueryFilters().FirstOrDefaultAsync(m => m.MemberNumber == number, ct);
            if (membership is null || !await db.People.IgnoreQueryFilters().AnyAsync(p => p.Id == membership.PersonId && p.Name == name, ct))
            {
                return new Failure("MemberNumber", "MemberNotMatched", 404);
            }
        }
        return await CreateAsync(membership, side, c, failures, ct);
    }

    /// <summary>By the member themselves, from their own account: the receiving branch by code.</summary>
    public async Task<Result<Transfer>> StartAsMemberAsync(Guid personId, StartCommand c, CancellationToken ct)
    {
        var membership = await db.Memberships.IgnoreQueryFilters().FirstOrDefaultAsync(m => m.PersonId == personId, ct);
        if (membership is null)
        {
            return new Failure("MembershipId", "NotAMember", 404);
        }
        var failures = new List<Failure>();
        if (!Enum.IsDefined(c.Reason))
        {
            failures.Add(new Failure("Reason", "InvalidChoice"));
        }
        if (c.Note is { Length: > Transfer.NoteMaxLength })
        {
            failures.Add(Failure.TooLong("Note", Transfer.NoteMaxLength));
        }
        return await CreateAsync(membership, TransferSide.Member, c with { ToUnitId = null }, failures, ct);
    }

    private async Task<Result<Transfer>> CreateAsync(Membership membership, TransferSide side, StartCommand c, List<Failure> failures, CancellationToken ct)
    {
        OrgUnit? to = null;
        if (side == TransferSide.Receiver || c.ToUnitId is not null)
        {
            var inScope = await db.UnitForAsync(c.ToUnitId, Permission.PeopleManage, "ToUnitId", ct);
            if (!inScope.Ok && side == TransferSide.Receiver)
            {
                return Result<Transfer>.Fail(inScope.Failures);
            }
            to = inScope.Value;
        }
        if (to is null)
        {
            var code = UnitInput.CleanCode(c.ToUnitCode);
            if (code.Length == 0)
            {
                failures.Add(Failure.Required("ToUnitCode"));
            }
            else
            {
                // The destination may lie outside the starter's scope: that is what a transfer is for.
                to = await db.OrgUnits.IgnoreQueryFilters().FirstOrDefaultAsync(u => u.Code == code, ct);
                if (to is null)
                {
                    failures.Add(new Failure("ToUnitCode", "UnitCodeUnknown", 404, code));
                }
            }
        }
        if (!membership.IsActive)
        {
            failures.Add(new Failure("MembershipId", "MemberNotActive", 409));
        }
        if (to is not null && to.Id == membership.UnitId)
        {
            failures.Add(new Failure("ToUnitId", "SameBranch"));
        }
        if (to is { IsClosed: true })
        {
            failures.Add(new Failure("ToUnitId", "ParentClosed", 409));
        }
        if (await db.Transfers.IgnoreQueryFilters().AnyAsync(t => t.MembershipId == membership.Id && (t.State == TransferState.AwaitingAncestor || t.State == TransferState.Pending), ct))
        {
            failures.Add(new Failure("MembershipId", "TransferOpen", 409));
        }
        if (failures.Count > 0)
        {
            return Result<Transfer>.Fail(failures);
        }
        var from = await db.OrgUnits.IgnoreQueryFilters().FirstAsync(u => u.Id == membership.UnitId, ct);
        var ancestorPath = UpperLevel.CommonAncestorPath(from.Path, to!.Path);
        var ancestor = await db.OrgUnits.IgnoreQueryFilters().FirstAsync(u => u.Path == ancestorPath, ct);
        var name = await db.People.IgnoreQueryFilters().Where(p => p.Id == membership.PersonId).Select(p => p.Name).FirstAsync(ct);
        var now = clock.GetUtcNow();
        var direct = side != TransferSide.Member && db.Scope.Covers(from.Path, Permission.PeopleManage) && db.Scope.Covers(to.Path, Permission.PeopleManage);
        var transfer = new Transfer
        {
            MembershipId = membership.Id, UnitId = from.Id, ToUnitId = to.Id, AncestorUnitId = ancestor.Id,
            MemberName = name, MemberNumber = membership.MemberNumber, FromUnitName = from.Name, ToUnitName = to.Name,
            Reason = c.Reason, Note = string.IsNullOrWhiteSpace(c.Note) ? null : c.Note.Trim(), StartedBy = side,
            StartedByUserName = db.Scope.UserName, State = direct ? TransferState.Pending : TransferState.AwaitingAncestor,
            StartedAt = now, DueAt = now.AddDays(options.Value.TransferLapseDays),
        };
        db.Transfers.Add(transfer);
        var link = $"/transfers/{transfer.Id}";
        if (direct)
        {
            db.Tell(DecidingUnit(transfer), NoticeKind.TransferRequested, link, now, name, from.Name, to.Name);
        }
        else
        {
            db.Tell(ancestor.Id, NoticeKind.TransferRequested, link, now, name, from.Name, to.Name);
        }
        await db.SaveChangesAsync(ct);
        return transfer;
    }

    public sealed record DecideCommand(Guid Id, bool Accept, string? Note);

    /// <summary>
    /// One answer for both waiting states: the common ancestor's admins pass a request on (or turn it
    /// down); the deciding side accepts (the member moves) or rejects with a reason.
    /// </summary>
    public async Task<Result<Transfer>> DecideAsync(DecideCommand c, CancellationToken ct)
    {
        await LapseDueAsync(ct);
        var t = await db.Transfers.FirstOrDefaultAsync(x => x.Id == c.Id, ct);
        if (t is null)
        {
            return Failure.NotFound("Id");
        }
        if (t.State == TransferState.Lapsed)
        {
            return new Failure("Id", "TransferLapsed", 409);
        }
        if (!t.IsOpen)
        {
            return new Failure("Id", "TransferClosed", 409);
        }
        var note = string.IsNullOrWhiteSpace(c.Note) ? null : c.Note.Trim();
        if (!c.Accept && note is null)
        {
            return Failure.Required("Note");
        }
        if (note is { Length: > Transfer.NoteMaxLength })
        {
            return Failure.TooLong("Note", Transfer.NoteMaxLength);
        }
        var now = clock.GetUtcNow();
        var link = $"/transfers/{t.Id}";
        if (t.State == TransferState.AwaitingAncestor)
        {
            var ancestorPath = await PathOfAsync(t.AncestorUnitId, ct);
            if (!db.Scope.Covers(ancestorPath, Permission.PeopleManage))
            {
                return new Failure("Id", "AncestorOnly", 403);
            }
            if (c.Accept)
            {
                // Passed on: the deciding side now has its own full period to answer.
                t.State = TransferState.Pending;
                t.DueAt = now.AddDays(options.Value.TransferLapseDays);
                db.Tell(DecidingUnit(t), NoticeKind.TransferForwarded, link, now, t.MemberName, t.FromUnitName, t.ToUnitName);
                await db.SaveChangesAsync(ct);
                return t;
            }
            return await CloseAsync(t, TransferState.Rejected, note, now, ct);
        }

        var decidingPath = await PathOfAsync(DecidingUnit(t), ct);
        if (!db.Scope.Covers(decidingPath, Permission.PeopleManage))
        {
            return new Failure("Id", t.StartedBy == TransferSide.Receiver ? "SenderDecides" : "ReceiverDecides", 403);
        }
        if (!c.Accept)
        {
            return await CloseAsync(t, TransferState.Rejected, note, now, ct);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // The state guard makes a double click or a racing lapse a no-op: exactly one of them wins.
        var won = await db.Transfers.IgnoreQueryFilters()
            .Where(x => x.Id == t.Id && x.State == TransferState.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.State, TransferState.Accepted).SetProperty(x => x.DecidedAt, now)
                .SetProperty(x => x.DecidedByUserName, db.Scope.UserName).SetProperty(x => x.DecisionNote, note), ct);
        if (won == 0)
        {
            return new Failure("Id", "TransferClosed", 409);
        }
        var moved = await db.Memberships.IgnoreQueryFilters()
            .Where(m => m.Id == t.MembershipId && m.UnitId == t.UnitId)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.UnitId, t.ToUnitId).SetProperty(m => m.UpdatedAt, now), ct);
        if (moved == 0)
        {
            await tx.RollbackAsync(ct);
            return new Failure("Id", "TransferClosed", 409);
        }
        // A set-based move skips the figures interceptor: both branches are recounted.
        Indicators.Rollups.MarkStale(db, [t.UnitId, t.ToUnitId], now);
        // The person's record follows the member, so the receiving branch sees whom it received.
        var personId = await db.Memberships.IgnoreQueryFilters().Where(m => m.Id == t.MembershipId).Select(m => m.PersonId).FirstAsync(ct);
        await db.People.IgnoreQueryFilters().Where(p => p.Id == personId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.UnitId, t.ToUnitId).SetProperty(p => p.UpdatedAt, now), ct);
        db.MembershipEvents.Add(new MembershipEvent
        {
            MembershipId = t.MembershipId, UnitId = t.ToUnitId, Kind = MembershipEventKind.Transferred,
            Before = t.FromUnitName, After = t.ToUnitName, ByUserName = db.Scope.UserName, At = now,
        });
        // Events written before the move belong to the old branch; they follow the member.
        await db.MembershipEvents.IgnoreQueryFilters().Where(e => e.MembershipId == t.MembershipId)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.UnitId, t.ToUnitId), ct);
        db.Tell(t.UnitId, NoticeKind.TransferAccepted, link, now, t.MemberName, t.FromUnitName, t.ToUnitName);
        db.Tell(t.ToUnitId, NoticeKind.TransferAccepted, link, now, t.MemberName, t.FromUnitName, t.ToUnitName);
        // The moves above are set-based updates the entity audit does not see: one line says what moved.
        var moves = System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string?[]>
        {
            ["UnitId"] = [t.UnitId.ToString(), t.ToUnitId.ToString()], ["Transfer"] = [t.Id.ToString(), TransferState.Accepted.ToString()],
        });
        await audit.RecordAsync(AuditAction.Update, nameof(Membership), t.MembershipId.ToString(), t.ToUnitId, changes: moves, ct: ct);
        await tx.CommitAsync(ct);
        db.Entry(t).State = EntityState.Detached;
        return await db.Transfers.AsNoTracking().FirstAsync(x => x.Id == t.Id, ct);
    }

    /// <summary>The starter withdraws a request nobody has answered yet.</summary>
    public async Task<Result<Transfer>> CancelAsync(Guid id, CancellationToken ct)
    {
        var t = await db.Transfers.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (t is null)
        {
            return Failure.NotFound("Id");
        }
        if (!t.IsOpen)
        {
            return new Failure("Id", "TransferClosed", 409);
        }
        var startingUnit = t.StartedBy == TransferSide.Receiver ? t.ToUnitId : t.UnitId;
        if (!db.Scope.Covers(await PathOfAsync(startingUnit, ct), Permission.PeopleManage))
        {
            return Failure.Forbidden("Id");
        }
        return await CloseAsync(t, TransferState.Cancelled, null, clock.GetUtcNow(), ct);
    }

    /// <summary>
    /// Every request past its due time lapses; both branches are told. Run by the background job and
    /// before any decision, so a late answer never moves a member.
    /// </summary>
    public async Task<int> LapseDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var due = await db.Transfers.IgnoreQueryFilters()
            .Where(t => (t.State == TransferState.Pending || t.State == TransferState.AwaitingAncestor) && t.DueAt <= now)
            .ToListAsync(ct);
        foreach (var t in due)
        {
            t.State = TransferState.Lapsed;
            t.DecidedAt = now;
            var link = $"/transfers/{t.Id}";
            db.Tell(t.UnitId, NoticeKind.TransferLapsed, link, now, t.MemberName, t.FromUnitName, t.ToUnitName);
            db.Tell(t.ToUnitId, NoticeKind.TransferLapsed, link, now, t.MemberName, t.FromUnitName, t.ToUnitName);
        }
        if (due.Count > 0)
        {
            await db.SaveChangesAsync(ct);
        }
        return due.Count;
    }

    private async Task<Result<Transfer>> CloseAsync(Transfer t, TransferState state, string? note, DateTimeOffset now, CancellationToken ct)
    {
        t.State = state;
        t.DecidedAt = now;
        t.DecidedByUserName = db.Scope.UserName;
        t.DecisionNote = note;
        if (state == TransferState.Rejected)
        {
            var link = $"/transfers/{t.Id}";
            db.Tell(t.UnitId, NoticeKind.TransferRejected, link, now, t.MemberName, t.FromUnitName, t.ToUnitName, note ?? "");
            db.Tell(t.ToUnitId, NoticeKind.TransferRejected, link, now, t.MemberName, t.FromUnitName, t.ToUnitName, note ?? "");
        }
        await db.SaveChangesAsync(ct);
        return t;
    }

    /// <summary>The side that did not start the request answers it.</summary>
    public static Guid DecidingUnit(Transfer t) => t.StartedBy == TransferSide.Receiver ? t.UnitId : t.ToUnitId;

    private Task<string> PathOfAsync(Guid unitId, CancellationToken ct) =>
        db.OrgUnits.IgnoreQueryFilters().Where(u => u.Id == unitId).Select(u => u.Path).FirstAsync(ct);
}
