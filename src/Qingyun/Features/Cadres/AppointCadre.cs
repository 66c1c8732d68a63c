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
/// Appoints a person to a post of a unit (任职). The person is found by ID number or registered on the
/// spot. A person holds a post of a unit once at a time, and a unit has one 书记 at a time: replacing
/// one is a hand-over, or an end of term first.
/// </summary>
public static class AppointCadre
{
    public sealed record Command(PersonInput Person, CadrePost Post, CadreKind Kind, DateOnly? StartedOn, DateOnly? PlannedEndOn, string? Note = null);

    public sealed class Handler(AppDbContext db, CadrePeople people, TimeProvider clock)
    {
        public async Task<Result<CadreTerm>> Handle(Command c, CancellationToken ct)
        {
            var unit = await db.UnitForAsync(c.Person.UnitId, Permission.PeopleManage, "UnitId", ct);
            if (!unit.Ok)
            {
                return Result<CadreTerm>.Fail(unit.Failures);
            }
            var now = clock.GetUtcNow();
            var today = now.ChinaDate();
            var failures = CadreInput.CheckPost(c.Post, c.Kind).Concat(CadreInput.CheckDates(c.StartedOn, c.PlannedEndOn, today)).ToList();
            var note = CadreInput.Note(c.Note, failures);
            if (unit.Value!.IsClosed)
            {
                failures.Add(new Failure("UnitId", "UnitClosed", 409));
            }
            var found = await people.FindAsync(c.Person, today, ct);
            failures.AddRange(found.Failures);
            var unitId = unit.Value.Id;
            if (found.Existing is { } existing
                && await db.CadreTerms.AnyAsync(t => t.UnitId == unitId && t.PersonId == existing.Id && t.Post == c.Post && t.EndedOn == null, ct))
            {
                failures.Add(new Failure("Post", "AlreadyHoldsPost", 409));
            }
            if (c.Post == CadrePost.Secretary && await db.CadreTerms.AnyAsync(t => t.UnitId == unitId && t.Post == CadrePost.Secretary && t.EndedOn == null, ct))
            {
                failures.Add(new Failure("Post", "SecretaryTaken", 409));
            }
            if (failures.Count > 0)
            {
                return Result<CadreTerm>.Fail(failures);
            }

            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var personId = await people.SaveAsync(found, c.Person, ct);
            if (!personId.Ok)
            {
                return Result<CadreTerm>.Fail(personId.Failures);
            }
            var term = new CadreTerm
            {
                PersonId = personId.Value, UnitId = unitId, Post = c.Post, Kind = c.Kind, StartedOn = c.StartedOn!.Value,
                PlannedEndOn = c.PlannedEndOn, AppointNote = note, AppointedBy = db.Scope.UserName, CreatedAt = now, UpdatedAt = now,
            };
            db.CadreTerms.Add(term);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
                // Another admin appointed to the same post a moment ago; the unique index kept the rule.
                return new Failure("Post", "TermConflict", 409);
            }
            await tx.CommitAsync(ct);
            return term;
        }
    }
}
