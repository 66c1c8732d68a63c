using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.Building;
using Qingyun.Domain.Organization;
using Qingyun.Security;

namespace Qingyun.Features.Building;

/// <summary>
/// Sets (or, both values empty, removes) units' League-building targets for a year. A target is set
/// from above (decision 007): the district sets its streets' targets, as seed 001's street reports
/// "完成区团委要求的12家两新组织任务". So it takes the right to manage units over the unit's parent; a
/// unit's own admins see their target but cannot lower it. A top-level unit's target is the system
/// administrator's. Several units are set at once, all or none.
/// </summary>
public static class SetBuildingTarget
{
    public sealed record Line(Guid? UnitId, int? Organizations, int? NewMembers);

    public sealed record Command(int Year, IReadOnlyList<Line> Lines);

    public static bool MaySet(CurrentScope scope, OrgUnit unit) =>
        unit.ParentId is null ? scope.IsSystemAdmin : scope.Covers(ParentPath(unit.Path), Permission.UnitsManage);

    private static string ParentPath(string path) => path[..(path.TrimEnd('/').LastIndexOf('/') + 1)];

    public sealed class Handler(AppDbContext db, TimeProvider clock)
    {
        public async Task<Result<IReadOnlyList<BuildingTarget>>> Handle(Command c, CancellationToken ct)
        {
            var failures = new List<Failure>();
            if (c.Year is < BuildingTarget.MinYear or > BuildingTarget.MaxYear)
            {
                failures.Add(new Failure("Year", "Range", 400, BuildingTarget.MinYear, BuildingTarget.MaxYear));
            }
            var units = new List<(OrgUnit Unit, Line Line)>();
            foreach (var line in c.Lines)
            {
                var unit = await db.UnitForAsync(line.UnitId, Permission.PeopleRead, "UnitId", ct);
                if (!unit.Ok)
                {
                    failures.AddRange(unit.Failures);
                    continue;
                }
                if (!MaySet(db.Scope, unit.Value!))
                {
                    failures.Add(new Failure("UnitId", "TargetSetAbove", 403));
                    continue;
                }
                if (line.Organizations is null != line.NewMembers is null)
                {
                    failures.Add(Failure.Required(line.Organizations is null ? "Organizations" : "NewMembers") with { Label = line.Organizations is null ? "TargetOrganizations" : "TargetMembers" });
                }
                foreach (var (value, field, label) in new[] { (line.Organizations, "Organizations", "TargetOrganizations"), (line.NewMembers, "NewMembers", "TargetMembers") })
                {
                    if (value is < 0 or > BuildingTarget.MaxValue)
                    {
                        failures.Add(new Failure(field, "Range", 400, 0, BuildingTarget.MaxValue) { Label = label });
                    }
                }
                units.Add((unit.Value!, line));
            }
            if (units.Select(u => u.Unit.Id).Distinct().Count() != units.Count)
            {
                failures.Add(new Failure("UnitId", "InvalidChoice"));
            }
            if (failures.Count > 0)
            {
                return Result<IReadOnlyList<BuildingTarget>>.Fail(failures);
            }

            var now = clock.GetUtcNow();
            var ids = units.Select(u => u.Unit.Id).ToList();
            var existing = await db.BuildingTargets.Where(t => t.Year == c.Year && ids.Contains(t.UnitId)).ToDictionaryAsync(t => t.UnitId, ct);
            var saved = new List<BuildingTarget>();
            foreach (var (unit, line) in units)
            {
                existing.TryGetValue(unit.Id, out var target);
                if (line.Organizations is null)
                {
                    if (target is not null)
                    {
                        db.BuildingTargets.Remove(target);
                    }
                    continue;
                }
                if (target is null)
                {
                    target = new BuildingTarget { UnitId = unit.Id, Year = c.Year };
                    db.BuildingTargets.Add(target);
                }
                if (target.Organizations != line.Organizations || target.NewMembers != line.NewMembers || target.SetByUserName is null)
                {
                    target.Organizations = line.Organizations!.Value;
                    target.NewMembers = line.NewMembers!.Value;
                    target.SetByUserName = db.Scope.UserName;
                    target.UpdatedAt = now;
                }
                saved.Add(target);
            }
            await db.SaveChangesAsync(ct);
            return saved;
        }
    }
}
