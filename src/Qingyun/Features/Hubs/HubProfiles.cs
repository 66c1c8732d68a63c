using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.Activities;
using Qingyun.Domain.Hubs;
using Qingyun.Domain.Organization;
using Qingyun.Domain.People;
using Qingyun.Features.Volunteering;
using Qingyun.Security;

namespace Qingyun.Features.Hubs;

/// <summary>
/// Hub profiles (青年汇, 青年之家, 青春家园): a unit of kind Hub gets its grade, address, opening hours, managing
/// unit, manager and volunteer team. The public page shows these and the hub's coming activities.
/// </summary>
public sealed class HubProfiles(AppDbContext db, TimeProvider clock)
{
    public sealed record Input(HubType Type, HubGrade Grade, string? Address, string? OpeningHours, Guid? ManagingUnitId,
        string? ManagerName, string? ManagerPhone, string? Introduction, Guid? VolunteerTeamId);

    public sealed record Row(Guid UnitId, string Code, string Name, Hub? Profile, int Coming);

    public async Task<List<Row>> ListAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var rows = await db.OrgUnits.AsNoTracking().Where(u => u.Kind == UnitKind.Hub && u.ClosedAt == null).OrderBy(u => u.Path).Take(500)
            .Select(u => new
            {
                u.Id, u.Code, u.Name,
                Profile = db.Hubs.FirstOrDefault(h => h.UnitId == u.Id),
                Coming = db.Activities.Count(a => a.UnitId == u.Id && a.State == ActivityState.Published && a.StartsAt > now),
            }).ToListAsync(ct);
        return rows.Select(r => new Row(r.Id, r.Code, r.Name, r.Profile, r.Coming)).ToList();
    }

    public async Task<Result<Hub>> SaveAsync(Guid unitId, Input input, CancellationToken ct)
    {
        var unit = await db.UnitForAsync(unitId, Permission.ServiceManage, "UnitId", ct);
        if (!unit.Ok)
        {
            return Result<Hub>.Fail(unit.Failures);
        }
        if (unit.Value!.Kind != UnitKind.Hub)
        {
            return new Failure("UnitId", "NotAHub", 409);
        }
        var f = new List<Failure>();
        var address = ActivityDesk.Text(input.Address, "HubAddress", Hub.AddressMaxLength, true, f);
        var hours = ActivityDesk.Text(input.OpeningHours, "OpeningHours", Hub.HoursMaxLength, true, f);
        var manager = ActivityDesk.Text(input.ManagerName, "ManagerName", Person.NameMaxLength, false, f);
        var intro = ActivityDesk.Text(input.Introduction, "Introduction", Hub.IntroductionMaxLength, false, f);
        string? phone = null;
        if (!string.IsNullOrWhiteSpace(input.ManagerPhone) && !Phone.TryNormalize(input.ManagerPhone, out phone))
        {
            f.Add(new Failure("ManagerPhone", "PhonePattern"));
        }
        if (!Enum.IsDefined(input.Type))
        {
            f.Add(Failure.Required("Type"));
        }
        if (!Enum.IsDefined(input.Grade))
        {
            f.Add(Failure.Required("Grade"));
        }
        // The managing unit is the hub's own parent or an ancestor: a hub answers to a committee above it.
        var managing = input.ManagingUnitId ?? unit.Value.ParentId;
        var managingPath = managing is null ? null : await db.OrgUnits.IgnoreQueryFilters().Where(u => u.Id == managing).Select(u => u.Path).FirstOrDefaultAsync(ct);
        if (managing is null || managingPath is null || managing == unitId || !unit.Value.Path.StartsWith(managingPath, StringComparison.Ordinal))
        {
            f.Add(new Failure("ManagingUnitId", "NotAnAncestor"));
        }
        if (input.VolunteerTeamId is { } teamId && !await db.VolunteerTeams.AnyAsync(t => t.Id == teamId, ct))
        {
            f.Add(Failure.NotFound("VolunteerTeamId"));
        }
        if (f.Count > 0)
        {
            return Result<Hub>.Fail(f);
        }
        var hub = await db.Hubs.FirstOrDefaultAsync(h => h.UnitId == unitId, ct);
        if (hub is null)
        {
            hub = new Hub { UnitId = unitId };
            db.Hubs.Add(hub);
        }
        hub.Type = input.Type;
        hub.Grade = input.Grade;
        hub.Address = address!;
        hub.OpeningHours = hours!;
        hub.ManagingUnitId = managing!.Value;
        hub.ManagerName = manager;
        hub.ManagerPhone = phone;
        hub.Introduction = intro;
        hub.VolunteerTeamId = input.VolunteerTeamId;
        hub.UpdatedAt = clock.GetUtcNow();
        hub.UpdatedBy = db.Scope.UserName;
        await db.SaveChangesAsync(ct);
        return hub;
    }

    public sealed record PublicView(string Code, string Name, Hub? Profile, string? ManagingUnitName, List<PublicActivity> Coming);

    public sealed record PublicActivity(Guid Id, string Title, string Place, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int? Capacity, int Registered, PriceBand PriceBand);

    /// <summary>What anyone may see of a hub: the profile and the published activities to come. Read past the scope filter on purpose.</summary>
    public async Task<PublicView?> PublicAsync(string code, CancellationToken ct)
    {
        var unit = await db.OrgUnits.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(u => u.Code == code && u.Kind == UnitKind.Hub && u.ClosedAt == null, ct);
        if (unit is null)
        {
            return null;
        }
        var hub = await db.Hubs.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(h => h.UnitId == unit.Id, ct);
        var managing = hub is null ? null : await db.OrgUnits.IgnoreQueryFilters().Where(u => u.Id == hub.ManagingUnitId).Select(u => u.Name).FirstOrDefaultAsync(ct);
        var now = clock.GetUtcNow();
        var coming = await db.Activities.IgnoreQueryFilters().AsNoTracking()
            .Where(a => a.UnitId == unit.Id && a.Kind == ActivityKind.Youth && a.State == ActivityState.Published && a.StartsAt > now)
            .OrderBy(a => a.StartsAt).Take(30)
            .Select(a => new PublicActivity(a.Id, a.Title, a.Place, a.StartsAt, a.EndsAt, a.Capacity, a.Registered, a.PriceBand)).ToListAsync(ct);
        return new PublicView(unit.Code, unit.Name, hub, managing, coming);
    }
}
