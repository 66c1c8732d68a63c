using Microsoft.Extensions.Localization;
using Qingyun.Domain.Assistance;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using static Qingyun.Infrastructure.Problems;

namespace Qingyun.Features.Assistance;

/// <summary>
/// The plans (服务计划书) and support items (帮扶资源) of assistance cases, over the API: the same desks as the
/// pages, the case opened through <see cref="CaseReader"/> on every call (not visible: 404; visible but not
/// allowed: 403). Any signed-in account may call; the case's filter decides what it reaches.
/// </summary>
public static class PlanSupportApi
{
    public static IServiceCollection AddCasePlans(this IServiceCollection services)
    {
        // The case door is the lead's area's; TryAdd, so registering it there too changes nothing.
        services.AddScoped<PlanDesk>();
        services.AddScoped<PlanPdf>();
        services.AddScoped<SupportDesk>();
        return services;
    }

    public sealed record GoalBody(string? Text, DateOnly? TargetOn);

    public sealed record PlanBody(DateOnly? StartsOn, DateOnly? EndsOn, int? VisitsPlanned, GoalBody[]? Goals, string? Resources, string? Measures)
    {
        public PlanDesk.PlanInput ToInput() => new(StartsOn, EndsOn, VisitsPlanned, Goals?.Select(g => new PlanDesk.GoalInput(g.Text, g.TargetOn)).ToList(), Resources, Measures);
    }

    public sealed record PlanDecisionBody(bool Approve, string? Note);

    public sealed record AchievedBody(DateOnly? AchievedOn);

    /// <summary><c>kind</c> is read as text, so an unknown kind is a field failure after the case check (404 first), not a binding 400.</summary>
    public sealed record ApplyBody(string? Kind, string? Name, string? Sponsor, decimal? Amount, DateOnly? AppliedOn);

    public sealed record SupportDecisionBody(bool Approve, DateOnly? DecidedOn, string? Note);

    public sealed record DeliveryBody(DateOnly? DeliveredOn, decimal? DeliveredAmount, string? PaymentReference);

    public sealed record ResourceBody(string? Kind, string? Name, string? Sponsor, string? Items, decimal? Value, DateOnly? DeliveredOn);

    /// <summary>A kind by name (or number); anything else becomes an undefined value the desk refuses as an invalid choice.</summary>
    private static SupportKind? KindOf(string? kind) =>
        string.IsNullOrWhiteSpace(kind) ? null
        : Enum.TryParse<SupportKind>(kind.Trim(), ignoreCase: true, out var k) && Enum.IsDefined(k) ? k : (SupportKind)(-1);

    public static object PlanView(CasePlan p, PlanDesk.Progress? progress = null) => new
    {
        p.Id, p.CaseId, p.UnitId, p.StartsOn, p.EndsOn, p.VisitsPlanned, p.State, p.ApprovedBy, p.ApprovedAt, p.ReturnNote, p.Resources, p.Measures,
        goals = p.Goals.Select((g, i) => new { number = i + 1, g.Text, g.TargetOn, g.AchievedOn }),
        dueDates = PlanDesk.Schedule(p),
        progress = progress is null ? null : new
        {
            visitsLogged = progress.Logged, visitsDue = progress.DueNow, visitsPlanned = progress.Planned, behind = progress.Behind,
            goalsAchieved = progress.GoalsAchieved, goalsTotal = progress.GoalsTotal,
        },
    };

    public static object SupportView(CaseSupport s) => new
    {
        s.Id, s.CaseId, s.UnitId, s.Kind, s.Name, s.Sponsor, s.Amount, s.Items, s.State, s.AppliedOn, s.DecidedOn, s.DecidedBy, s.DecisionNote,
        s.DeliveredOn, s.DeliveredAmount, s.PaymentReference, s.ByUserName, s.CreatedAt,
    };

    private static object TotalsView(SupportDesk.Totals t) => new { applied = t.Applied, approved = t.Approved, delivered = t.Delivered, resourceValue = t.ResourceValue, count = t.Count };

    public static WebApplication MapCasePlansApi(this WebApplication app)
    {
        var cases = app.MapGroup("/api/v1/assistance/cases/{id:guid}").WithTags("Assistance").RequireAuthorization();

        cases.MapGet("/plans", async (Guid id, PlanDesk desk, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await desk.ListAsync(id, ct), t, l => new { items = l.Plans.Select(r => PlanView(r.Plan, r.Progress)), pairedWith = l.Paired }))
          .WithName("ListCasePlans").WithSummary("服务计划书 of a case, newest period first, each with its visit due dates and progress (visits logged in the period, due by today, planned; goals achieved).");
        cases.MapPost("/plans", async (Guid id, PlanBody b, PlanDesk desk, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await desk.CreateAsync(id, b.ToInput(), ct);
            return r.Ok ? Results.Created($"/api/v1/assistance/cases/{id}/plans/{r.Value!.Id}", PlanView(r.Value)) : r.Failures.ToProblem(t);
        }).WithName("CreateCasePlan").WithSummary("A draft plan for a period (end after start, at most two years): planned visits spread evenly over it, goals with target dates inside it (at least one), resources, measures. Case owner or administrator.");
        cases.MapGet("/plans/{planId:guid}", async (Guid id, Guid planId, PlanDesk desk, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await desk.ListAsync(id, ct);
            if (!r.Ok)
            {
                return r.Failures.ToProblem(t);
            }
            return r.Value!.Plans.FirstOrDefault(p => p.Plan.Id == planId) is { } row ? Results.Ok(PlanView(row.Plan, row.Progress)) : Results.NotFound();
        }).WithName("GetCasePlan").WithSummary("One plan with its due dates and progress.");
        cases.MapPut("/plans/{planId:guid}", async (Guid id, Guid planId, PlanBody b, PlanDesk desk, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await desk.UpdateAsync(id, planId, b.ToInput(), ct), t, p => PlanView(p)))
          .WithName("UpdateCasePlan").WithSummary("Change a plan's content; a submitted or approved plan that changes goes back to draft and must be submitted again.");
        cases.MapPost("/plans/{planId:guid}/submit", async (Guid id, Guid planId, PlanDesk desk, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await desk.SubmitAsync(id, planId, ct), t, p => PlanView(p)))
          .WithName("SubmitCasePlan").WithSummary("报批: a draft goes to the unit for approval.");
        cases.MapPost("/plans/{planId:guid}/decision", async (Guid id, Guid planId, PlanDecisionBody b, PlanDesk desk, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await desk.DecideAsync(id, planId, b.Approve, b.Note, ct), t, p => PlanView(p)))
          .WithName("DecideCasePlan").WithSummary("Approve a submitted plan, or return it to draft with a note. Administrators with CasesManage over the case's unit only.");
        cases.MapPost("/plans/{planId:guid}/goals/{goal:int}", async (Guid id, Guid planId, int goal, AchievedBody b, PlanDesk desk, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await desk.AchieveAsync(id, planId, goal, b.AchievedOn, ct), t, p => PlanView(p)))
          .WithName("MarkPlanGoal").WithSummary("Mark goal n (1-based) achieved on `achievedOn`, or clear the mark with null; the plan's approval stands.");
        cases.MapGet("/plans/{planId:guid}/pdf", async (Guid id, Guid planId, PlanPdf pdf, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await pdf.RenderAsync(id, planId, ct);
            return r.Ok ? Results.File(r.Value.Pdf, "application/pdf", r.Value.FileName) : r.Failures.ToProblem(t);
        }).WithName("CasePlanPdf").WithSummary("The printable 服务计划书 (PDF, Chinese, A4; the ID number masked). The download is audited.");

        cases.MapGet("/support", async (Guid id, SupportDesk desk, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await desk.ListAsync(id, ct), t, l => new { items = l.Items.Select(SupportView), totals = TotalsView(l.Totals) }))
          .WithName("ListCaseSupport").WithSummary("Scholarships, grants and partner resources of a case, newest first, with the totals (yuan).");
        cases.MapPost("/support", async (Guid id, ApplyBody b, SupportDesk desk, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await desk.ApplyAsync(id, new SupportDesk.ApplyInput(KindOf(b.Kind), b.Name, b.Sponsor, b.Amount, b.AppliedOn), ct);
            return r.Ok ? Results.Created($"/api/v1/assistance/cases/{id}/support/{r.Value!.Id}", SupportView(r.Value)) : r.Failures.ToProblem(t);
        }).WithName("ApplyForSupport").WithSummary("Apply for a scholarship or grant (kind Scholarship or Grant; amount in yuan, more than 0, two decimals at most). Case owner or administrator.");
        cases.MapPost("/support/resources", async (Guid id, ResourceBody b, SupportDesk desk, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await desk.RecordResourceAsync(id, new SupportDesk.ResourceInput(KindOf(b.Kind), b.Name, b.Sponsor, b.Items, b.Value, b.DeliveredOn), ct);
            return r.Ok ? Results.Created($"/api/v1/assistance/cases/{id}/support/{r.Value!.Id}", SupportView(r.Value)) : r.Failures.ToProblem(t);
        }).WithName("RecordPartnerResource").WithSummary("Resources from a partner unit (kind Goods, Training or Service; sponsor, items, optional value), recorded as delivered.");
        cases.MapPost("/support/{supportId:guid}/decision", async (Guid id, Guid supportId, SupportDecisionBody b, SupportDesk desk, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await desk.DecideAsync(id, supportId, new SupportDesk.DecideInput(b.Approve, b.DecidedOn, b.Note), ct), t, SupportView))
          .WithName("DecideSupport").WithSummary("Approve an application, or reject it with a note. Administrators with CasesManage over the case's unit only.");
        cases.MapPost("/support/{supportId:guid}/delivery", async (Guid id, Guid supportId, DeliveryBody b, SupportDesk desk, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await desk.DeliverAsync(id, supportId, new SupportDesk.DeliverInput(b.DeliveredOn, b.DeliveredAmount, b.PaymentReference), ct), t, SupportView))
          .WithName("DeliverSupport").WithSummary("Record the payment of an approved application: the day, the amount (at most the amount approved) and the payment reference.");

        app.MapGet("/api/v1/assistance/support", async (Guid? unitId, SupportKind? kind, SupportState? state, int? year, SupportDesk desk, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await desk.BrowseAsync(new SupportDesk.Filter(unitId, kind, state, year), ct), t, l => new
            {
                items = l.Rows.Select(r => new { support = SupportView(r.Support), beneficiary = r.Beneficiary, unitName = r.UnitName }),
                totals = TotalsView(l.Totals), more = l.More,
            }))
          .RequireAuthorization().WithTags("Assistance").WithName("ListSupport")
          .WithSummary("Support items of every case you may open, narrowed by `unitId` (its subtree), `kind`, `state` and `year` applied; newest first, with the totals over all that match.");
        return app;
    }
}
