using Microsoft.Extensions.Localization;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.SocialOrgs;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.SocialOrgs;

/// <summary>The registry of youth social organizations: entry and self-registration with review, incubation, 亲青伙伴 partners (decision 013).</summary>
public static class RegistrySetup
{
    public static IServiceCollection AddSocialOrgRegistry(this IServiceCollection services)
    {
        services.AddScoped<BrowseSocialOrgs>();
        services.AddScoped<SocialOrgDetails>();
        services.AddScoped<SaveSocialOrg.Handler>();
        services.AddScoped<ReviewSocialOrg.Handler>();
        services.AddScoped<RegisterSocialOrg>();
        services.AddScoped<OwnSocialOrg>();
        services.AddScoped<Incubation>();
        services.AddScoped<Partnerships>();
        services.AddScoped<RevealSocialOrgPhone>();
        services.AddScoped<ExportSocialOrgs>();
        return services;
    }

    /// <summary>
    /// Enums are read as text so that a bad value is reported with the other rules, after the scope check:
    /// a foreign id is 404 whatever the body.
    /// </summary>
    public sealed record OrgBody(
        Guid? UnitId, string? Name, string? LegalStatus, string? Field, string? CreditCode, string? Summary, string? Address, DateOnly? FoundedOn,
        string? ContactName, string? ContactPhone, int? MemberCount, int? YoungMemberCount, bool HasLeagueBranch = false, bool HasPartyBranch = false,
        Guid? LeagueUnitId = null)
    {
        public SocialOrgInput ToInput() => new(UnitId, Name, Parse<LegalStatus>(LegalStatus), Parse<OrgField>(Field), CreditCode, Summary, Address,
            FoundedOn, ContactName, ContactPhone, MemberCount, YoungMemberCount, HasLeagueBranch, HasPartyBranch, LeagueUnitId);
    }

    public sealed record ReviewBody(bool Approve, string? Reason);

    public sealed record StageBody(string? To, DateOnly? On, string? Note);

    public sealed record SupportBody(string? Kind, DateOnly? On, string? Description, decimal? Amount, Guid? GivenByUnitId);

    public sealed record AchieveBody(DateOnly? On);

    /// <summary>An enum by name (or 0, refused by the rules): numbers are not accepted, so a typo is never a valid value.</summary>
    public static T Parse<T>(string? value) where T : struct, Enum =>
        Enum.TryParse<T>(value, ignoreCase: true, out var v) && !int.TryParse(value, out _) ? v : default;

    public static object Summary(SocialOrgRow r) => new
    {
        r.Id, r.UnitId, r.UnitName, r.Name, r.CreditCode, r.LegalStatus, r.Field, r.ContactName, r.ContactPhoneMasked, r.MemberCount, r.YoungMemberCount,
        r.HasLeagueBranch, r.HasPartyBranch, r.ReviewStatus, r.Stage, r.Source, r.PartnerNow,
    };

    public static object Body(SocialOrganization o) => new
    {
        o.Id, o.UnitId, o.Name, o.CreditCode, o.LegalStatus, o.Field, o.Summary, o.Address, o.FoundedOn, o.ContactName, o.ContactPhoneMasked,
        o.MemberCount, o.YoungMemberCount, o.HasLeagueBranch, o.HasPartyBranch, o.LeagueUnitId, o.Source, o.ReviewStatus, o.ReviewNote,
        o.ReviewedBy, o.ReviewedAt, o.Stage,
    };

    public static object Body(SocialOrgView v) => new
    {
        organization = Body(v.Org), unitName = v.UnitName, leagueUnitName = v.LeagueUnitName, building = v.Building,
        steps = v.Steps, supports = v.Supports, fundingTotal = v.FundingTotal, mentors = v.Mentors, milestones = v.Milestones, partnerships = v.Partnerships,
        partnerNow = v.CurrentPartnership is not null,
    };

    private static IResult Answer<T>(Result<T> r, IStringLocalizer<SharedResource> t, Func<T, object> body) =>
        r.Ok ? Results.Ok(body(r.Value!)) : r.Failures.ToProblem(t);

    public static WebApplication MapSocialOrgRegistryApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1/social-orgs").WithTags("Social organizations");

        api.MapGet("", async ([AsParameters] SocialOrgFilter filter, BrowseSocialOrgs browse, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await browse.ListAsync(filter, ct);
            return Answer(r, t, p => new { items = p.Items.Select(Summary), counts = p.Counts, page = p.Page, hasNext = p.HasNext });
        }).RequirePermission(Permission.SocialOrgsRead).WithName("ListSocialOrgs")
          .WithSummary("The registry in scope: filter by subtree (`unitId`), name or credit code, field, legal status, review status, incubation stage, League branch, partner now; pending reviews first; pages of 50 (`page`). `counts` are the subtree's totals.");

        api.MapGet("/{id:guid}", async (Guid id, SocialOrgDetails details, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await details.LoadAsync(id, ct), t, Body))
          .RequirePermission(Permission.SocialOrgsRead).WithName("GetSocialOrg")
          .WithSummary("One organization: profile (phone masked), review, incubation (stage history, support, mentors, milestones with overdue flagged), partnership terms, and the League-building record with the same credit code when the caller sees it.");

        api.MapPost("", async (OrgBody b, SaveSocialOrg.Handler handler, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await handler.Handle(null, b.ToInput(), ct);
            return r.Ok ? Results.Created($"/api/v1/social-orgs/{r.Value!.Id}", Body(r.Value)) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.SocialOrgsManage).WithName("CreateSocialOrg")
          .WithSummary("A unit enters an organization directly; it is approved at once. `legalStatus`: Registered (needs a valid, unused credit code), Filed (code optional), Informal (no code). `field`: Volunteer, Culture, Sports, NewArts, Professional, Charity, Education, Innovation, Other.");

        api.MapPut("/{id:guid}", async (Guid id, OrgBody b, SaveSocialOrg.Handler handler, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await handler.Handle(id, b.ToInput(), ct), t, Body))
          .RequirePermission(Permission.SocialOrgsManage).WithName("UpdateSocialOrg")
          .WithSummary("Edits an organization by the same rules; an empty contact phone keeps the stored one.");

        api.MapPost("/{id:guid}/review", async (Guid id, ReviewBody b, ReviewSocialOrg.Handler handler, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await handler.Handle(new ReviewSocialOrg.Command(id, b.Approve, b.Reason), ct), t, Body))
          .RequirePermission(Permission.SocialOrgsManage).WithName("ReviewSocialOrg")
          .WithSummary("入库审核 of a pending organization: `approve` true, or false with a `reason` (at least 4 characters) the organization reads on its page.");

        api.MapPost("/{id:guid}/reveal-phone", async (Guid id, RevealSocialOrgPhone handler, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await handler.Handle(id, ct), t, phone => new { contactPhone = phone }))
          .RequirePermission(Permission.SensitiveReveal).WithName("RevealSocialOrgPhone")
          .WithSummary("The contact's full phone, for those allowed to reveal sensitive data; every reveal is audited.");

        api.MapPost("/{id:guid}/stage", async (Guid id, StageBody b, Incubation incubation, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await incubation.MoveStageAsync(id, new Incubation.StageCommand(Parse<IncubationStage>(b.To), b.On, b.Note), ct), t, s => s))
          .RequirePermission(Permission.SocialOrgsManage).WithName("MoveSocialOrgStage")
          .WithSummary("Moves an approved organization to an incubation stage (`to`: Contacted, Incubating, Graduated, Partner) on a day (`on`, not in the future nor before the previous step), with a note; every move is kept.");

        api.MapPost("/{id:guid}/support", async (Guid id, SupportBody b, Incubation incubation, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await incubation.AddSupportAsync(id, new Incubation.SupportCommand(Parse<SupportKind>(b.Kind), b.On, b.Description, b.Amount, b.GivenByUnitId), ct);
            return r.Ok ? Results.Created($"/api/v1/social-orgs/{id}", r.Value) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.SocialOrgsManage).WithName("AddSocialOrgSupport")
          .WithSummary("Records support given (`kind`: Space, Training, Funding, Mentoring, Publicity, Other) on a day; only funding has an `amount` (yuan, 2 decimals); `givenByUnitId` is the giving unit when not the registry unit.");

        api.MapPost("/{id:guid}/mentors", async (Guid id, Incubation.MentorCommand b, Incubation incubation, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await incubation.AddMentorAsync(id, b, ct);
            return r.Ok ? Results.Created($"/api/v1/social-orgs/{id}", r.Value) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.SocialOrgsManage).WithName("AddSocialOrgMentor")
          .WithSummary("Assigns a mentor (name, expertise) for a period (`from`, optional `until`).");

        api.MapPost("/{id:guid}/milestones", async (Guid id, Incubation.MilestoneCommand b, Incubation incubation, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await incubation.AddMilestoneAsync(id, b, ct);
            return r.Ok ? Results.Created($"/api/v1/social-orgs/{id}", r.Value) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.SocialOrgsManage).WithName("AddSocialOrgMilestone")
          .WithSummary("Plans a milestone with a due date; one not achieved by then shows as overdue.");

        api.MapPost("/{id:guid}/milestones/{milestoneId:guid}/achieve", async (Guid id, Guid milestoneId, AchieveBody b, Incubation incubation, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await incubation.AchieveMilestoneAsync(id, milestoneId, b.On, ct), t, m => m))
          .RequirePermission(Permission.SocialOrgsManage).WithName("AchieveSocialOrgMilestone")
          .WithSummary("Marks a milestone achieved on a day (not in the future), once.");

        api.MapPost("/{id:guid}/partnerships", async (Guid id, Partnerships.DesignateCommand b, Partnerships partnerships, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await partnerships.DesignateAsync(id, b, ct);
            return r.Ok ? Results.Created($"/api/v1/social-orgs/{id}", r.Value) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.SocialOrgsManage).WithName("DesignateSocialOrgPartner")
          .WithSummary("Designates an approved organization a partner (`title` default 亲青伙伴) for a term (`from`–`until`, at most 5 years, not overlapping another) with both sides' commitments; moves it to the Partner stage.");

        api.MapPost("/{id:guid}/partnerships/{partnershipId:guid}/revoke", async (Guid id, Guid partnershipId, Partnerships.RevokeCommand b, Partnerships partnerships, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await partnerships.RevokeAsync(id, partnershipId, b, ct), t, p => p))
          .RequirePermission(Permission.SocialOrgsManage).WithName("RevokeSocialOrgPartner")
          .WithSummary("Ends a term early on a day within it, with a reason; with no other term running the organization moves back to Graduated.");

        var me = app.MapGroup("/api/v1/me/social-org").WithTags("Social organizations").RequireAuthorization();

        me.MapGet("", async (OwnSocialOrg own, SocialOrgDetails details, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var org = await own.FindAsync(ct);
            return org is null ? new[] { Failure.NotFound("Id") }.ToProblem(t) : Results.Ok(Body(await details.ViewAsync(org, ct)));
        }).WithName("GetOwnSocialOrg")
          .WithSummary("The signed-in organization's own record: review status (with the rejection reason), incubation and partnership terms.");

        me.MapPut("", async (OrgBody b, OwnSocialOrg own, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await own.EditAsync(b.ToInput(), ct), t, Body))
          .WithName("UpdateOwnSocialOrg")
          .WithSummary("The organization corrects its record. Rejected: saving resubmits it for review. Approved: contact, counts and the like stay approved; a new name, credit code, legal status or field goes back to review.");
        return app;
    }
}
