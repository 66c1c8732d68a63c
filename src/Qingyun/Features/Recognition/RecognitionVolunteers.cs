using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Organization;
using Qingyun.Domain.Volunteering;
using Qingyun.Security;

namespace Qingyun.Features.Recognition;

/// <summary>
/// The volunteer a unit recognizes, by the public volunteer number. A unit recognizes those it knows:
/// volunteers registered in its subtree, or who served with it or a unit below it.
/// </summary>
public static class RecognitionVolunteers
{
    public static async Task<Result<Volunteer>> FindAsync(AppDbContext db, string? number, OrgUnit unit, CancellationToken ct)
    {
        var n = number?.Trim() ?? "";
        if (n.Length == 0)
        {
            return Failure.Required("VolunteerNumber");
        }
        var volunteer = await db.Volunteers.IgnoreQueryFilters([AppDbContext.ScopeFilter]).FirstOrDefaultAsync(v => v.Number == n, ct);
        if (volunteer is null)
        {
            return new Failure("VolunteerNumber", "VolunteerNumberUnknown");
        }
        var lo = unit.Path;
        var hi = ScopeRanges.UpperBound(unit.Path);
        var units = db.OrgUnits.IgnoreQueryFilters([AppDbContext.ScopeFilter]);
        var known = await units.AnyAsync(u => u.Id == volunteer.UnitId && string.Compare(u.Path, lo) >= 0 && string.Compare(u.Path, hi) < 0, ct)
            || await db.ServiceEntries.IgnoreQueryFilters([AppDbContext.ScopeFilter]).AnyAsync(e => e.VolunteerId == volunteer.Id
                && units.Any(u => u.Id == e.UnitId && string.Compare(u.Path, lo) >= 0 && string.Compare(u.Path, hi) < 0), ct);
        return known ? volunteer : new Failure("VolunteerNumber", "VolunteerNotOfUnit", 400, unit.Name);
    }
}
