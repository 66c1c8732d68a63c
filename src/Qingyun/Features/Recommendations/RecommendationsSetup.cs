using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.Audit;
using Qingyun.Domain.People;
using Qingyun.Domain.Rosters;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Recommendations;

public sealed record RecommendationRow(Guid Id, Guid MembershipId, string Name, Gender Gender, DateOnly BirthDate, string? Ethnicity, Education? Education,
    string MemberNumber, DateOnly JoinedOn, Guid UnitId, string UnitName, string UnitPath, RecommendationState State, DateOnly NominatedOn, string? Reason,
    DateOnly? MeetingOn, int? MembersTotal, int? MembersPresent, int? VotesFor, Guid? MeetingDocumentId, DateOnly? ApprovedOn, DateOnly? ValidUntil,
    string? PartyOrganization, RecommendationOutcome? Outcome, DateOnly? OutcomeOn, string? ReturnNote);

public static class RecommendationsSetup
{
    public static IServiceCollection AddRecommendations(this IServiceCollection services)
    {
        services.AddScoped<RecommendationSteps>();
        return services;
    }

    /// <summary>Positional rows cannot be filtered after projection: pass the recommendations already narrowed.</summary>
    public static IQueryable<RecommendationRow> Rows(AppDbContext db, IQueryable<Recommendation> recommendations) =>
        from r in recommendations
        join m in db.Memberships on r.MembershipId equals m.Id
        join p in db.People on m.PersonId equals p.Id
        join u in db.OrgUnits on r.UnitId equals u.Id
        orderby r.Id descending
        select new RecommendationRow(r.Id, m.Id, p.Name, p.Gender, p.BirthDate, p.Ethnicity, p.Education, m.MemberNumber, m.JoinedOn, u.Id, u.Name, u.Path,
            r.State, r.NominatedOn, r.Reason, r.MeetingOn, r.MembersTotal, r.MembersPresent, r.VotesFor, r.MeetingDocumentId, r.ApprovedOn, r.ValidUntil,
            r.PartyOrganization, r.Outcome, r.OutcomeOn, r.ReturnNote);

    /// <summary>The 推荐表 as a PDF, in Chinese whatever the reader's language: it is an official form.</summary>
    public static async Task<Result<byte[]>> FormPdfAsync(AppDbContext db, Guid id, IStringLocalizer<SharedResource> t, AuditLog audit, CancellationToken ct)
    {
        var r = await Rows(db, db.Recommendations.Where(x => x.Id == id)).FirstOrDefaultAsync(ct);
        if (r is null)
        {
            return Failure.NotFound("Id");
        }
        if (r.State is not (RecommendationState.Approved or RecommendationState.Closed))
        {
            return new Failure("Id", "FormAfterApproval", 409);
        }
        if (ChinesePdf.Typeface() is not { } typeface)
        {
            return new Failure("Id", "ChineseFontMissing", 503);
        }
        var zh = Localization.Chinese;
        string L(string key, params object[] args) => t.WithCulture(zh, key, args);
        static string D(DateOnly? d) => d?.ToString("yyyy年M月d日", CultureInfo.InvariantCulture) ?? "";
        var data = new RecommendationForm.Data(
            L("Pdf.RecommendationTitle"),
            L("Pdf.SerialNumber", r.Id.ToString("N")[..12].ToUpperInvariant()),
            [
                (L("Field.PersonName"), r.Name), (L("Field.Gender"), L("Gender." + r.Gender)),
                (L("Field.BirthDate"), D(r.BirthDate)), (L("Field.Ethnicity"), r.Ethnicity ?? ""),
                (L("Field.Education"), r.Education is { } e ? L("Education." + e) : ""), (L("Field.MemberNumber"), r.MemberNumber),
                (L("Field.JoinedOn"), D(r.JoinedOn)), (L("Field.UnitId"), r.UnitName),
            ],
            r.Reason ?? "", L("Field.Reason"),
            [
                (L("Field.NominatedOn"), D(r.NominatedOn)),
                (L("Field.MeetingOn"), D(r.MeetingOn)),
                (L("Pdf.MeetingVote"), L("Pdf.MeetingVoteValue", r.MembersTotal ?? 0, r.MembersPresent ?? 0, r.VotesFor ?? 0)),
                (L("Field.ApprovedOn"), D(r.ApprovedOn)),
                (L("Field.ValidUntil"), D(r.ValidUntil)),
                (L("Field.PartyOrganization"), r.PartyOrganization ?? ""),
            ],
            [L("Pdf.BranchSeal"), L("Pdf.UpperSeal")],
            L("Pdf.Footer", DateTimeOffset.UtcNow.ChinaDate().ShowDate()),
            L("Pdf.DateLine"));
        await audit.RecordAsync(AuditAction.Export, nameof(Recommendation), r.Id.ToString(), r.UnitId, field: "Form", ct: ct);
        return RecommendationForm.Render(data, typeface);
    }

    public sealed record NominateBody(Guid? MembershipId, DateOnly? NominatedOn, string? Reason);

    public sealed record DecideBody(bool Approve, DateOnly? On, int? ValidMonths, string? PartyOrganization, string? Note);

    public sealed record OutcomeBody(RecommendationOutcome? Outcome, DateOnly? On);

    public static WebApplication MapRecommendationsApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1/recommendations").WithTags("Recommendations");
        static IResult Answer(Result<Recommendation> r, IStringLocalizer<SharedResource> t) =>
            r.Ok ? Results.Ok(new { r.Value!.Id, r.Value.MembershipId, r.Value.State, r.Value.MeetingOn, r.Value.ApprovedOn, r.Value.ValidUntil, r.Value.Outcome }) : r.Failures.ToProblem(t);

        api.MapGet("/", async (RecommendationState? state, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
        {
            var q = state is { } s ? db.Recommendations.Where(r => r.State == s) : db.Recommendations;
            return Results.Ok(new { items = await Rows(db, q).Take(200).ToListAsync(ct) });
        }).RequirePermission(Permission.PeopleRead).WithName("ListRecommendations").WithSummary("推优入党 recommendations in scope, newest first.");

        api.MapGet("/{id:guid}", async (Guid id, AppDbContext db, CancellationToken ct) =>
            await Rows(db, db.Recommendations.Where(r => r.Id == id)).FirstOrDefaultAsync(ct) is { } row ? Results.Ok(row) : Results.NotFound())
          .RequirePermission(Permission.PeopleRead).WithName("GetRecommendation");

        api.MapGet("/{id:guid}/form.pdf", async (Guid id, AppDbContext db, AuditLog audit, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var pdf = await FormPdfAsync(db, id, t, audit, ct);
            return pdf.Ok ? Results.File(pdf.Value!, "application/pdf", $"recommendation-{id:N}.pdf") : pdf.Failures.ToProblem(t);
        }).RequirePermission(Permission.PeopleRead).WithName("RecommendationForm").WithSummary("The printable recommendation form (PDF, Chinese), once approved.");

        api.MapPost("/", async (NominateBody b, RecommendationSteps steps, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await steps.NominateAsync(new RecommendationSteps.NominateCommand(b.MembershipId, b.NominatedOn, b.Reason), ct);
            return r.Ok ? Results.Created($"/api/v1/recommendations/{r.Value!.Id}", new { r.Value.Id, r.Value.State }) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.PeopleManage).WithName("NominateForParty").WithSummary("The branch nominates an active member aged 18 or over.");

        api.MapPost("/{id:guid}/meeting", async (Guid id, HttpRequest request, RecommendationSteps steps, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var f = await FormFields.ReadAsync(request, ct);
            var command = new RecommendationSteps.MeetingCommand(id, f.Date("meetingOn", "MeetingOn"), f.Int("membersTotal", "MembersTotal"),
                f.Int("membersPresent", "MembersPresent"), f.Int("votesFor", "VotesFor"), f.File("minutes"));
            return f.Failures.Count > 0 ? f.Failures.ToProblem(t) : Answer(await steps.RecordMeetingAsync(command, ct), t);
        }).RequirePermission(Permission.PeopleManage).DisableAntiforgery().WithName("RecordRecommendationMeeting")
          .WithSummary("The branch meeting (multipart: meetingOn, membersTotal, membersPresent, votesFor, and the signed minutes as `minutes`, a PDF): two thirds present, more than half of all members in favour.");

        api.MapPost("/{id:guid}/decision", async (Guid id, DecideBody b, RecommendationSteps steps, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await steps.DecideAsync(new RecommendationSteps.DecideCommand(id, b.Approve, b.On, b.ValidMonths, b.PartyOrganization, b.Note), ct), t))
          .RequirePermission(Permission.PeopleManage).WithName("DecideRecommendation").WithSummary("The level above approves (valid 12 months unless `validMonths`) or returns it.");

        api.MapPost("/{id:guid}/outcome", async (Guid id, OutcomeBody b, RecommendationSteps steps, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await steps.RecordOutcomeAsync(new RecommendationSteps.OutcomeCommand(id, b.Outcome, b.On), ct), t))
          .RequirePermission(Permission.PeopleManage).WithName("RecordRecommendationOutcome").WithSummary("The Party organization's answer, within the validity period.");
        return app;
    }
}
