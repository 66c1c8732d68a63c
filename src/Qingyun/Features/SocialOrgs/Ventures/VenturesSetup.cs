using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qingyun.Data;
using Qingyun.Domain.Access;
using Qingyun.Domain.SocialOrgs;
using Qingyun.Features.SocialOrgs.Library;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;
using static Qingyun.Infrastructure.Problems;

namespace Qingyun.Features.SocialOrgs.Ventures;

/// <summary>公益创投 rounds, applications, awards, reports and payments, and the project and case libraries (decision 013): services and API.</summary>
public static class VenturesSetup
{
    public sealed record StartReviewBody(bool Early);

    public sealed record CloseBody(bool ByDecision);

    public sealed record ReasonBody(string? Reason);

    // Enum fields arrive as text and are checked by the handler (after the record's scope), so that a wrong value is a
    // named field error — and a foreign id is still 404, not a binding failure.
    public sealed record EntryBody(Guid? OrganizationId, string? ProjectTitle, string? Field, string? Summary, string? Goals, string? BudgetNote,
        decimal? Requested, DateOnly? StartOn, DateOnly? EndOn);

    public sealed record ApplyBody(Guid? RoundId, string? ProjectTitle, string? Field, string? Summary, string? Goals, string? BudgetNote,
        decimal? Requested, DateOnly? StartOn, DateOnly? EndOn)
    {
        public Apply.Command ToCommand() => new(RoundId, ProjectTitle, Choice<OrgField>(Field), Summary, Goals, BudgetNote, Requested, StartOn, EndOn);
    }

    public sealed record ReportBody(string? Kind, string? Body, decimal? Spent, int? Beneficiaries)
    {
        public FileReport.Command ToCommand() => new(Choice<VentureReportKind>(Kind), Body, Spent, Beneficiaries);
    }

    public sealed record ProjectBody(Guid? UnitId, Guid? OrganizationId, string? Title, string? Field, string? Goals, decimal? Budget,
        DateOnly? StartOn, DateOnly? EndOn, string? Outcome)
    {
        public SaveProject.Command ToCommand() => new(UnitId, OrganizationId, Title, Choice<OrgField>(Field), Goals, Budget, StartOn, EndOn, Outcome);
    }

    public sealed record CaseBody(Guid? UnitId, string? Title, string? Field, string? Summary, string? Body, string? Tags, DateOnly? WrittenOn,
        Guid? OrganizationId, Guid? ProjectId)
    {
        public SaveCase.Command ToCommand() => new(UnitId, Title, Choice<OrgField>(Field), Summary, Body, Tags, WrittenOn, OrganizationId, ProjectId);
    }

    /// <summary>Null when absent; an undefined value (0) when not one of the names, which the handler refuses as an invalid choice.</summary>
    public static T? Choice<T>(string? text) where T : struct, Enum =>
        string.IsNullOrWhiteSpace(text) ? null : Enum.TryParse<T>(text.Trim(), true, out var v) && Enum.IsDefined(v) ? v : default(T);

    public sealed record AwardsBody(Awards.Award[]? Awards);

    public static IServiceCollection AddVentures(this IServiceCollection services)
    {
        services.AddScoped<CreateRound>();
        services.AddScoped<OpenRound>();
        services.AddScoped<StartReview>();
        services.AddScoped<Apply>();
        services.AddScoped<WithdrawApplication>();
        services.AddScoped<MarkIneligible>();
        services.AddScoped<Awards>();
        services.AddScoped<CloseRound>();
        services.AddScoped<FileReport>();
        services.AddScoped<ReviewReport>();
        services.AddScoped<Disburse>();
        services.AddScoped<RoundReader>();
        services.AddScoped<SaveProject>();
        services.AddScoped<SaveCase>();
        return services;
    }

    public static object RoundView(VentureRound r) => new
    {
        r.Id, r.UnitId, r.Title, r.Year, r.Description, r.Budget, r.MaxGrant, r.SchemeId, r.ApplyFrom, r.ApplyUntil, r.Status, r.EvaluationId,
        r.CreatedBy, r.CreatedAt, r.UpdatedAt,
    };

    public static object ApplicationView(VentureApplication a) => new
    {
        a.Id, a.RoundId, a.UnitId, a.OrganizationId, a.ProjectTitle, a.Field, a.Summary, a.Goals, a.BudgetNote, a.Requested, a.StartOn, a.EndOn,
        a.Status, a.StatusNote, a.Awarded, a.ProjectId, a.SubmittedBy, a.SubmittedAt, a.UpdatedAt,
    };

    public static object ReportView(VentureReport r) => new
    {
        r.Id, r.ApplicationId, r.Kind, r.Body, r.Spent, r.Beneficiaries, r.SubmittedAt, r.SubmittedBy, r.Accepted, r.ReviewNote, r.ReviewedBy, r.ReviewedAt,
    };

    public static object PaymentView(VentureDisbursement d) => new { d.Id, d.ApplicationId, d.On, d.Amount, d.Reference, d.Note, d.ByUserName, d.At };

    public static object ApplicationDetail(RoundReader.ApplicationView v) => new
    {
        application = ApplicationView(v.Application), round = new { v.Round.Id, v.Round.Title, v.Round.Year, v.Round.Status, v.Round.MaxGrant },
        organizationName = v.OrganizationName, reports = v.Reports.Select(ReportView), payments = v.Payments.Select(PaymentView),
        paid = v.Paid, remaining = (v.Application.Awarded ?? 0) - v.Paid,
    };

    public static object ProjectView(LibraryProject p) => new
    {
        p.Id, p.UnitId, p.OrganizationId, p.ApplicationId, p.Title, p.Field, p.Goals, p.Budget, p.StartOn, p.EndOn, p.Outcome, p.CreatedBy, p.CreatedAt, p.UpdatedAt,
    };

    public static object CaseView(LibraryCase c) => new
    {
        c.Id, c.UnitId, c.OrganizationId, c.ProjectId, c.Title, c.Field, c.Summary, c.Body, tags = SearchCases.Tags(c.Tags), c.WrittenOn, c.CreatedBy, c.CreatedAt, c.UpdatedAt,
    };

    public static WebApplication MapVenturesApi(this WebApplication app)
    {
        var rounds = app.MapGroup("/api/v1/venture-rounds").WithTags("Micro-venture rounds");
        rounds.MapGet("/", async (int? year, RoundStatus? status, RoundReader reader, CancellationToken ct) =>
            Results.Ok(new { items = (await reader.ListAsync(year, status, ct)).Select(RoundView) }))
          .RequirePermission(Permission.SocialOrgsRead).WithName("ListVentureRounds")
          .WithSummary("公益创投 rounds of units in scope, newest first; filter by year and status.");
        rounds.MapPost("/", async (CreateRound.Command b, CreateRound create, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await create.RunAsync(b, ct);
            return r.Ok ? Results.Created($"/api/v1/venture-rounds/{r.Value!.Id}", RoundView(r.Value)) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.SocialOrgsManage).WithName("CreateVentureRound")
          .WithSummary("Draft a round: unit, title, year, budget, cap per project (≤ budget), application window and a published scheme whose criteria the review uses.");
        rounds.MapGet("/{id:guid}", async (Guid id, RoundReader reader, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await reader.RoundAsync(id, ct), t, v => new
            {
                round = RoundView(v.Round), unitName = v.UnitName, schemeName = v.SchemeName,
                criteria = v.Criteria.Select(c => new { c.Id, c.Group, c.Name, c.Weight, c.MaxScore, c.Guidance, c.EvidenceRequired }),
                evaluationStatus = v.EvaluationStatus, summary = v.Figures, canManage = v.CanManage,
            }))
          .RequirePermission(Permission.SocialOrgsRead).WithName("GetVentureRound")
          .WithSummary("One round with its review criteria and its figures: budget, awarded, paid, still to pay, unawarded, projects funded and completed.");
        rounds.MapPost("/{id:guid}/open", async (Guid id, OpenRound open, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await open.RunAsync(id, ct), t, RoundView))
          .RequirePermission(Permission.SocialOrgsManage).WithName("OpenVentureRound").WithSummary("Draft → open: organizations of the unit's subtree may apply within the window.");
        rounds.MapPost("/{id:guid}/start-review", async (Guid id, StartReviewBody? b, StartReview start, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await start.RunAsync(id, b?.Early ?? false, ct), t, e => new { evaluationId = e.Id, e.Title, e.SchemeId, e.Status, link = $"/social-orgs/evaluations/{e.Id}" }))
          .RequirePermission(Permission.SocialOrgsManage).WithName("StartVentureReview")
          .WithSummary("Open → reviewing, after the window has closed (or with early=true): creates, once, the evaluation whose subjects are the submitted applications.");
        rounds.MapGet("/{id:guid}/applications", async (Guid id, RoundReader reader, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var round = await reader.RoundAsync(id, ct);
            return Answer(round, t, v => new { items = v.Applications.Select(a => new { application = ApplicationView(a.Application), organizationName = a.OrganizationName, paid = a.Paid }) });
        }).RequirePermission(Permission.SocialOrgsRead).WithName("ListVentureApplications").WithSummary("The round's applications in the order they came, with what has been paid.");
        rounds.MapPost("/{id:guid}/applications", async (Guid id, EntryBody b, Apply apply, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await apply.ForOrganizationAsync(b.OrganizationId, new Apply.Command(id, b.ProjectTitle, Choice<OrgField>(b.Field), b.Summary, b.Goals, b.BudgetNote, b.Requested, b.StartOn, b.EndOn), ct);
            return r.Ok ? Results.Created($"/api/v1/venture-applications/{r.Value!.Id}", ApplicationView(r.Value)) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.SocialOrgsManage).WithName("EnterVentureApplication")
          .WithSummary("An admin of the round's unit enters an application for an approved organization of its subtree while the round is open.");
        rounds.MapGet("/{id:guid}/awards", async (Guid id, Awards awards, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await awards.BoardAsync(id, ct), t, b => new { evaluationId = b.EvaluationId, evaluationClosed = b.EvaluationClosed, lines = b.Lines }))
          .RequirePermission(Permission.SocialOrgsRead).WithName("GetVentureAwards")
          .WithSummary("The evaluated applications in result order (rank, total) with requested amounts and the proposal by ranking within the budget and cap.");
        rounds.MapPost("/{id:guid}/awards", async (Guid id, AwardsBody b, Awards awards, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await awards.SaveAsync(id, b.Awards, ct), t, RoundView))
          .RequirePermission(Permission.SocialOrgsManage).WithName("SaveVentureAwards")
          .WithSummary("Award once the evaluation is closed: each award ≤ requested and ≤ cap, the sum ≤ budget; funded applications get a library project, the rest are not awarded.");
        rounds.MapPost("/{id:guid}/close", async (Guid id, CloseBody? b, CloseRound close, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await close.RunAsync(id, b?.ByDecision ?? false, ct), t, RoundView))
          .RequirePermission(Permission.SocialOrgsManage).WithName("CloseVentureRound")
          .WithSummary("Close the round when every funded project is completed, or earlier with byDecision=true.");

        var applications = app.MapGroup("/api/v1/venture-applications").WithTags("Micro-venture rounds");
        applications.MapGet("/{id:guid}", async (Guid id, RoundReader reader, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await reader.ApplicationAsync(id, ct), t, ApplicationDetail))
          .RequirePermission(Permission.SocialOrgsRead).WithName("GetVentureApplication").WithSummary("One application with its reports and payments.");
        applications.MapPost("/{id:guid}/ineligible", async (Guid id, ReasonBody b, MarkIneligible mark, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await mark.RunAsync(id, b.Reason, ct), t, ApplicationView))
          .RequirePermission(Permission.SocialOrgsManage).WithName("MarkVentureApplicationIneligible")
          .WithSummary("资格审查: before review starts, mark an application ineligible with a reason; it will not be reviewed.");
        applications.MapGet("/{id:guid}/reports", async (Guid id, RoundReader reader, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await reader.ApplicationAsync(id, ct), t, v => new { items = v.Reports.Select(ReportView) }))
          .RequirePermission(Permission.SocialOrgsRead).WithName("ListVentureReports").WithSummary("The project's progress and final reports.");
        applications.MapGet("/{id:guid}/disbursements", async (Guid id, RoundReader reader, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await reader.ApplicationAsync(id, ct), t, v => new { items = v.Payments.Select(PaymentView), paid = v.Paid, remaining = (v.Application.Awarded ?? 0) - v.Paid }))
          .RequirePermission(Permission.SocialOrgsRead).WithName("ListVentureDisbursements").WithSummary("Payments to the project, paid and remaining of the award.");
        applications.MapPost("/{id:guid}/disbursements", async (Guid id, Disburse.Command b, Disburse disburse, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await disburse.RunAsync(id, b, ct);
            return r.Ok ? Results.Created($"/api/v1/venture-applications/{id}/disbursements", PaymentView(r.Value!)) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.SocialOrgsManage).WithName("RecordVentureDisbursement")
          .WithSummary("资金拨付: date, amount and payment reference; all payments together never exceed the award.");

        var reports = app.MapGroup("/api/v1/venture-reports").WithTags("Micro-venture rounds");
        reports.MapPost("/{id:guid}/accept", async (Guid id, ReviewReport review, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await review.AcceptAsync(id, ct), t, ReportView))
          .RequirePermission(Permission.SocialOrgsManage).WithName("AcceptVentureReport")
          .WithSummary("Accept a report; accepting the final report completes the project and writes its outcome into the project library.");
        reports.MapPost("/{id:guid}/return", async (Guid id, ReasonBody b, ReviewReport review, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await review.ReturnAsync(id, b.Reason, ct), t, ReportView))
          .RequirePermission(Permission.SocialOrgsManage).WithName("ReturnVentureReport").WithSummary("Send a report back with a reason; the organization files it again.");

        // The organization's own account
        var me = app.MapGroup("/api/v1/me").WithTags("Micro-venture rounds").RequireAuthorization();
        me.MapGet("/venture-rounds", async (AppDbContext db, RoundReader reader, CancellationToken ct) =>
            await VentureRules.OwnOrganizationAsync(db, ct) is { } org
                ? Results.Ok(new { items = (await reader.ForOrganizationAsync(org, ct)).Select(RoundView) })
                : Results.NotFound())
          .WithName("ListOwnVentureRounds").WithSummary("For an organization's account: the rounds of its registry unit and the units above it.");
        me.MapGet("/applications", async (AppDbContext db, RoundReader reader, CancellationToken ct) =>
            await VentureRules.OwnOrganizationAsync(db, ct) is { } org
                ? Results.Ok(new { items = (await reader.OwnApplicationsAsync(org, ct)).Select(x => new { application = ApplicationView(x.Application), roundTitle = x.Round.Title }) })
                : Results.NotFound())
          .WithName("ListOwnApplications").WithSummary("For an organization's account: its applications to rounds and what became of them.");
        me.MapPost("/applications", async (ApplyBody b, Apply apply, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await apply.AsOrganizationAsync(b.ToCommand(), ct);
            return r.Ok ? Results.Created($"/api/v1/me/applications/{r.Value!.Id}", ApplicationView(r.Value)) : r.Failures.ToProblem(t);
        }).WithName("ApplyToVentureRound")
          .WithSummary("The organization applies within the window: project, field, summary, goals, budget note, amount (≤ cap) and period; one live application per round.");
        me.MapGet("/applications/{id:guid}", async (Guid id, RoundReader reader, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await reader.OwnApplicationAsync(id, ct), t, ApplicationDetail))
          .WithName("GetOwnApplication").WithSummary("One of the organization's own applications with reports and payments.");
        me.MapPost("/applications/{id:guid}/withdraw", async (Guid id, WithdrawApplication withdraw, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await withdraw.RunAsync(id, ct), t, ApplicationView))
          .WithName("WithdrawOwnApplication").WithSummary("Withdraw while the round is still taking applications.");
        me.MapPost("/applications/{id:guid}/reports", async (Guid id, ReportBody b, FileReport file, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await file.RunAsync(id, b.ToCommand(), ct);
            return r.Ok ? Results.Created($"/api/v1/me/applications/{id}", ReportView(r.Value!)) : r.Failures.ToProblem(t);
        }).WithName("FileVentureReport").WithSummary("File a progress or final report for a funded project (body, spent so far, beneficiaries); one awaits review at a time.");

        var projects = app.MapGroup("/api/v1/library/projects").WithTags("Project and case libraries");
        projects.MapGet("/", async (OrgField? field, string? q, AppDbContext db, CancellationToken ct) =>
            Results.Ok(new { items = (await SearchProjects.RunAsync(db, field, q, ct)).Select(r => new { project = ProjectView(r.Project), organizationName = r.OrganizationName }) }))
          .RequirePermission(Permission.SocialOrgsRead).WithName("SearchLibraryProjects")
          .WithSummary("项目库: projects of units in scope; filter by field and by words (all must appear) in title, goals or outcome.");
        projects.MapGet("/{id:guid}", async (Guid id, AppDbContext db, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await db.OwnedAsync(db.LibraryProjects.AsNoTracking(), p => p.Id == id, Permission.SocialOrgsRead, ct), t, ProjectView))
          .RequirePermission(Permission.SocialOrgsRead).WithName("GetLibraryProject").WithSummary("One project of the library.");
        projects.MapPost("/", async (ProjectBody b, SaveProject save, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await save.CreateAsync(b.ToCommand(), ct);
            return r.Ok ? Results.Created($"/api/v1/library/projects/{r.Value!.Id}", ProjectView(r.Value)) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.SocialOrgsManage).WithName("CreateLibraryProject").WithSummary("Add a project: unit, optional organization, title, field, goals, budget, period, outcome.");
        projects.MapPut("/{id:guid}", async (Guid id, ProjectBody b, SaveProject save, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await save.UpdateAsync(id, b.ToCommand(), ct), t, ProjectView))
          .RequirePermission(Permission.SocialOrgsManage).WithName("UpdateLibraryProject").WithSummary("Edit a project, its outcome (成效) included; the unit stays.");

        var cases = app.MapGroup("/api/v1/library/cases").WithTags("Project and case libraries");
        cases.MapGet("/", async (OrgField? field, string? tag, string? q, AppDbContext db, CancellationToken ct) =>
            Results.Ok(new { items = (await SearchCases.RunAsync(db, field, tag, q, ct)).Select(CaseView) }))
          .RequirePermission(Permission.SocialOrgsRead).WithName("SearchLibraryCases")
          .WithSummary("案例库: written-up cases, shared with League staff everywhere; filter by field, tag and words in title, summary or body.");
        cases.MapGet("/{id:guid}", async (Guid id, AppDbContext db, CancellationToken ct) =>
            await db.LibraryCases.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct) is { } c ? Results.Ok(CaseView(c)) : Results.NotFound())
          .RequirePermission(Permission.SocialOrgsRead).WithName("GetLibraryCase").WithSummary("One case.");
        cases.MapPost("/", async (CaseBody b, SaveCase save, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await save.CreateAsync(b.ToCommand(), ct);
            return r.Ok ? Results.Created($"/api/v1/library/cases/{r.Value!.Id}", CaseView(r.Value)) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.SocialOrgsManage).WithName("CreateLibraryCase")
          .WithSummary("Write up a case: unit, title, field, summary, body, tags, date written, optional organization and project.");
        cases.MapPut("/{id:guid}", async (Guid id, CaseBody b, SaveCase save, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await save.UpdateAsync(id, b.ToCommand(), ct), t, CaseView))
          .RequirePermission(Permission.SocialOrgsManage).WithName("UpdateLibraryCase").WithSummary("Edit a case; needs SocialOrgsManage over the case's unit (403 for a case of another unit one may read).");
        return app;
    }
}
