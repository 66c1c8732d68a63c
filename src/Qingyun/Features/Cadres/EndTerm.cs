using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.Cadres;
using Qingyun.Infrastructure;
using Qingyun.Security;

namespace Qingyun.Features.Cadres;

/// <summary>Ends a term (离任): the day and the reason are recorded and the term stays in the post's history.</summary>
public static class EndTerm
{
    public sealed record Command(Guid Id, DateOnly? EndedOn, TermEndReason? Reason, string? Note);

    public sealed class Handler(AppDbContext db, TimeProvider clock)
    {
        public async Task<Result<CadreTerm>> Handle(Command c, CancellationToken ct)
        {
            var term = await db.CadreTerms.FirstOrDefaultAsync(t => t.Id == c.Id, ct);
            if (term is null)
            {
                return Failure.NotFound("Id");
            }
            var unit = await db.UnitForAsync(term.UnitId, Permission.PeopleManage, "Id", ct);
            if (!unit.Ok)
            {
                return Result<CadreTerm>.Fail(unit.Failures);
            }
            if (!term.IsOpen)
            {
                return new Failure("Id", "TermAlreadyEnded", 409);
            }
            var now = clock.GetUtcNow();
            var failures = CheckEnd(term, c.EndedOn, now.ChinaDate(), "EndedOn").ToList();
            if (c.Reason is not { } reason)
            {
                failures.Add(Failure.Required("EndReason"));
            }
            else if (!Enum.IsDefined(reason))
            {
                failures.Add(new Failure("EndReason", "InvalidChoice"));
            }
            var note = CadreInput.Note(c.Note, failures);
            if (failures.Count > 0)
            {
                return Result<CadreTerm>.Fail(failures);
            }
            term.EndedOn = c.EndedOn;
            term.EndReason = c.Reason;
            term.EndNote = note;
            term.EndedBy = db.Scope.UserName;
            term.UpdatedAt = now;
            await db.SaveChangesAsync(ct);
            return term;
        }
    }

    /// <summary>A term ends on a real day, not before it started and not in the future.</summary>
    public static IEnumerable<Failure> CheckEnd(CadreTerm term, DateOnly? endedOn, DateOnly today, string field)
    {
        if (endedOn is not { } end)
        {
            yield return Failure.Required(field);
        }
        else if (end > today)
        {
            yield return new Failure(field, "DateInFuture");
        }
        else if (end < term.StartedOn)
        {
            yield return new Failure(field, "EndBeforeStart", 400, term.StartedOn.ShowDate());
        }
    }
}
