using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.Assistance;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;
using static Qingyun.Infrastructure.Problems;

namespace Qingyun.Features.Assistance;

/// <summary>Assistance cases (青春助跑, 阳光牵手): intake, pairing, visits, figures — services, the overdue job and the API.</summary>
public static class AssistanceSetup
{
    public sealed record IntakeBody(
        Guid? UnitId, Guid? PersonId, string? Name, string? IdNumber, string? Phone, string? Address, AssistanceProgramme? Programme,
        string[]? Categories, CaseNeeds? Needs, string? NeedsNote, DateOnly? IntakeOn, string? IntakeNote, DateOnly? ConsentOn, string? ConsentBy,
        string? ConsentRelation);

    public sealed record DetailsBody(AssistanceProgramme? Programme, string[]? Categories, CaseNeeds? Needs, string? NeedsNote, string? IntakeNote,
        DateOnly? ConsentOn, string? ConsentBy, string? ConsentRelation);

    public sealed record CategoryBody(string? Name, string? NameEn);

    public sealed record StatusBody(CaseStatus? Status, string? Note);

    public sealed record OwnerBody(string? UserName);

    public sealed record PairingBody(string? VolunteerNumber, Guid? TeamId, DateOnly? StartedOn, string? Note);

    public sealed record VisitBody(DateOnly? VisitedOn, VisitForm? Form, int? Minutes, string? Done, string? Situation, string? FollowUp,
        string? ResourcesGiven, decimal? MoneyGiven)
    {
        public VisitLog.VisitCommand ToCommand() => new(VisitedOn, Form, Minutes, Done, Situation, FollowUp, ResourcesGiven, MoneyGiven);
    }

    public static IServiceCollection AddAssistance(this IServiceCollection services)
    {
        services.AddScoped<CaseReader>();
        services.AddScoped<CaseDesk>();
        services.AddScoped<VisitLog>();
        services.AddScoped<BrowseCases>();
        services.AddScoped<ExportCases>();
        services.AddScoped<BeneficiaryCategories>();
        services.AddHostedService<OverdueVisitsJob>();
        return services;
    }

    public static object RowView(BrowseCases.Row r) => new
    {
        r.Id, r.PersonId, r.Name, r.Gender, r.Age, idNumber = r.IdNumberMasked, r.UnitId, r.UnitName, r.Programme,
        categories = r.Categories.Split('|', StringSplitOptions.RemoveEmptyEntries), needs = r.Needs, r.Status, r.IntakeOn, r.OwnerName,
        pairedWith = r.Paired, r.PairedSince, r.Visits, r.LastVisit, progress = r.Progress is { } p ? ProgressView(p) : null,
    };

    public static object ProgressView(PlanProgress p) => new
    {
        planId = p.Plan.Id, p.Plan.StartsOn, p.Plan.EndsOn, p.Planned, p.Due, p.Done, p.Overdue, p.MissedDueOn, p.NextDueOn,
        goals = p.Plan.Goals.Count, p.GoalsReached,
    };

    public static object CaseView(AssistanceCase c) => new
    {
        c.Id, c.UnitId, c.PersonId, c.Programme, categories = c.CategoryCodes, c.Needs, c.NeedsNote, c.IntakeOn, c.IntakeNote, c.ConsentOn, c.ConsentBy,
        c.ConsentRelation, c.Status, c.StatusNote, c.ClosedOn, c.OwnerUserId, c.OwnerName, c.CreatedAt, c.UpdatedAt,
    };

    public static object VisitView(CaseVisit v) => new
    {
        v.Id, v.CaseId, v.VisitedOn, v.Form, v.Minutes, v.Done, v.Situation, v.FollowUp, v.ResourcesGiven, v.MoneyGiven, v.ByName, v.LoggedAt,
    };

    public static object PairingView(CasePairing p, string? name) => new { p.Id, p.CaseId, p.VolunteerId, p.TeamId, name, p.StartedOn, p.EndedOn, p.EndNote };

    public static WebApplication MapAssistanceApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1/assistance").WithTags("Assistance cases");

        api.MapGet("/cases", async (Guid? unitId, string? name, CaseStatus? status, AssistanceProgramme? programme, string? category, bool? mine, bool? overdue,
            BrowseCases browse, CancellationToken ct) =>
        {
            var page = await browse.ListAsync(new CaseFilter(unitId, name, status, programme, category, mine, overdue), ct);
            return Results.Ok(new { items = page.Rows.Select(RowView), more = page.More });
        }).RequireAuthorization().WithName("ListCases")
          .WithSummary("Cases the caller may see — case administrators: their subtree; a case owner: their own; a volunteer: those paired with them now — with who is paired and the plan's progress. Every call is audited.");

        api.MapPost("/cases", async (IntakeBody b, CaseDesk desk, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await desk.IntakeAsync(new CaseDesk.IntakeCommand(b.UnitId, b.PersonId, b.Name, b.IdNumber, b.Phone, b.Address, b.Programme, b.Categories,
                b.Needs ?? CaseNeeds.None, b.NeedsNote, b.IntakeOn, b.IntakeNote, b.ConsentOn, b.ConsentBy, b.ConsentRelation), ct);
            return r.Ok ? Results.Created($"/api/v1/assistance/cases/{r.Value!.Id}", CaseView(r.Value)) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.PeopleManage).WithName("OpenCase")
          .WithSummary("Intake (受理): a beneficiary — someone on file in scope (personId) or a new person (name, ID number, optional phone and address; kept protected) — with programme, categories, needs, the intake date and consent (a guardian's, with the relation, for a minor). The caller owns the case.");

        api.MapGet("/cases/{id:guid}", async (Guid id, CaseReader reader, AppDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await reader.OpenAsync(id, ct);
            if (!r.Ok)
            {
                return r.Failures.ToProblem(t);
            }
            var v = r.Value!;
            var pairings = await db.CasePairings.AsNoTracking().Where(p => p.CaseId == id).OrderByDescending(p => p.StartedOn).ToListAsync(ct);
            var names = await BrowseCases.NamesAsync(db, pairings, ct);
            var visits = await db.CaseVisits.AsNoTracking().Where(x => x.CaseId == id).OrderByDescending(x => x.VisitedOn).ToListAsync(ct);
            var progress = await PlanProgress.ForCasesAsync(db, [id], clock.ChinaToday(), ct);
            return Results.Ok(new
            {
                @case = CaseView(v.Case),
                beneficiary = new { v.Beneficiary.Name, v.Beneficiary.Gender, v.Beneficiary.BirthDate, idNumber = v.Beneficiary.IdNumberMasked, phone = v.Beneficiary.PhoneMasked },
                unitName = v.UnitName, role = v.Role,
                pairings = pairings.Select(p => PairingView(p, names[p.Id].Name)),
                visits = visits.Select(VisitView),
                progress = progress.TryGetValue(id, out var p) ? ProgressView(p) : null,
            });
        }).RequireAuthorization().WithName("GetCase")
          .WithSummary("One case with its pairings, visits and plan progress. The ID number is always masked. 404 for anyone who is not its owner, paired with it, or a case administrator over its unit. Audited.");

        api.MapPut("/cases/{id:guid}", async (Guid id, DetailsBody b, CaseDesk desk, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await desk.EditAsync(id, new CaseDesk.DetailsCommand(b.Programme, b.Categories, b.Needs ?? CaseNeeds.None, b.NeedsNote, b.IntakeNote,
                b.ConsentOn, b.ConsentBy, b.ConsentRelation), ct), t, CaseView))
          .RequireAuthorization().WithName("EditCase").WithSummary("Changes programme, categories, needs, notes and consent (owner or case administrator).");

        api.MapPost("/cases/{id:guid}/status", async (Guid id, StatusBody b, CaseDesk desk, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await desk.SetStatusAsync(id, b.Status, b.Note, ct), t, CaseView))
          .RequireAuthorization().WithName("SetCaseStatus")
          .WithSummary("Active ⇄ Paused (with a reason), any → Closed (with a reason; ends the pairing), Closed → Open. Owner or case administrator.");

        api.MapPost("/cases/{id:guid}/owner", async (Guid id, OwnerBody b, CaseDesk desk, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await desk.ChangeOwnerAsync(id, b.UserName, ct), t, CaseView))
          .RequireAuthorization().WithName("SetCaseOwner")
          .WithSummary("A case administrator hands the case to another account that reads people of its unit (by user name).");

        api.MapPost("/cases/{id:guid}/pairing", async (Guid id, PairingBody b, CaseDesk desk, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await desk.PairAsync(id, b.VolunteerNumber, b.TeamId, b.StartedOn, b.Note, ct), t, p => PairingView(p, null)))
          .RequireAuthorization().WithName("PairCase")
          .WithSummary("Pairs a volunteer (by volunteer number) or a volunteer team with the case from a day; the pairing before it ends that day and its access goes. The volunteer is told.");

        api.MapGet("/cases/{id:guid}/visits", async (Guid id, CaseReader reader, VisitLog visits, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await reader.OpenAsync(id, ct);
            return r.Ok ? Results.Ok(new { items = (await visits.OfCaseAsync(id, ct)).Select(VisitView) }) : r.Failures.ToProblem(t);
        }).RequireAuthorization().WithName("ListCaseVisits").WithSummary("The case's visits (帮扶记录), newest first.");

        api.MapPost("/cases/{id:guid}/visits", async (Guid id, VisitBody b, VisitLog visits, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await visits.LogAsync(id, b.ToCommand(), ct);
            return r.Ok ? Results.Created($"/api/v1/assistance/cases/{id}/visits/{r.Value!.Id}", VisitView(r.Value)) : r.Failures.ToProblem(t);
        }).RequireAuthorization().WithName("LogCaseVisit")
          .WithSummary("Logs a visit: date (not in the future, not before intake), form, minutes (1–1440), what was done, the situation, follow-ups, things and money given. The paired volunteer, the owner or a case administrator.");

        api.MapDelete("/cases/{id:guid}/visits/{visitId:guid}", async (Guid id, Guid visitId, VisitLog visits, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await visits.RemoveAsync(id, visitId, ct), t, VisitView))
          .RequireAuthorization().WithName("RemoveCaseVisit").WithSummary("Removes a visit logged by mistake: its author on the day it was logged, or a case administrator. The audit log keeps it.");

        api.MapGet("/figures", async (Guid? unitId, int? year, AppDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var unit = await db.UnitForAsync(unitId, Permission.PeopleRead, "UnitId", ct);
            if (!unit.Ok)
            {
                return unit.Failures.ToProblem(t);
            }
            var today = clock.ChinaToday();
            if (year is { } y && (y < 2000 || y > today.Year + 1))
            {
                return new[] { new Failure("Year", "Range", 400, 2000, today.Year + 1) }.ToProblem(t);
            }
            return Results.Ok(await AssistanceFigures.ForAsync(db, unit.Value!.Path, year ?? today.Year, today, ct));
        }).RequirePermission(Permission.PeopleRead).WithName("AssistanceFigures")
          .WithSummary("Counts for a unit's subtree and a year: beneficiaries, cases by status/programme/category, pairs, visits (made, planned, due), support delivered and money given, scholarships, overdue cases. Numbers only — for anyone who reads people of the unit.");

        api.MapGet("/categories", async (AppDbContext db, CancellationToken ct) =>
            Results.Ok(new { items = await db.BeneficiaryCategories.AsNoTracking().OrderBy(c => c.SortOrder).Select(c => new { c.Code, c.NameZh, c.NameEn, archived = c.ArchivedAt != null }).ToListAsync(ct) }))
          .RequireAuthorization().WithName("ListBeneficiaryCategories").WithSummary("The platform's beneficiary categories (帮扶对象类别).");

        api.MapPost("/categories", async (CategoryBody b, BeneficiaryCategories categories, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await categories.AddAsync(b.Name, b.NameEn, ct);
            return r.Ok ? Results.Created($"/api/v1/assistance/categories/{r.Value!.Code}", new { r.Value.Code, r.Value.NameZh, r.Value.NameEn }) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.CasesManage).WithName("AddBeneficiaryCategory")
          .WithSummary("Adds a beneficiary category (system administrators): a Chinese name (unique, ≤ 30) and an English one.");

        app.MapGet("/api/v1/me/cases", async (BrowseCases browse, CancellationToken ct) =>
        {
            var page = await browse.ListAsync(new CaseFilter(null, null, null, null, null, true, null), ct);
            return Results.Ok(new { items = page.Rows.Select(RowView) });
        }).RequireAuthorization().WithTags("Assistance cases").WithName("ListOwnCases")
          .WithSummary("The cases you own or are paired with now, with the plan's progress (a volunteer's phone list).");
        return app;
    }
}
