using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.People;
using Qingyun.Features.People;
using Qingyun.Security;

namespace Qingyun.Features.Cadres;

/// <summary>
/// Who is to hold a post: the person already on file with this ID number (one person per human), or a
/// new person registered in the unit. A person on file is taken as is — appointing someone does not
/// rewrite their record or move their home unit.
/// </summary>
public sealed class CadrePeople(AppDbContext db, SensitiveData sensitive, SavePerson.Handler savePerson)
{
    public sealed record Found(Person? Existing, IReadOnlyList<Failure> Failures);

    public async Task<Found> FindAsync(PersonInput input, DateOnly today, CancellationToken ct)
    {
        if (!IdNumber.TryParse(input.IdNumber, today, out var id, out _))
        {
            return new Found(null, input.Check(today).Failures);
        }
        var index = sensitive.IdNumberIndex(id.Value);
        var existing = await db.People.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(p => p.IdNumberIndex == index, ct);
        if (existing is null)
        {
            return new Found(null, input.Check(today).Failures);
        }
        // Outside the caller's scope nothing more is said than "registered elsewhere".
        if (existing.DeletedAt is not null || !await db.People.AnyAsync(p => p.Id == existing.Id, ct))
        {
            return new Found(null, [new Failure("IdNumber", "PersonElsewhere", 409)]);
        }
        var name = (input.Name ?? "").Trim();
        if (name.Length > 0 && name != existing.Name)
        {
            return new Found(null, [new Failure("Name", "NameMismatch", 409) { Label = "PersonName" }]);
        }
        return new Found(existing, []);
    }

    /// <summary>The found person's id, or the new person's (inside the caller's transaction).</summary>
    public async Task<Result<Guid>> SaveAsync(Found found, PersonInput input, CancellationToken ct)
    {
        if (found.Existing is { } e)
        {
            return e.Id;
        }
        var saved = await savePerson.Handle(null, input, ct);
        return saved.Ok ? saved.Value!.Id : Result<Guid>.Fail(saved.Failures);
    }
}
