using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.Cadres;
using Qingyun.Features.People;
using Qingyun.Infrastructure;
using Qingyun.Security;

namespace Qingyun.Features.Cadres;

/// <summary>
/// The hand-over of a post (流转): the outgoing holder's term ends and the successor's starts on the same
/// day, in one transaction, both carrying the note, the new term pointing at the old one. The post is
/// never vacant and never held twice, and the history shows who followed whom.
/// </summary>
public static class HandOverPost
{
    public sealed record Command(Guid Id, PersonInput Successor, CadreKind Kind, DateOnly? On, DateOnly? PlannedEndOn, string? Note);

    public sealed record Outcome(CadreTerm Ended, CadreTerm Started);

    public sealed class Handler(AppDbContext db, CadrePeople people, TimeProvider clock)
    {
        public async Task<Result<Outcome>> Handle(Command c, CancellationToken ct)
        {
            var outgoing = await db.CadreTerms.FirstOrDefaultAsync(t => t.Id == c.Id, ct);
            if (outgoing is null)
            {
                return Failure.NotFound("Id");
            }
            var unit = await db.UnitForAsync(outgoing.UnitId, Permission.PeopleManage, "Id", ct);
            if (!unit.Ok)
            {
                return Result<Outcome>.Fail(unit.Failures);
            }
            if (!outgoing.IsOpen)
            {
                return new Failure("Id", "TermAlreadyEnded", 409);
            }
            var now = clock.GetUtcNow();
            var today = now.ChinaDate();
            var failures = EndTerm.CheckEnd(outgoing, c.On, today, "HandOverOn").ToList();
            failures.AddRange(CadreInput.CheckPost(outgoing.Post, c.Kind));
            if (c.On is { } on && c.PlannedEndOn is { } planned && planned <= on)
            {
                failures.Add(new Failure("PlannedEndOn", "EndNotAfterStart"));
            }
            var note = CadreInput.Note(c.Note, failures);
            if (unit.Value!.IsClosed)
            {
                failures.Add(new Failure("Id", "UnitClosed", 409));
            }
            // The successor is registered in the unit of the post when they are new.
            var successor = c.Successor with { UnitId = outgoing.UnitId };
            var found = await people.FindAsync(successor, today, ct);
            failures.AddRange(found.Failures);
            if (found.Existing is { } existing)
            {
                if (existing.Id == outgoing.PersonId)
                {
                    failures.Add(new Failure("IdNumber", "SuccessorIsHolder", 409));
                }
                else if (await db.CadreTerms.AnyAsync(t => t.UnitId == outgoing.UnitId && t.PersonId == existing.Id && t.Post == outgoing.Post && t.EndedOn == null, ct))
                {
                    failures.Add(new Failure("IdNumber", "AlreadyHoldsPost", 409));
                }
            }
            if (failures.Count > 0)
            {
                return Result<Outcome>.Fail(failures);
            }

            await using var tx = await db.Database.BeginTransactionAsync(ct);
            outgoing.EndedOn = c.On;
            outgoing.EndReason = TermEndReason.HandedOver;
            outgoing.EndNote = note;
            outgoing.EndedBy = db.Scope.UserName;
            outgoing.UpdatedAt = now;
            try
            {
                // Saved before the successor's term is added: the one-open-书记 index sees the post free.
                await db.SaveChangesAsync(ct);
                var personId = await people.SaveAsync(found, successor, ct);
                if (!personId.Ok)
                {
                    db.ChangeTracker.Clear();
                    return Result<Outcome>.Fail(personId.Failures);
                }
                var started = new CadreTerm
                {
                    PersonId = personId.Value, UnitId = outgoing.UnitId, Post = outgoing.Post, Kind = c.Kind, StartedOn = c.On!.Value,
                    PlannedEndOn = c.PlannedEndOn, AppointNote = note, PredecessorTermId = outgoing.Id, AppointedBy = db.Scope.UserName,
                    CreatedAt = now, UpdatedAt = now,
                };
                db.CadreTerms.Add(started);
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                return new Outcome(outgoing, started);
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
                return new Failure("Id", "TermConflict", 409);
            }
        }
    }
}
