using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.Organization;
using Qingyun.Security;

namespace Qingyun.Features.Organization;

/// <summary>
/// Closing (撤销) keeps the unit and its history; it only stops new work under it. A unit with open
/// children cannot close: they must be moved or closed first, so nothing is orphaned.
/// </summary>
public static class CloseUnit
{
    public sealed record Command(Guid Id, bool Reopen = false);

    public sealed class Handler(AppDbContext db, TimeProvider clock)
    {
        public async Task<Result<OrgUnit>> Handle(Command c, CancellationToken ct)
        {
            var found = await db.UnitForAsync(c.Id, Permission.UnitsManage, "Id", ct);
            if (!found.Ok)
            {
                return found;
            }
            var unit = found.Value!;
            var now = clock.GetUtcNow();
            if (c.Reopen)
            {
                if (!unit.IsClosed)
                {
                    return unit;
                }
                if (unit.ParentId is { } pid && await db.OrgUnits.IgnoreQueryFilters().AnyAsync(u => u.Id == pid && u.ClosedAt != null, ct))
                {
                    return new Failure("Id", "ParentClosed", 409);
                }
                unit.ClosedAt = null;
                db.OrgUnitEvents.Add(UnitHistory.Event(db.Scope, unit.Id, OrgUnitEventKind.Reopened, null, null, now));
            }
            else
            {
                if (unit.IsClosed)
                {
                    return unit;
                }
                if (await db.OrgUnits.IgnoreQueryFilters().AnyAsync(u => u.ParentId == unit.Id && u.ClosedAt == null, ct))
                {
                    return new Failure("Id", "HasOpenChildren", 409);
                }
                unit.ClosedAt = now;
                db.OrgUnitEvents.Add(UnitHistory.Event(db.Scope, unit.Id, OrgUnitEventKind.Closed, null, null, now));
            }
            await db.SaveChangesAsync(ct);
            return unit;
        }
    }
}
