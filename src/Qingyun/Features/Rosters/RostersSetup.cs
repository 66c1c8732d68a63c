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

        MapImportApi(api);
        return app;
    }

    /// <summary>
    /// The member import over the API is asynchronous, as on the page: the upload answers 202 with the job's
    /// status URL (Location); the status gives the phase and rows checked, then the outcome; a refused file's
    /// report downloads from the status's <c>report</c> link. Only the caller who started a job sees it.
    /// </summary>
    private static void MapImportApi(RouteGroupBuilder api)
    {
        api.MapPost("/imports", async (HttpContext http, IFormFile? file, ImportJobs jobs, CurrentScope scope, Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery,
            IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            // Token callers send no cookies; a browser session calling the API must carry the antiforgery header.
            if (http.User.Identity?.AuthenticationType != TokenAuthenticationHandler.SchemeName && !await antiforgery.IsRequestValidAsync(http))
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: t["Error.Antiforgery"]);
            }
            if (file is null || file.Length == 0)
            {
                return new[] { Domain.Failure.Required("File") }.ToProblem(t);
            }
            var path = await ImportJobs.SaveUploadAsync(file, ct);
            var job = jobs.Start(scope, ImportModel.Kind, path, async (services, stream, progress, jobCt) =>
            {
                var outcome = await services.GetRequiredService<ImportMembers.Handler>().Handle(stream, progress, jobCt);
                var report = outcome.Ok ? null : ImportMembers.Report(outcome, services.GetRequiredService<IStringLocalizer<SharedResource>>());
                return (outcome with { Rows = [] }, report);
            });
            return Results.Accepted($"/api/v1/members/imports/{job.Id}", ImportStatus(job, t));
        }).RequirePermission(Permission.PeopleManage).DisableAntiforgery().WithName("ImportMembers")
          .WithSummary("Starts a member import from an .xlsx file (form field `file`, the template's columns): 202 with the status URL in Location. The file is written whole or not at all.");

        api.MapGet("/imports/{id:guid}", (Guid id, ImportJobs jobs, CurrentScope scope, IStringLocalizer<SharedResource> t) =>
            jobs.Find(id, scope) is { Kind: ImportModel.Kind } job ? Results.Ok(ImportStatus(job, t)) : Results.NotFound())
          .RequirePermission(Permission.PeopleManage).WithName("GetMemberImport")
          .WithSummary("An import's progress (phase Queued, Reading, Checking, Writing, Done; rows checked of the total), then its outcome: created and existing people, or every problem with its row and column.");

        api.MapGet("/imports/{id:guid}/report", (Guid id, ImportJobs jobs, CurrentScope scope) =>
            jobs.Find(id, scope) is { Kind: ImportModel.Kind, Report: { } report }
                ? Results.File(report, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "团员导入问题报告.xlsx")
                : Results.NotFound())
          .RequirePermission(Permission.PeopleManage).WithName("GetMemberImportReport")
          .WithSummary("A refused import's report: the uploaded rows with each bad cell filled red and a 问题 column, plus a 问题清单 sheet.");
    }

    private static object ImportStatus(ImportJob job, IStringLocalizer<SharedResource> t)
    {
        var outcome = job.Outcome as ImportMembers.Outcome;
        return new
        {
            id = job.Id,
            phase = job.Progress.Phase.ToString(),
            @checked = job.Progress.Checked,
            total = job.Progress.Total,
            finished = job.Finished,
            ok = job.Finished ? outcome is { Ok: true } : (bool?)null,
            crashed = job.Crashed,
            created = outcome?.Created,
            existingPeople = outcome?.Attached,
            failures = outcome?.Failures.Select(f => new { row = f.Row, column = f.Column, field = f.Failure.Field, rule = f.Failure.MessageKey, message = t.Describe(f.Failure) }),
            report = job.Report is null ? null : $"/api/v1/members/imports/{job.Id}/report",
        };
    }

    internal static UnitKind[] EnterpriseKinds { get; } = [UnitKind.NonPublicEnterprise, UnitKind.PublicEnterprise, UnitKind.SocialOrganization, UnitKind.School, UnitKind.Organ, UnitKind.Community, UnitKind.Village];
}
