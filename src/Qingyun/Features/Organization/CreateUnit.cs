using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.Organization;
using Qingyun.Security;

namespace Qingyun.Features.Organization;

public static class CreateUnit
{
    public sealed record Command(Guid? ParentId, string? Code, string? Name, UnitKind Kind, LeagueBodyType BodyType);

    public sealed class Handler(AppDbContext db, TimeProvider clock)
    {
        public async Task<Result<OrgUnit>> Handle(Command c, CancellationToken ct)
        {
            var name = UnitInput.Clean(c.Name);
            var code = UnitInput.CleanCode(c.Code);
            var failures = UnitInput.CheckName(name).Concat(UnitInput.CheckCode(code)).Concat(UnitInput.CheckKinds(c.Kind, c.BodyType)).ToList();

            OrgUnit? parent = null;
            if (c.ParentId is null)
            {
                if (!db.Scope.IsSystemAdmin)
                {
                    failures.Add(new Failure("ParentId", "RootOnlyForSystemAdmin", 403));
                }
            }
            else
            {
                var found = await db.UnitForAsync(c.ParentId, Permission.UnitsManage, "ParentId", ct);
                if (!found.Ok)
                {
                    return Result<OrgUnit>.Fail(found.Failures);
                }
                parent = found.Value!;
                if (parent.IsClosed)
                {
                    failures.Add(new Failure("ParentId", "ParentClosed", 409));
                }
            }
            if (failures.Count == 0 && await db.OrgUnits.IgnoreQueryFilters().AnyAsync(u => u.Code == code, ct))
            {
                failures.Add(new Failure("Code", "DuplicateCode", 409, code));
            }
            if (failures.Count > 0)
            {
                return Result<OrgUnit>.Fail(failures);
            }

            var now = clock.GetUtcNow();
            var id = Guid.CreateVersion7();
            var lastSort = await db.OrgUnits.IgnoreQueryFilters().Where(u => u.ParentId == c.ParentId)
                .MaxAsync(u => (int?)u.SortOrder, ct) ?? 0;
            var unit = new OrgUnit
            {
                Id = id,
                ParentId = parent?.Id,
                Code = code,
                Name = name,
                Kind = c.Kind,
                BodyType = c.BodyType,
                Path = OrgUnit.PathFor(parent, id),
                Depth = parent is null ? 0 : parent.Depth + 1,
                RootId = parent?.RootId ?? id,
                SortOrder = lastSort + 1,
                CreatedAt = now,
            };
            db.OrgUnits.Add(unit);
            db.OrgUnitEvents.Add(UnitHistory.Event(db.Scope, unit.Id, OrgUnitEventKind.Created, null, $"{code} {name}", now));
            await db.SaveChangesAsync(ct);
            return unit;
        }
    }
}
