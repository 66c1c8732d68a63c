using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain.Access;

namespace Qingyun.Features.Certificates;

/// <summary>The units a form offers to act for: the caller's own grants that organize service, and the unit named in the link if they manage it.</summary>
public static class ServiceUnits
{
    public static async Task<IReadOnlyList<(Guid Id, string Name)>> ManagedAsync(AppDbContext db, Guid? asked, CancellationToken ct)
    {
        var units = db.Scope.Grants.Where(g => Roles.Allows(g.Role, Permission.ServiceManage)).Select(g => (g.UnitId, g.UnitName)).Distinct().ToList();
        if (asked is { } id && units.All(u => u.UnitId != id)
            && await db.OrgUnits.Where(u => u.Id == id).Select(u => new { u.Path, u.Name }).FirstOrDefaultAsync(ct) is { } unit
            && db.Scope.Covers(unit.Path, Permission.ServiceManage))
        {
            units.Insert(0, (id, unit.Name));
        }
        return units;
    }
}
