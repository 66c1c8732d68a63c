using Microsoft.Extensions.Localization;
using Qingyun.Domain.Access;
using Qingyun.Domain.Organization;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Organization;

public static class OrganizationSetup
{
    public static IServiceCollection AddOrganization(this IServiceCollection services)
    {
        services.AddScoped<BrowseUnits>();
        services.AddScoped<CreateUnit.Handler>();
        services.AddScoped<EditUnit.Handler>();
        services.AddScoped<MoveUnit.Handler>();
        services.AddScoped<CloseUnit.Handler>();
        services.AddScoped<ImportUnits.Handler>();
        return services;
    }

    public sealed record UnitDto(Guid Id, Guid? ParentId, string Code, string Name, UnitKind Kind, LeagueBodyType BodyType, int Depth, bool Closed, DateTimeOffset CreatedAt)
    {
        public static UnitDto From(OrgUnit u) => new(u.Id, u.ParentId, u.Code, u.Name, u.Kind, u.BodyType, u.Depth, u.IsClosed, u.CreatedAt);
    }

    public sealed record EditBody(string? Name, UnitKind Kind, LeagueBodyType BodyType);

    public sealed record MoveBody(Guid? NewParentId);

    public static WebApplication MapOrganizationApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1/units").WithTags("Units");

        api.MapGet("/", async (Guid? parentId, string? q, int? after, bool? includeClosed, BrowseUnits browse, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            if (!string.IsNullOrWhiteSpace(q))
            {
                var found = await browse.SearchAsync(q, ct);
                return Results.Ok(new { items = found.Select(f => f.Row), next = (int?)null });
            }
            if (parentId is null)
            {
                return Results.Ok(new { items = await browse.RootsAsync(ct), next = (int?)null });
            }
            var page = await browse.ChildrenAsync(parentId.Value, includeClosed ?? false, after ?? 0, ct);
            return page.Ok ? Results.Ok(new { items = page.Value!.Items, next = page.Value.NextAfter }) : page.Failures.ToProblem(t);
        }).RequirePermission(Permission.UnitsRead).WithName("ListUnits").WithSummary("Roots of the caller's scope, the children of a unit, or a search.");

        api.MapGet("/{id:guid}", async (Guid id, BrowseUnits browse, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var d = await browse.DetailsAsync(id, ct);
            return d.Ok ? Results.Ok(UnitDto.From(d.Value!.Unit)) : d.Failures.ToProblem(t);
        }).RequirePermission(Permission.UnitsRead).WithName("GetUnit");

        api.MapGet("/{id:guid}/history", async (Guid id, BrowseUnits browse, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var d = await browse.DetailsAsync(id, ct);
            return d.Ok
                ? Results.Ok(d.Value!.History.Select(e => new { e.Kind, e.Before, e.After, e.At, e.ByUserName }))
                : d.Failures.ToProblem(t);
        }).RequirePermission(Permission.UnitsRead).WithName("GetUnitHistory");

        api.MapPost("/", async (CreateUnit.Command body, CreateUnit.Handler handler, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await handler.Handle(body, ct);
            return r.Ok ? Results.Created($"/api/v1/units/{r.Value!.Id}", UnitDto.From(r.Value)) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.UnitsManage).WithName("CreateUnit");

        api.MapPut("/{id:guid}", async (Guid id, EditBody body, EditUnit.Handler handler, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await handler.Handle(new EditUnit.Command(id, body.Name, body.Kind, body.BodyType), ct);
            return r.Ok ? Results.Ok(UnitDto.From(r.Value!)) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.UnitsManage).WithName("EditUnit");

        api.MapPost("/{id:guid}/move", async (Guid id, MoveBody body, MoveUnit.Handler handler, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await handler.Handle(new MoveUnit.Command(id, body.NewParentId), ct);
            return r.Ok ? Results.Ok(UnitDto.From(r.Value!)) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.UnitsManage).WithName("MoveUnit");

        api.MapPost("/{id:guid}/close", async (Guid id, CloseUnit.Handler handler, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await handler.Handle(new CloseUnit.Command(id), ct);
            return r.Ok ? Results.Ok(UnitDto.From(r.Value!)) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.UnitsManage).WithName("CloseUnit");

        api.MapPost("/{id:guid}/reopen", async (Guid id, CloseUnit.Handler handler, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await handler.Handle(new CloseUnit.Command(id, Reopen: true), ct);
            return r.Ok ? Results.Ok(UnitDto.From(r.Value!)) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.UnitsManage).WithName("ReopenUnit");

        return app;
    }
}
