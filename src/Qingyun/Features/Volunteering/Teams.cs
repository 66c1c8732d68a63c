using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.Volunteering;
using Qingyun.Security;

namespace Qingyun.Features.Volunteering;

/// <summary>志愿服务队: teams belong to a unit; members join by volunteer number and leave with the date kept.</summary>
public sealed class Teams(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<VolunteerTeam>> CreateAsync(Guid? unitId, string? name, ServiceArea areas, string? leader, string? description, CancellationToken ct)
    {
        var unit = await db.UnitForAsync(unitId, Permission.ServiceManage, "UnitId", ct);
        if (!unit.Ok)
        {
            return Result<VolunteerTeam>.Fail(unit.Failures);
        }
        var f = new List<Failure>();
        var n = ActivityDesk.Text(name, "TeamName", VolunteerTeam.NameMaxLength, true, f);
        var l = ActivityDesk.Text(leader, "LeaderName", Domain.People.Person.NameMaxLength, false, f);
        var d = ActivityDesk.Text(description, "Description", 500, false, f);
        if (f.Count > 0)
        {
            return Result<VolunteerTeam>.Fail(f);
        }
        if (await db.VolunteerTeams.IgnoreQueryFilters().AnyAsync(x => x.UnitId == unit.Value!.Id && x.Name == n, ct))
        {
            return new Failure("TeamName", "DuplicateTeamName", 409);
        }
        var team = new VolunteerTeam { UnitId = unit.Value!.Id, Name = n!, ServiceAreas = areas, LeaderName = l, Description = d, CreatedAt = clock.GetUtcNow() };
        db.VolunteerTeams.Add(team);
        await db.SaveChangesAsync(ct);
        return team;
    }

    public async Task<Result<TeamMember>> AddAsync(Guid teamId, string? volunteerNumber, CancellationToken ct)
    {
        var team = await db.OwnedAsync(db.VolunteerTeams, t => t.Id == teamId, Permission.ServiceManage, ct);
        if (!team.Ok)
        {
            return Result<TeamMember>.Fail(team.Failures);
        }
        var number = volunteerNumber?.Trim();
        var volunteer = string.IsNullOrEmpty(number) ? null : await db.Volunteers.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(v => v.Number == number, ct);
        if (volunteer is null)
        {
            return string.IsNullOrEmpty(number) ? Failure.Required("VolunteerNumber") : new Failure("VolunteerNumber", "VolunteerNumberUnknown");
        }
        var member = new TeamMember { TeamId = teamId, VolunteerId = volunteer.Id, UnitId = team.Value!.UnitId, JoinedAt = clock.GetUtcNow() };
        db.TeamMembers.Add(member);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return new Failure("VolunteerNumber", "AlreadyInTeam", 409);
        }
        return member;
    }

    /// <summary>暂停 or 注销 a registration (or restore it), by an organization over the volunteer's unit; the record stays.</summary>
    public async Task<Result<Volunteer>> SetStatusAsync(Guid volunteerId, VolunteerStatus status, CancellationToken ct)
    {
        var v = await db.OwnedAsync(db.Volunteers, x => x.Id == volunteerId, Permission.ServiceManage, ct);
        if (!v.Ok)
        {
            return v;
        }
        if (!Enum.IsDefined(status))
        {
            return new Failure("Status", "InvalidChoice");
        }
        v.Value!.Status = status;
        await db.SaveChangesAsync(ct);
        return v;
    }

    public async Task<Result<TeamMember>> RemoveAsync(Guid memberId, CancellationToken ct)
    {
        var m = await db.OwnedAsync(db.TeamMembers, x => x.Id == memberId && x.LeftAt == null, Permission.ServiceManage, ct);
        if (!m.Ok)
        {
            return m;
        }
        m.Value!.LeftAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return m;
    }
}
