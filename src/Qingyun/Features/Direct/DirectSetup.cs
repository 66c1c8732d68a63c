using Microsoft.Extensions.Localization;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.Direct;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Direct;

/// <summary>1+100 direct contact (直接联系青年): bindings, contacts, coverage and the quarter's reminder.</summary>
public static class DirectSetup
{
    public static IServiceCollection AddDirect(this IServiceCollection services)
    {
        services.AddScoped<DirectPosts>();
        services.AddScoped<Bindings>();
        services.AddScoped<Contacts>();
        services.AddScoped<Coverage>();
        services.AddHostedService<YouthNotReachedJob>();
        return services;
    }

    /// <summary>Either a young person on file (`youthPersonId`) or a new one (`name`, `idNumber`, `phone`).</summary>
    public sealed record BindBody(Guid? YouthPersonId, string? Name, string? IdNumber, string? Phone);

    public sealed record EndBody(string? Note);

    public sealed record ContactBody(DateOnly? On, ContactChannel? Channel, string? Note, Guid[]? YouthIds);

    public sealed record QuotaBody(int? ContactQuota);

    private static object Show(DirectPost p) => new
    {
        termId = p.Term.Id, p.Term.PersonId, p.CadreName, unitId = p.Unit.Id, unitName = p.Unit.Name, p.Term.Post, p.Term.Kind, p.Level,
        p.Quota, quotaIsDefault = p.QuotaIsDefault, inOffice = p.Term.IsOpen, p.CanAct, p.CanManage,
    };

    private static object Show(DirectBinding b) => new { b.Id, b.CadreTermId, b.CadrePersonId, b.YouthPersonId, b.UnitId, b.Level, b.BoundOn, b.EndedOn, b.EndNote };

    private static object Show(CadreCoverage c) => new
    {
        c.TermId, c.CadrePersonId, c.CadreName, c.UnitId, c.UnitName, c.Post, c.InOffice, c.Quota, c.Bound, c.Contacted, c.MetOffline, c.FaceToFace,
        notContacted = c.NotContacted, notMetOffline = c.NotMetOffline, notFaceToFace = c.NotFaceToFace,
    };

    private static IResult Answer<T>(Result<T> r, IStringLocalizer<SharedResource> t, Func<T, object> body) => Problems.Answer(r, t, body);

    public static WebApplication MapDirectApi(this WebApplication app)
    {
        // Post routes are open to any signed-in account: the door (DirectPosts) lets in the cadre themself or a
        // reader of the post's unit, and answers 404 to everyone else.
        var api = app.MapGroup("/api/v1/direct").WithTags("Direct contact").RequireAuthorization();

        api.MapGet("/mine", async (DirectPosts posts, CancellationToken ct) => Results.Ok((await posts.MineAsync(ct)).Select(Show)))
            .WithName("ListMyDirectPosts").WithSummary("The signed-in cadre's posts in office, each with its quota (1+100).");

        api.MapGet("/terms/{id:guid}", async (Guid id, DirectPosts posts, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await posts.OpenAsync(id, act: false, ct), t, Show))
            .WithName("GetDirectPost").WithSummary("One post's 1+100 facts: cadre, unit, level, quota (its own or the default of its kind) and what the caller may do.");

        api.MapGet("/terms/{id:guid}/bindings", async (Guid id, bool? ended, DirectPosts posts, Contacts contacts, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var open = await posts.OpenAsync(id, act: false, ct);
            return open.Ok ? Results.Ok(await contacts.BoundAsync(open.Value!, ended == true, ct)) : open.Failures.ToProblem(t);
        }).WithName("ListDirectBindings").WithSummary("The young people a post answers for, with the last contact; `ended=true` adds ended bindings (history).");

        api.MapGet("/terms/{id:guid}/candidates", async (Guid id, string? name, Bindings bindings, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await bindings.SearchAsync(id, name, ct), t, x => x))
            .WithName("SearchDirectCandidates")
            .WithSummary("People of the post's unit subtree by name (masked ID number and phone, age), and the cadre of the same level they are bound to, if any.");

        api.MapPost("/terms/{id:guid}/bindings", async (Guid id, BindBody b, Bindings bindings, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = b.YouthPersonId is null && (b.Name is not null || b.IdNumber is not null)
                ? await bindings.RegisterAndBindAsync(id, b.Name, b.IdNumber, b.Phone, ct)
                : await bindings.BindYouthAsync(id, b.YouthPersonId, ct);
            return r.Ok ? Results.Created($"/api/v1/direct/bindings/{r.Value!.Id}", Show(r.Value)) : r.Failures.ToProblem(t);
        }).WithName("CreateDirectBinding")
          .WithSummary("Binds a young person to the post, by id or registering them (name, ID number, phone); refused at the quota (409) and when a cadre of the same level holds them (409).");

        api.MapPost("/bindings/{id:guid}/end", async (Guid id, EndBody b, Bindings bindings, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await bindings.EndAsync(id, b.Note, ct), t, Show))
            .WithName("EndDirectBinding").WithSummary("Ends a binding today with a note; it stays in the post's history and frees the level.");

        api.MapPut("/terms/{id:guid}/quota", async (Guid id, QuotaBody b, Bindings bindings, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await bindings.SetQuotaAsync(id, b.ContactQuota, ct), t, Show))
            .WithName("SetDirectQuota").WithSummary("Sets the post's quota (1–1000), or the default of its kind with null; people managers of the unit only.");

        api.MapGet("/terms/{id:guid}/contacts", async (Guid id, int? take, Contacts contacts, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await contacts.ListAsync(id, Math.Clamp(take ?? 50, 1, 500), ct), t, x => x))
            .WithName("ListDirectContacts").WithSummary("The post's contacts, newest first, each with the young people reached.");

        api.MapPost("/terms/{id:guid}/contacts", async (Guid id, ContactBody b, Contacts contacts, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await contacts.LogAsync(new Contacts.Command(id, b.On, b.Channel, b.Note, b.YouthIds), ct);
            return r.Ok
                ? Results.Created($"/api/v1/direct/terms/{id}/contacts", new { r.Value!.Id, r.Value.On, r.Value.Channel, r.Value.Note, youth = b.YouthIds!.Distinct().Count() })
                : r.Failures.ToProblem(t);
        }).WithName("LogDirectContact")
          .WithSummary("Logs one contact (day not in the future, channel online or offline, note) with one or several of the post's bound young people.");

        api.MapGet("/terms/{id:guid}/coverage", async (Guid id, DateOnly? on, Coverage coverage, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await coverage.ForTermAsync(id, on, ct), t, Show))
            .WithName("GetDirectPostCoverage")
            .WithSummary("A post's coverage on a China day (default today): bound/quota, reached this quarter, met offline this quarter, face to face this year, and who is not reached.");

        api.MapGet("/units/{unitId:guid}/coverage", async (Guid unitId, DateOnly? on, Coverage coverage, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await coverage.ForUnitAsync(unitId, on, ct), t, c => new
            {
                unit = new { c.Unit.Id, c.Unit.Code, c.Unit.Name }, quarterStart = c.Period.QuarterStart, yearStart = c.Period.YearStart, day = c.Period.Today,
                totals = c.Totals, rows = c.Rows.Select(Show),
            }))
            .RequirePermission(Permission.PeopleRead).WithName("GetDirectUnitCoverage")
            .WithSummary("Coverage of every post in the unit's subtree, one row per cadre with the not-reached lists, and the totals.");
        return app;
    }
}
