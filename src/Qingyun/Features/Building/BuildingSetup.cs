using Microsoft.Extensions.Localization;
using Qingyun.Domain.Access;
using Qingyun.Domain.Building;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Building;

/// <summary>Non-public and new-organization League building (非公团建): organizations and progress toward the yearly targets (set with the figures' targets).</summary>
public static class BuildingSetup
{
    public static IServiceCollection AddBuilding(this IServiceCollection services)
    {
        services.AddScoped<BrowseOrganizations>();
        services.AddScoped<BuildingProgress>();
        services.AddScoped<SaveOrganization.Handler>();
        services.AddScoped<ChangeBuildingStatus.Handler>();
        services.AddScoped<RevealContactPhone.Handler>();
        services.AddScoped<ImportOrganizations.Handler>();
        services.AddScoped<ExportOrganizations>();
        return services;
    }

    /// <summary>
    /// <c>kind</c> is NonPublicEnterprise (非公企业) or SocialOrganization (社会组织). It is read as text so that
    /// a bad value is reported with the other rules, after the scope check: a foreign id is 404 whatever the body.
    /// </summary>
    public sealed record OrganizationBody(
        Guid? UnitId, string? Kind, string? Name, string? CreditCode, string? Address, string? ContactName, string? ContactPhone,
        int? StaffCount, int? YoungStaffCount, bool HasPartyOrganization = false, BuildingStatus Status = BuildingStatus.NotBuilt,
        DateOnly? BuiltOn = null, Guid? LeagueUnitId = null, int? MembersAdded = null)
    {
        public OrganizationInput ToInput() => new(UnitId, ParseKind(Kind), Name, CreditCode, Address, ContactName, ContactPhone, StaffCount, YoungStaffCount,
            HasPartyOrganization, Status, BuiltOn, LeagueUnitId, MembersAdded);
    }

    private static NewOrganizationKind ParseKind(string? kind) =>
        Enum.TryParse<NewOrganizationKind>(kind, ignoreCase: true, out var k) && !int.TryParse(kind, out _) ? k : 0;

    public sealed record StatusBody(BuildingStatus Status, DateOnly? BuiltOn = null, Guid? LeagueUnitId = null, int? MembersAdded = null);

    private static object Summary(NewOrganization o) => new
    {
        o.Id, o.UnitId, o.Kind, o.Name, o.CreditCode, o.Status, o.BuiltOn, o.LeagueUnitId, o.MembersAdded, o.StaffCount, o.YoungStaffCount,
        o.HasPartyOrganization, o.ContactPhoneMasked,
    };

    public static WebApplication MapBuildingApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1/building").WithTags("League building");

        api.MapGet("/organizations", async ([AsParameters] OrganizationFilter filter, BrowseOrganizations browse, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await browse.ListAsync(filter, ct);
            return r.Ok ? Results.Ok(new { items = r.Value!.Items, next = r.Value.Next }) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.PeopleRead).WithName("ListBuildingOrganizations")
          .WithSummary("Non-public enterprises and social organizations in scope: filter by subtree (`unitId`), status, kind, Party organization, name or credit code; keyset paging by `after`.");

        api.MapGet("/organizations/{id:guid}", async (Guid id, BrowseOrganizations browse, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await browse.DetailsAsync(id, ct);
            return r.Ok ? Results.Ok(new { organization = r.Value!.Organization, history = r.Value.History }) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.PeopleRead).WithName("GetBuildingOrganization")
          .WithSummary("One organization with the history of its building status and members added (who, when, from → to).");

        api.MapPost("/organizations", async (OrganizationBody b, SaveOrganization.Handler handler, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await handler.Handle(null, b.ToInput(), ct);
            return r.Ok ? Results.Created($"/api/v1/building/organizations/{r.Value!.Id}", Summary(r.Value)) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.PeopleManage).WithName("CreateBuildingOrganization")
          .WithSummary("Registers an organization (`kind`: NonPublicEnterprise 非公企业 or SocialOrganization 社会组织) in a unit's area. The credit code must pass the GB 32100 checksum and be new; young staff cannot exceed staff; 已建团 (`Built`) needs the date built, not in the future.");

        api.MapPut("/organizations/{id:guid}", async (Guid id, OrganizationBody b, SaveOrganization.Handler handler, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await handler.Handle(id, b.ToInput(), ct);
            return r.Ok ? Results.Ok(Summary(r.Value!)) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.PeopleManage).WithName("UpdateBuildingOrganization")
          .WithSummary("Edits an organization by the same rules; an empty contact phone keeps the stored one. Status and members-added changes go into the history.");

        api.MapPut("/organizations/{id:guid}/status", async (Guid id, StatusBody b, ChangeBuildingStatus.Handler handler, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await handler.Handle(new ChangeBuildingStatus.Command(id, b.Status, b.BuiltOn, b.LeagueUnitId, b.MembersAdded), ct);
            return r.Ok ? Results.Ok(Summary(r.Value!)) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.PeopleManage).WithName("ChangeBuildingStatus")
          .WithSummary("Records a building step (NotBuilt 未建, Contacting 联系中, Built 已建团) with the date built and League unit when built, and optionally the members added so far; the date and unit are cleared for the other states.");

        api.MapPost("/organizations/{id:guid}/reveal-phone", async (Guid id, RevealContactPhone.Handler handler, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await handler.Handle(id, ct);
            return r.Ok ? Results.Ok(new { contactPhone = r.Value }) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.SensitiveReveal).WithName("RevealBuildingContactPhone")
          .WithSummary("The contact's full phone number, for those allowed to reveal sensitive data; every reveal is audited.");

        api.MapGet("/progress", async (Guid? unitId, int? year, BuildingProgress progress, TimeProvider clock, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await progress.Handle(unitId, year ?? clock.ChinaToday().Year, ct);
            return r.Ok ? Results.Ok(r.Value) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.PeopleRead).WithName("GetBuildingProgress")
          .WithSummary("Progress of a unit's subtree toward the year's targets: organizations built in the year and members added in the year (the figures `building.built` and `building.members`, the same numbers as `GET /api/v1/figures`), counts by status, and the same per child unit beside its own targets; `canSetTarget` says whether the caller may change a line's targets. Targets are set with `PUT /api/v1/figures/targets` (codes `building.built`, `building.members`).");

        api.MapGroup("/organizations").MapImportEndpoints(ImportOrganizations.Job, Permission.PeopleManage, "BuildingOrganization",
            "non-public enterprises and social organizations", "`created` (organizations registered)");
        return app;
    }
}
