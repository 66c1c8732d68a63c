using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain.Access;
using Qingyun.Domain.Organization;

namespace Qingyun.Features.Activities;

/// <summary>The units a user may publish activities for: their own units and the hubs, communities and streets below them.</summary>
public static class OrganizerUnits
{
    public sealed record Choice(Guid Id, string Name, UnitKind Kind);

    private static readonly UnitKind[] Runners = [UnitKind.Hub, UnitKind.Community, UnitKind.Village, UnitKind.Street, UnitKind.School, UnitKind.SocialOrganization];

    public static async Task<List<Choice>> ChoicesAsync(AppDbContext db, CancellationToken ct)
    {
        var roots = db.Scope.Grants.Where(g => Roles.Allows(g.Role, Permission.ServiceManage)).ToList();
        var choices = roots.Select(g => new Choice(g.UnitId, g.UnitName, UnitKind.District)).ToList();
        foreach (var g in roots)
        {
            var hi = Security.ScopeRanges.UpperBound(g.UnitPath);
            var below = await db.OrgUnits.AsNoTracking()
                .Where(u => string.Compare(u.Path, g.UnitPath) > 0 && string.Compare(u.Path, hi) < 0 && Runners.Contains(u.Kind) && u.ClosedAt == null)
                .OrderBy(u => u.Kind == UnitKind.Hub ? 0 : 1).ThenBy(u => u.Path).Take(300).Select(u => new Choice(u.Id, u.Name, u.Kind)).ToListAsync(ct);
            choices.AddRange(below);
        }
        return choices.DistinctBy(c => c.Id).ToList();
    }
}
