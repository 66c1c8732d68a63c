using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain.Rosters;
using Qingyun.Security;

namespace Qingyun.Features.Transfers;

/// <summary>
/// A member's own view of their membership, for any signed-in account linked to a person. Reads only
/// rows of that person, one table at a time (the scope filter is for admins' views of others).
/// </summary>
public sealed class OwnMembership(AppDbContext db)
{
    public sealed record View(Membership Membership, string UnitName, string UnitCode, IReadOnlyList<Transfer> Transfers);

    public async Task<Guid?> PersonIdAsync(CancellationToken ct) =>
        await db.OwnPersonIdAsync(ct);

    public async Task<View?> LoadAsync(CancellationToken ct)
    {
        if (await PersonIdAsync(ct) is not { } personId)
        {
            return null;
        }
        var m = await db.Memberships.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(x => x.PersonId == personId, ct);
        if (m is null)
        {
            return null;
        }
        var unit = await db.OrgUnits.IgnoreQueryFilters().AsNoTracking().Where(u => u.Id == m.UnitId).Select(u => new { u.Name, u.Code }).FirstAsync(ct);
        var transfers = await db.Transfers.IgnoreQueryFilters().AsNoTracking().Where(t => t.MembershipId == m.Id).OrderByDescending(t => t.Id).Take(10).ToListAsync(ct);
        return new View(m, unit.Name, unit.Code, transfers);
    }
}
