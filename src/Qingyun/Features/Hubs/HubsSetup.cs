using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qingyun.Data;
using Qingyun.Domain.Access;
using Qingyun.Domain.Hubs;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Hubs;

public static class HubsSetup
{
    public static IServiceCollection AddHubs(this IServiceCollection services) => services.AddScoped<HubProfiles>().AddScoped<HubSettings>();

    public static object View(Hub h) => new
    {
        h.UnitId, h.Type, h.Grade, h.Address, h.OpeningHours, h.ManagingUnitId, h.ManagerName, h.ManagerPhone, h.Introduction, h.VolunteerTeamId, h.UpdatedAt,
    };

    public static WebApplication MapHubsApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1/hubs").WithTags("Hubs");
        api.MapGet("", async (HubProfiles hubs, CancellationToken ct) =>
            Results.Ok((await hubs.ListAsync(ct)).Select(r => new { r.UnitId, r.Code, r.Name, profile = r.Profile is null ? null : View(r.Profile), comingActivities = r.Coming })))
          .RequirePermission(Permission.ServiceRead).WithName("ListHubs")
          .WithSummary("The hubs (units of kind Hub) in the caller's scope with their profile and number of coming activities.");
        api.MapGet("/{unitId:guid}", async (Guid unitId, AppDbContext db, CancellationToken ct) =>
            await db.Hubs.AsNoTracking().FirstOrDefaultAsync(h => h.UnitId == unitId, ct) is { } h ? Results.Ok(View(h)) : Results.NotFound())
          .RequirePermission(Permission.ServiceRead).WithName("GetHub").WithSummary("A hub's profile: type, grade, address, opening hours, managing unit, manager, volunteer team.");
        api.MapPut("/{unitId:guid}", async (Guid unitId, HubProfiles.Input body, HubProfiles hubs, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await hubs.SaveAsync(unitId, body, ct);
            return r.Ok ? Results.Ok(View(r.Value!)) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.ServiceManage).WithName("SaveHub").WithSummary("Creates or updates the profile of a unit of kind Hub.");

        app.MapGet("/api/v1/public/hubs/{code}", async (string code, HubProfiles hubs, CancellationToken ct) =>
            await hubs.PublicAsync(code, ct) is { } v
                ? Results.Ok(new { v.Code, v.Name, profile = v.Profile is null ? null : new { v.Profile.Type, v.Profile.Grade, v.Profile.Address, v.Profile.OpeningHours, v.Profile.ManagerName, v.Profile.ManagerPhone, v.Profile.Introduction }, managingUnit = v.ManagingUnitName, coming = v.Coming })
                : Results.NotFound())
          .AllowAnonymous().WithTags("Hubs").WithName("PublicHub").WithSummary("Anyone: a hub's public profile and its coming published activities.");

        app.MapGet("/api/v1/activity-categories", async (AppDbContext db, CancellationToken ct) =>
            Results.Ok(await db.ActivityCategories.AsNoTracking().OrderBy(c => c.SortOrder).Select(c => new { c.Id, c.Name, c.NameEn, c.SortOrder, archived = c.ArchivedAt != null }).ToListAsync(ct)))
          .RequireAuthorization().WithTags("Hubs").WithName("ActivityCategories").WithSummary("The platform's activity categories (archived ones are kept for old activities).");
        return app;
    }
}
