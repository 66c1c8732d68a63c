using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.People;

namespace Qingyun.Features.People;

public sealed record PersonRow(Guid Id, Guid UnitId, string UnitName, string Name, Gender Gender, DateOnly BirthDate, PoliticalStatus PoliticalStatus, string? IdNumberMasked, string? PhoneMasked);

public sealed record PeoplePage(IReadOnlyList<PersonRow> Items, Guid? Next);

/// <summary>Lists people in the caller's scope, optionally one subtree and a name; keyset paging by id.</summary>
public sealed class BrowsePeople(AppDbContext db)
{
    public const int PageSize = 50;

    public async Task<Result<PeoplePage>> ListAsync(Guid? unitId, string? name, Guid? after, CancellationToken ct)
    {
        var q = db.People.AsQueryable();
        if (unitId is not null)
        {
            var path = await db.OrgUnits.Where(u => u.Id == unitId).Select(u => u.Path).FirstOrDefaultAsync(ct);
            if (path is null)
            {
                return Failure.NotFound("UnitId");
            }
            q = q.Where(p => db.OrgUnits.Any(u => u.Id == p.UnitId && u.Path.StartsWith(path)));
        }
        if (!string.IsNullOrWhiteSpace(name))
        {
            var n = name.Trim();
            q = q.Where(p => p.Name.Contains(n));
        }
        if (after is not null)
        {
            q = q.Where(p => p.Id.CompareTo(after.Value) > 0);
        }
        var rows = await q.OrderBy(p => p.Id).Take(PageSize + 1)
            .Select(p => new PersonRow(p.Id, p.UnitId, db.OrgUnits.Where(u => u.Id == p.UnitId).Select(u => u.Name).First(),
                p.Name, p.Gender, p.BirthDate, p.PoliticalStatus, p.IdNumberMasked, p.PhoneMasked))
            .ToListAsync(ct);
        Guid? next = null;
        if (rows.Count > PageSize)
        {
            rows.RemoveAt(PageSize);
            next = rows[^1].Id;
        }
        return new PeoplePage(rows, next);
    }

    public async Task<Result<Person>> GetAsync(Guid id, CancellationToken ct)
    {
        var p = await db.People.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        return p is null ? Failure.NotFound("Id") : p;
    }
}
