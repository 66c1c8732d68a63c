using Microsoft.Extensions.Localization;
using Qingyun.Domain.Access;
using Qingyun.Domain.Organization;
using Qingyun.Domain.People;
using Qingyun.Domain.Rosters;
using Qingyun.Features.People;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Rosters;

public static class RostersSetup
{
    public static IServiceCollection AddRosters(this IServiceCollection services)
    {
        services.AddScoped<BrowseMembers>();
        services.AddScoped<Home.AwaitingMe>();
        services.AddScoped<EnrolMember.Handler>();
        services.AddScoped<ChangeMemberStatus.Handler>();
        services.AddScoped<ImportMembers.Handler>();
        services.AddScoped<ExportMembers>();
        return services;
    }

    public sealed record EnrolBody(Guid? UnitId, string? Name, string? IdNumber, string? Phone, string? Ethnicity, Education? Education,
        string? Workplace, string? Address, string? MemberNumber, DateOnly? JoinedOn, MemberStatus Status = MemberStatus.Registered, bool IsStudent = false);

    public sealed record StatusBody(MemberStatus Status, bool IsStudent);

    public static WebApplication MapRostersApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1/members").WithTags("Members");

        api.MapGet("/", async ([AsParameters] MemberFilter filter, BrowseMembers browse, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await browse.ListAsync(filter, ct);
            return r.Ok ? Results.Ok(new { items = r.Value!.Items, next = r.Value.Next }) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.PeopleRead).WithName("ListMembers")
          .WithSummary("The roster in scope: filter by subtree, status, age, joined year, student, unit kind, due to leave at 28; keyset paging by `after`.");

        api.MapGet("/{id:guid}", async (Guid id, BrowseMembers browse, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await browse.DetailsAsync(id, ct);
            return r.Ok
                ? Results.Ok(new { member = r.Value!.Member, history = r.Value.History.Select(e => new { e.Kind, e.Before, e.After, e.At, e.ByUserName }) })
                : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.PeopleRead).WithName("GetMember").WithSummary("One member with the full history of the membership.");

        api.MapPost("/", async (EnrolBody b, EnrolMember.Handler handler, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var person = new PersonInput(b.UnitId, b.Name, b.IdNumber, b.Phone, b.Ethnicity, PoliticalStatus.LeagueMember, b.Education, b.Workplace, b.Address);
            var r = await handler.Handle(new EnrolMember.Command(person, b.MemberNumber, b.JoinedOn, b.Status, b.IsStudent), ct);
            return r.Ok ? Results.Created($"/api/v1/members/{r.Value!.Id}", new { r.Value.Id, r.Value.PersonId, r.Value.MemberNumber }) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.PeopleManage).WithName("EnrolMember").WithSummary("Puts a person (found by ID number or registered now) on a branch's roster.");

        api.MapPut("/{id:guid}/status", async (Guid id, StatusBody b, ChangeMemberStatus.Handler handler, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await handler.Handle(new ChangeMemberStatus.Command(id, b.Status, b.IsStudent), ct);
            return r.Ok ? Results.Ok(new { r.Value!.Id, r.Value.Status, r.Value.IsStudent }) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.PeopleManage).WithName("ChangeMemberStatus");

        api.MapImportEndpoints(ImportMembers.Job, Permission.PeopleManage, "Member", "members",
            "`created` (new people) and `existingPeople` (members who already had a person record)");
        return app;
    }

    internal static UnitKind[] EnterpriseKinds { get; } = [UnitKind.NonPublicEnterprise, UnitKind.PublicEnterprise, UnitKind.SocialOrganization, UnitKind.School, UnitKind.Organ, UnitKind.Community, UnitKind.Village];
}
