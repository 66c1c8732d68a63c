using Microsoft.Extensions.Localization;
using Qingyun.Domain.Access;
using Qingyun.Domain.People;
using Qingyun.Domain.Rosters;
using Qingyun.Features.People;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Recruitment;

public static class RecruitmentSetup
{
    public static IServiceCollection AddRecruitment(this IServiceCollection services)
    {
        services.AddScoped<RecruitmentSteps>();
        services.AddScoped<BrowseRecruits>();
        return services;
    }

    public sealed record ClassBody(DateOnly? On, string? Topic, decimal? Hours);

    public sealed record DecisionBody(bool Approve, DateOnly? On, string? Note);

    public sealed record EnrolBody(string? MemberNumber, bool IsStudent);

    public sealed record NoteBody(string? Note);

    public static WebApplication MapRecruitmentApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1/recruits").WithTags("Recruitment");
        IResult Answer<T>(Qingyun.Domain.Result<T> r, IStringLocalizer<SharedResource> t, Func<T, object> body) =>
            r.Ok ? Results.Ok(body(r.Value!)) : r.Failures.ToProblem(t);
        static object Summary(Recruit r) => new { r.Id, r.PersonId, r.UnitId, r.Stage, r.AppliedOn, r.ActivistOn, r.CandidateOn, r.MeetingOn, r.AdmittedOn, r.MembershipId };

        api.MapGet("/", async (RecruitStage? stage, bool? openOnly, string? name, Guid? after, BrowseRecruits browse, CancellationToken ct) =>
        {
            var (items, next) = await browse.ListAsync(stage, openOnly ?? true, name, after, ct);
            return Results.Ok(new { items, next });
        }).RequirePermission(Permission.PeopleRead).WithName("ListRecruits")
          .WithSummary("Recruitment cases (团员发展) in scope; open ones unless `openOnly=false`; keyset paging by `after`.");

        api.MapGet("/{id:guid}", async (Guid id, BrowseRecruits browse, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await browse.DetailsAsync(id, ct);
            return r.Ok ? Results.Ok(new { recruit = r.Value!.Recruit, steps = r.Value.Steps, classes = r.Value.Classes.Select(c => new { c.Id, c.On, c.Topic, c.Hours }) }) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.PeopleRead).WithName("GetRecruit").WithSummary("One case with every step (date, by whom, signed form) and the League classes attended.");

        api.MapPost("/", async (HttpRequest request, RecruitmentSteps steps, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var f = await FormFields.ReadAsync(request, ct);
            var person = new PersonInput(f.Id("unitId", "UnitId"), f.Text("name"), f.Text("idNumber"), f.Text("phone"), f.Text("ethnicity"),
                PoliticalStatus.Masses, f.Choice<Education>("education", "Education"), f.Text("workplace"), f.Text("address"));
            var appliedOn = f.Date("appliedOn", "AppliedOn");
            if (f.Failures.Count > 0)
            {
                return f.Failures.ToProblem(t);
            }
            var r = await steps.ApplyAsync(new RecruitmentSteps.ApplyCommand(person, appliedOn, f.File("form")), ct);
            return r.Ok ? Results.Created($"/api/v1/recruits/{r.Value!.Id}", Summary(r.Value)) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.PeopleManage).DisableAntiforgery().WithName("ApplyToJoin")
          .WithSummary("Records an application (入团申请): multipart fields unitId, name, idNumber, phone, ethnicity, education, workplace, address, appliedOn, and the signed form as `form` (a PDF); ages 14–28 on the application date.");

        api.MapPost("/{id:guid}/steps", async (Guid id, HttpRequest request, RecruitmentSteps steps, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var f = await FormFields.ReadAsync(request, ct);
            var to = f.Choice<RecruitStage>("to", "To");
            var on = f.Date("on", "On");
            if (f.Failures.Count > 0)
            {
                return f.Failures.ToProblem(t);
            }
            return Answer(await steps.AdvanceAsync(new RecruitmentSteps.AdvanceCommand(id, to ?? 0, on, f.File("form"), f.Text("note")), ct), t, Summary);
        }).RequirePermission(Permission.PeopleManage).DisableAntiforgery().WithName("AdvanceRecruit")
          .WithSummary("The branch's next step (multipart): `to` = `Activist`, `Candidate` or `Proposed` (the branch meeting; needs 3 months as activist and 8 classes), `on`, `note`, and the signed form as `form` (PDF).");

        api.MapPost("/{id:guid}/classes", async (Guid id, ClassBody b, RecruitmentSteps steps, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await steps.AddClassAsync(new RecruitmentSteps.ClassCommand(id, b.On, b.Topic, b.Hours), ct), t, c => new { c.Id, c.On, c.Topic, c.Hours }))
          .RequirePermission(Permission.PeopleManage).WithName("AddRecruitClass").WithSummary("A League class (团课) the activist attended.");

        api.MapPost("/{id:guid}/decision", async (Guid id, DecisionBody b, RecruitmentSteps steps, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await steps.DecideAsync(new RecruitmentSteps.DecideCommand(id, b.Approve, b.On, b.Note), ct), t, Summary))
          .RequirePermission(Permission.PeopleManage).WithName("DecideAdmission").WithSummary("The level above approves the admission (dated) or returns it with a reason.");

        api.MapPost("/{id:guid}/enrol", async (Guid id, EnrolBody b, RecruitmentSteps steps, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await steps.EnrolAsync(new RecruitmentSteps.EnrolCommand(id, b.MemberNumber, b.IsStudent), ct), t, Summary))
          .RequirePermission(Permission.PeopleManage).WithName("EnrolRecruit").WithSummary("The admitted young person joins the roster with a member number.");

        api.MapPost("/{id:guid}/withdraw", async (Guid id, NoteBody b, RecruitmentSteps steps, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await steps.WithdrawAsync(id, b.Note, ct), t, Summary))
          .RequirePermission(Permission.PeopleManage).WithName("WithdrawRecruit").WithSummary("Ends a case before admission, with a reason.");
        return app;
    }
}
