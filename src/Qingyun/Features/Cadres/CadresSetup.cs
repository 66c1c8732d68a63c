using Microsoft.Extensions.Localization;
using Qingyun.Domain.Access;
using Qingyun.Domain.Cadres;
using Qingyun.Domain.People;
using Qingyun.Features.People;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Cadres;

public static class CadresSetup
{
    public static IServiceCollection AddCadres(this IServiceCollection services)
    {
        services.AddScoped<BrowseCadres>();
        services.AddScoped<CadrePeople>();
        services.AddScoped<AppointCadre.Handler>();
        services.AddScoped<EndTerm.Handler>();
        services.AddScoped<HandOverPost.Handler>();
        services.AddScoped<RecordTraining.Handler>();
        services.AddScoped<DeleteTraining.Handler>();
        services.AddScoped<ImportCadres.Handler>();
        services.AddScoped<ExportCadres>();
        return services;
    }

    /// <summary>The person fields of an appointment or hand-over; `cadreKind`, not `kind`, which elsewhere names a unit's kind.</summary>
    public sealed record AppointBody(Guid? UnitId, string? Name, string? IdNumber, string? Phone, string? Ethnicity, PoliticalStatus? PoliticalStatus,
        Education? Education, string? Workplace, CadrePost Post, CadreKind CadreKind, DateOnly? StartedOn, DateOnly? PlannedEndOn, string? Note);

    public sealed record EndBody(DateOnly? EndedOn, TermEndReason? EndReason, string? Note);

    public sealed record HandOverBody(string? Name, string? IdNumber, string? Phone, string? Ethnicity, PoliticalStatus? PoliticalStatus,
        Education? Education, string? Workplace, CadreKind CadreKind, DateOnly? HandOverOn, DateOnly? PlannedEndOn, string? Note);

    public sealed record TrainingBody(Guid? UnitId, string? Course, string? Organizer, DateOnly? AttendedOn, decimal? Hours);

    private static object Show(CadreRow r, DateOnly today) => new
    {
        r.Id, r.PersonId, r.Name, r.PhoneMasked, r.IdNumberMasked, r.UnitId, r.UnitName, r.UnitCode, r.Post, r.Kind, r.StartedOn,
        r.PlannedEndOn, r.EndedOn, r.EndReason, r.AppointNote, r.EndNote, r.PredecessorTermId, Overdue = r.OverdueOn(today),
    };

    private static object Show(CadreTerm t) => new
    {
        t.Id, t.PersonId, t.UnitId, t.Post, t.Kind, t.StartedOn, t.PlannedEndOn, t.EndedOn, t.EndReason, t.AppointNote, t.EndNote, t.PredecessorTermId,
    };

    public static WebApplication MapCadresApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1/cadres").WithTags("Cadres");

        api.MapGet("/", async ([AsParameters] CadreFilter filter, BrowseCadres browse, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await browse.ListAsync(filter, ct);
            var today = browse.Today;
            return r.Ok ? Results.Ok(new { items = r.Value!.Items.Select(i => Show(i, today)), next = r.Value.Next }) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.PeopleRead).WithName("ListCadres")
          .WithSummary("Cadres in office in scope: filter by subtree (`unitId`), post, kind, name, overdue for re-election; keyset paging by `after`.");

        api.MapGet("/vacancies", async (Guid? unitId, Guid? after, BrowseCadres browse, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await browse.VacanciesAsync(unitId, after, ct);
            return r.Ok ? Results.Ok(new { items = r.Value!.Items, next = r.Value.Next }) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.PeopleRead).WithName("ListCadreVacancies")
          .WithSummary("Open League units in scope (or in the `unitId` subtree) that have no 书记 in office; keyset paging by `after`.");

        api.MapGet("/units/{unitId:guid}", async (Guid unitId, BrowseCadres browse, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await browse.TeamAsync(unitId, ct);
            if (!r.Ok)
            {
                return r.Failures.ToProblem(t);
            }
            var today = browse.Today;
            var team = r.Value!;
            return Results.Ok(new
            {
                unit = new { team.Unit.Id, team.Unit.Code, team.Unit.Name, team.Unit.Kind, team.Unit.BodyType },
                vacant = team.Vacant,
                current = team.Current.Select(i => Show(i, today)),
                history = team.History.Select(i => Show(i, today)),
            });
        }).RequirePermission(Permission.PeopleRead).WithName("GetUnitCadreTeam")
          .WithSummary("A unit's cadre team: the terms in office by post, whether the 书记 post is vacant, and the ended terms.");

        api.MapGet("/{id:guid}", async (Guid id, BrowseCadres browse, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await browse.TermAsync(id, ct);
            var today = browse.Today;
            return r.Ok
                ? Results.Ok(new { term = Show(r.Value!.Term, today), postHistory = r.Value.PostHistory.Select(i => Show(i, today)) })
                : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.PeopleRead).WithName("GetCadreTerm")
          .WithSummary("One term with the history of its post in its unit (every holder, newest first).");

        api.MapPost("/", async (AppointBody b, AppointCadre.Handler handler, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var person = new PersonInput(b.UnitId, b.Name, b.IdNumber, b.Phone, b.Ethnicity, b.PoliticalStatus ?? PoliticalStatus.LeagueMember, b.Education, b.Workplace, null);
            var r = await handler.Handle(new AppointCadre.Command(person, b.Post, b.CadreKind, b.StartedOn, b.PlannedEndOn, b.Note), ct);
            return r.Ok ? Results.Created($"/api/v1/cadres/{r.Value!.Id}", Show(r.Value)) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.PeopleManage).WithName("AppointCadre")
          .WithSummary("Appoints a person (found by ID number, or registered in the unit now) to a post; one 书记 per unit, one open term of a post per person and unit.");

        api.MapPost("/{id:guid}/end", async (Guid id, EndBody b, EndTerm.Handler handler, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await handler.Handle(new EndTerm.Command(id, b.EndedOn, b.EndReason, b.Note), ct);
            return r.Ok ? Results.Ok(Show(r.Value!)) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.PeopleManage).WithName("EndCadreTerm")
          .WithSummary("Ends a term in office on a day, for a reason; the term stays in the post's history.");

        api.MapPost("/{id:guid}/handover", async (Guid id, HandOverBody b, HandOverPost.Handler handler, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var successor = new PersonInput(null, b.Name, b.IdNumber, b.Phone, b.Ethnicity, b.PoliticalStatus ?? PoliticalStatus.LeagueMember, b.Education, b.Workplace, null);
            var r = await handler.Handle(new HandOverPost.Command(id, successor, b.CadreKind, b.HandOverOn, b.PlannedEndOn, b.Note), ct);
            return r.Ok ? Results.Ok(new { ended = Show(r.Value!.Ended), started = Show(r.Value.Started) }) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.PeopleManage).WithName("HandOverCadrePost")
          .WithSummary("Hands a post over (流转): ends the holder's term and starts the successor's on the same day, in one transaction, with a note.");

        api.MapGet("/people/{personId:guid}/trainings", async (Guid personId, BrowseCadres browse, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await browse.CadreAsync(personId, ct);
            return r.Ok
                ? Results.Ok(r.Value!.Trainings.Select(x => new { x.Id, x.UnitId, x.Course, x.Organizer, x.AttendedOn, x.Hours }))
                : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.PeopleRead).WithName("ListCadreTrainings").WithSummary("The trainings a cadre attended, newest first.");

        api.MapPost("/people/{personId:guid}/trainings", async (Guid personId, TrainingBody b, RecordTraining.Handler handler, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await handler.Handle(new RecordTraining.Command(personId, b.UnitId, b.Course, b.Organizer, b.AttendedOn, b.Hours), ct);
            return r.Ok
                ? Results.Created($"/api/v1/cadres/trainings/{r.Value!.Id}", new { r.Value.Id, r.Value.UnitId, r.Value.Course, r.Value.Organizer, r.Value.AttendedOn, r.Value.Hours })
                : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.PeopleManage).WithName("RecordCadreTraining")
          .WithSummary("Records a training a cadre attended, kept by a unit they serve (`unitId`, default: the unit of their latest term in office).");

        api.MapDelete("/trainings/{id:guid}", async (Guid id, DeleteTraining.Handler handler, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await handler.Handle(id, ct);
            return r.Ok ? Results.NoContent() : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.PeopleManage).WithName("DeleteCadreTraining").WithSummary("Deletes a training record entered by mistake (the audit log keeps it).");

        api.MapImportEndpoints(ImportCadres.Job, Permission.PeopleManage, "Cadre", "cadre terms",
            "`terms` (terms in office started) and `newPeople` (people registered by the import)");
        return app;
    }
}
