using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.Organization;

namespace Qingyun.Security;

/// <summary>
/// The record-level check every handler that names a unit goes through: a unit outside the caller's
/// read scope does not exist for them (404, nothing leaks); one they can see but not act on is 403.
/// </summary>
public static class ScopeGuard
{
    public static async Task<Result<OrgUnit>> UnitForAsync(this AppDbContext db, Guid? id, Permission permission, string field, CancellationToken ct)
    {
        if (id is null || id == Guid.Empty)
        {
            return Failure.Required(field);
        }
        var unit = await db.OrgUnits.FirstOrDefaultAsync(u => u.Id == id, ct);
        if (unit is null)
        {
            return Failure.NotFound(field);
        }
        return db.Scope.Covers(unit.Path, permission) ? Result<OrgUnit>.Success(unit) : Failure.Forbidden(field);
    }

    /// <summary>
    /// A unit-owned record by a condition (usually its id), then the same check on its unit: not found or
    /// outside read scope is 404, readable but not actionable with <paramref name="permission"/> is 403.
    /// </summary>
    public static async Task<Result<T>> OwnedAsync<T>(this AppDbContext db, IQueryable<T> set, Expression<Func<T, bool>> match, Permission permission, CancellationToken ct)
        where T : class, IUnitOwned
    {
        var record = await set.FirstOrDefaultAsync(match, ct);
        if (record is null)
        {
            return Failure.NotFound("Id");
        }
        var unit = await db.UnitForAsync(record.UnitId, permission, "Id", ct);
        return unit.Ok ? record : Result<T>.Fail(unit.Failures);
    }
}
