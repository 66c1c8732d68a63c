using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.Organization;
using Qingyun.Security;

namespace Qingyun.Features.Organization;

/// <summary>Rename a unit, or correct its kind or League body type. The code never changes: others file by it.</summary>
public static class EditUnit
{
    public sealed record Command(Guid Id, string? Name, UnitKind Kind, LeagueBodyType BodyType);

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
            var name = UnitInput.Clean(c.Name);
            var failures = UnitInput.CheckName(name).Concat(UnitInput.CheckKinds(c.Kind, c.BodyType)).ToList();
            if (failures.Count > 0)
            {
                return Result<OrgUnit>.Fail(failures);
            }
            var now = clock.GetUtcNow();
            if (unit.Name != name)
            {
                db.OrgUnitEvents.Add(UnitHistory.Event(db.Scope, unit.Id, OrgUnitEventKind.Renamed, unit.Name, name, now));
                unit.Name = name;
            }
            unit.Kind = c.Kind;
            unit.BodyType = c.BodyType;
            await db.SaveChangesAsync(ct);
            return unit;
        }
    }
}
