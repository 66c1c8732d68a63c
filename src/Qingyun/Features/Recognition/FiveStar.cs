using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.Volunteering;
using Qingyun.Security;

namespace Qingyun.Features.Recognition;

/// <summary>
/// 五星级志愿者推荐: five stars need the hours (1500 by default, Volunteering:StarHours) and a unit's
/// nomination. A unit nominates a volunteer it knows; the nominating unit (or one above it) may withdraw
/// it. The star level is recomputed in the same save, so lists filtered by stars stay right.
/// </summary>
public sealed class FiveStar(AppDbContext db, StarLevels stars, TimeProvider clock)
{
    public sealed record NominateCommand(Guid? UnitId, string? VolunteerNumber);

    public async Task<Result<Volunteer>> NominateAsync(NominateCommand c, CancellationToken ct)
    {
        var unit = await db.UnitForAsync(c.UnitId, Permission.ServiceManage, "UnitId", ct);
        if (!unit.Ok)
        {
            return Result<Volunteer>.Fail(unit.Failures);
        }
        var found = await RecognitionVolunteers.FindAsync(db, c.VolunteerNumber, unit.Value!, ct);
        if (!found.Ok)
        {
            return found;
        }
        var v = found.Value!;
        if (v.FiveStarNominatedAt is not null)
        {
            return new Failure("VolunteerNumber", "AlreadyNominated", 409);
        }
        if (v.Status != VolunteerStatus.Active)
        {
            return new Failure("VolunteerNumber", "VolunteerNotActive");
        }
        v.FiveStarNominatedAt = clock.GetUtcNow();
        v.FiveStarNominatedBy = unit.Value!.Id;
        stars.Apply(v);
        await db.SaveChangesAsync(ct);
        return v;
    }

    public async Task<Result<Volunteer>> WithdrawAsync(string? volunteerNumber, CancellationToken ct)
    {
        var n = volunteerNumber?.Trim() ?? "";
        if (n.Length == 0)
        {
            return Failure.Required("VolunteerNumber");
        }
        var v = await db.Volunteers.IgnoreQueryFilters([AppDbContext.ScopeFilter]).FirstOrDefaultAsync(x => x.Number == n, ct);
        if (v is null)
        {
            return new Failure("VolunteerNumber", "VolunteerNumberUnknown");
        }
        if (v.FiveStarNominatedBy is not { } by)
        {
            return new Failure("VolunteerNumber", "NotNominated", 409);
        }
        // Only the nominating unit, or a unit above it, takes its nomination back.
        var unit = await db.UnitForAsync(by, Permission.ServiceManage, "VolunteerNumber", ct);
        if (!unit.Ok)
        {
            return Result<Volunteer>.Fail(unit.Failures);
        }
        v.FiveStarNominatedAt = null;
        v.FiveStarNominatedBy = null;
        stars.Apply(v);
        await db.SaveChangesAsync(ct);
        return v;
    }
}
