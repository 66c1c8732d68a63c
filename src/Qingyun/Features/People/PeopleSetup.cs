using Microsoft.Extensions.Localization;
using Qingyun.Domain.Access;
using Qingyun.Domain.People;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.People;

public static class PeopleSetup
{
    public static IServiceCollection AddPeople(this IServiceCollection services)
    {
        services.AddScoped<BrowsePeople>();
        services.AddScoped<SavePerson.Handler>();
        services.AddScoped<RevealSensitive.Handler>();
        return services;
    }

    public sealed record PersonDto(Guid Id, Guid UnitId, string Name, Gender Gender, DateOnly BirthDate, string? Ethnicity,
        PoliticalStatus PoliticalStatus, Education? Education, string? Workplace, string? Address, string? IdNumberMasked, string? PhoneMasked)
    {
        public static PersonDto From(Person p) => new(p.Id, p.UnitId, p.Name, p.Gender, p.BirthDate, p.Ethnicity, p.PoliticalStatus,
            p.Education, p.Workplace, p.Address, p.IdNumberMasked, p.PhoneMasked);
    }

    public sealed record RevealBody(string? Field);

    public static WebApplication MapPeopleApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1/people").WithTags("People");

        api.MapGet("/", async (Guid? unitId, string? name, Guid? after, BrowsePeople browse, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await browse.ListAsync(unitId, name, after, ct);
            return r.Ok ? Results.Ok(new { items = r.Value!.Items, next = r.Value.Next }) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.PeopleRead).WithName("ListPeople").WithSummary("People in scope; ID numbers and phones masked.");

        api.MapGet("/{id:guid}", async (Guid id, BrowsePeople browse, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await browse.GetAsync(id, ct);
            return r.Ok ? Results.Ok(PersonDto.From(r.Value!)) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.PeopleRead).WithName("GetPerson");

        api.MapPost("/", async (PersonInput body, SavePerson.Handler handler, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await handler.Handle(null, body, ct);
            return r.Ok ? Results.Created($"/api/v1/people/{r.Value!.Id}", PersonDto.From(r.Value)) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.PeopleManage).WithName("CreatePerson");

        api.MapPut("/{id:guid}", async (Guid id, PersonInput body, SavePerson.Handler handler, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await handler.Handle(id, body, ct);
            return r.Ok ? Results.Ok(PersonDto.From(r.Value!)) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.PeopleManage).WithName("EditPerson");

        api.MapPost("/{id:guid}/reveal", async (Guid id, RevealBody body, RevealSensitive.Handler handler, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await handler.Handle(id, body.Field, ct);
            return r.Ok ? Results.Ok(new { field = body.Field, value = r.Value }) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.SensitiveReveal).WithName("RevealPersonField").WithSummary("The full ID number or phone; every call is audited.");

        return app;
    }
}
