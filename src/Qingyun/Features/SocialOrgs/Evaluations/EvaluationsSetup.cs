using Microsoft.Extensions.Localization;
using Qingyun.Domain.Access;
using Qingyun.Domain.SocialOrgs;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;
using static Qingyun.Infrastructure.Problems;

namespace Qingyun.Features.SocialOrgs.Evaluations;

/// <summary>Evaluations of youth social organizations (评价办法, decision 013): schemes, evaluations, reviewers' sheets, ranking, allocations.</summary>
public static class EvaluationsSetup
{
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public sealed record SchemeBody(Guid? UnitId, string? Name, string? Description);

    public sealed record EvaluationBody(Guid? UnitId, string? Title, int? Year, Guid? SchemeId);

    public sealed record SubjectsBody(Guid[]? OrganizationIds);

    public sealed record ReviewerBody(string? UserName);

    public sealed record SheetBody(ReviewDesk.ScoreInput[]? Scores, string? Comment);

    public sealed record AllocationBody(string? Title, decimal? Budget, AllocationDesk.BandInput[]? Bands);

    public static IServiceCollection AddEvaluations(this IServiceCollection services)
    {
        services.AddScoped<EvaluationResults>();
        services.AddScoped<SchemeDesk>();
        services.AddScoped<EvaluationDesk>();
        services.AddScoped<ReviewDesk>();
        services.AddScoped<Ranking>();
        services.AddScoped<AllocationDesk>();
        return services;
    }

    public static object SchemeView(EvaluationScheme s) => new
    {
        s.Id, s.UnitId, s.FamilyId, s.Version, s.Name, s.Description, s.Status, s.CreatedBy, s.CreatedAt, s.PublishedAt,
    };

    public static object CriterionView(EvaluationCriterion c) => new
    {
        c.Id, c.SchemeId, c.Group, c.Name, c.Weight, c.MaxScore, c.Guidance, c.EvidenceRequired, c.SortOrder,
    };

    public static object EvaluationView(Evaluation e) => new
    {
        e.Id, e.UnitId, e.SchemeId, e.Title, e.Year, e.Status, e.CreatedBy, e.CreatedAt, e.ClosedAt, e.ClosedBy,
    };

    public static object OutcomeView(SubjectOutcome o) => new
    {
        o.SubjectId, label = o.Label, o.Total, o.Rank, o.MissingCriteria,
        criteria = o.Criteria.Select(c => new
        {
            c.CriterionId, c.Group, c.Name, c.Weight, c.MaxScore, c.Mean, c.Points, missing = c.Mean is null,
            given = c.Given.Select(g => new { reviewer = g.Reviewer, score = g.Score }),
        }),
    };

    public static object AllocationView(AllocationDesk.AllocationView v, IStringLocalizer<SharedResource> t) => new
    {
        v.Allocation.Id, v.Allocation.EvaluationId, v.Allocation.UnitId, v.Allocation.Title, v.Allocation.Budget, bands = v.Bands, totalShares = v.TotalShares,
        total = v.Total, v.Allocation.CreatedBy, v.Allocation.CreatedAt,
        lines = v.Lines.Select(l => new { l.SubjectId, l.Label, l.Rank, l.Score, l.Band, l.Shares, l.Amount, l.RoundingAdjustment, explanation = AllocationDesk.Explain(t, v, l) }),
    };

    private static object SheetView(ReviewDesk.SheetView v) => new
    {
        evaluation = new { v.Evaluation.Id, v.Evaluation.Title, v.Evaluation.Year, v.Evaluation.Status },
        scheme = new { v.Scheme.Id, v.Scheme.Name, v.Scheme.Version },
        criteria = v.Criteria.Select(CriterionView),
        subject = new { v.Subject.Id, v.Subject.Label, v.Subject.OrganizationId },
        profile = v.Profile,
        mine = new
        {
            submitted = v.Submitted, submittedAt = v.Mine?.SubmittedAt, comment = v.Mine?.Comment, readOnly = v.ReadOnly,
            scores = v.Criteria.Select(c => new { criterionId = c.Id, score = v.MyScores.TryGetValue(c.Id, out var s) ? s : (decimal?)null }),
        },
        // Empty and null until my own sheet for this subject is submitted (decision 013).
        others = v.Others.Select(o => new { o.Reviewer, o.Comment, o.SubmittedAt, scores = o.Scores.Select(s => new { criterionId = s.Key, score = s.Value }) }),
        total = v.Outcome?.Total,
        outcome = v.Outcome is { } outcome ? OutcomeView(outcome) : null,
    };

    public static WebApplication MapEvaluationsApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1/social-orgs").WithTags("Social organizations — evaluations");

        // Schemes (评价办法)
        api.MapGet("/schemes", async (SchemeStatus? status, SchemeDesk desk, CancellationToken ct) =>
            Results.Ok(new { items = await desk.ListAsync(status, ct) }))
          .RequirePermission(Permission.SocialOrgsRead).WithName("ListEvaluationSchemes")
          .WithSummary("Evaluation schemes the caller may read: their subtree's drafts and versions, and published schemes of any unit (for reuse), with criteria counts and the evaluations using each.");

        api.MapPost("/schemes", async (SchemeBody b, SchemeDesk desk, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await desk.CreateAsync(b.UnitId, b.Name, b.Description, ct);
            return r.Ok ? Results.Created($"/api/v1/social-orgs/schemes/{r.Value!.Id}", SchemeView(r.Value)) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.SocialOrgsManage).WithName("CreateEvaluationScheme")
          .WithSummary("Creates a draft scheme (version 1 of a new family) for a unit the caller manages: name (≤ 100) and description.");

        api.MapGet("/schemes/{id:guid}", async (Guid id, SchemeDesk desk, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await desk.OpenAsync(id, ct), t, v => new
            {
                scheme = SchemeView(v.Scheme), unitName = v.UnitName, canManage = v.CanManage, criteria = v.Criteria.Select(CriterionView),
                groups = v.Criteria.GroupBy(c => c.Group).Select(g => new { group = g.Key, weight = g.Sum(c => c.Weight), criteria = g.Count() }),
                totalWeight = v.Criteria.Sum(c => c.Weight),
            }))
          .RequirePermission(Permission.SocialOrgsRead).WithName("GetEvaluationScheme")
          .WithSummary("A scheme with its criteria in order and each group's weight subtotal.");

        api.MapPut("/schemes/{id:guid}", async (Guid id, SchemeBody b, SchemeDesk desk, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await desk.EditAsync(id, b.Name, b.Description, ct), t, SchemeView))
          .RequirePermission(Permission.SocialOrgsManage).WithName("EditEvaluationScheme")
          .WithSummary("Renames a draft or changes its description. A published or retired scheme never changes (409).");

        api.MapGet("/schemes/{id:guid}/versions", async (Guid id, SchemeDesk desk, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await desk.OpenAsync(id, ct);
            return r.Ok ? Results.Ok(new { items = await desk.HistoryAsync(r.Value!.Scheme.FamilyId, ct) }) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.SocialOrgsRead).WithName("ListEvaluationSchemeVersions")
          .WithSummary("Every version of the scheme's family the caller may read, newest first.");

        api.MapPost("/schemes/{id:guid}/criteria", async (Guid id, SchemeDesk.CriterionInput b, SchemeDesk desk, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await desk.AddCriterionAsync(id, b, ct);
            return r.Ok ? Results.Created($"/api/v1/social-orgs/schemes/{id}/criteria/{r.Value!.Id}", CriterionView(r.Value)) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.SocialOrgsManage).WithName("AddEvaluationCriterion")
          .WithSummary("Adds a criterion to a draft: group (≤ 50), name (≤ 100), weight (0 < w ≤ 100, ≤ 2 decimals), max score (0 < m ≤ 1000), guidance, evidence required, order. 409 on a published scheme.");

        api.MapPut("/schemes/{id:guid}/criteria/{criterionId:guid}", async (Guid id, Guid criterionId, SchemeDesk.CriterionInput b, SchemeDesk desk,
            IStringLocalizer<SharedResource> t, CancellationToken ct) => Answer(await desk.EditCriterionAsync(id, criterionId, b, ct), t, CriterionView))
          .RequirePermission(Permission.SocialOrgsManage).WithName("EditEvaluationCriterion")
          .WithSummary("Changes a criterion of a draft (all fields). 409 on a published or retired scheme.");

        api.MapDelete("/schemes/{id:guid}/criteria/{criterionId:guid}", async (Guid id, Guid criterionId, SchemeDesk desk, IStringLocalizer<SharedResource> t,
            CancellationToken ct) => Answer(await desk.RemoveCriterionAsync(id, criterionId, ct), t, CriterionView))
          .RequirePermission(Permission.SocialOrgsManage).WithName("RemoveEvaluationCriterion")
          .WithSummary("Removes a criterion from a draft. 409 on a published or retired scheme.");

        api.MapPost("/schemes/{id:guid}/publish", async (Guid id, SchemeDesk desk, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await desk.PublishAsync(id, ct), t, SchemeView))
          .RequirePermission(Permission.SocialOrgsManage).WithName("PublishEvaluationScheme")
          .WithSummary("Publishes a draft, freezing it: refused unless it has criteria, each weight and max score > 0 and the weights sum to exactly 100 (the message names the actual sum).");

        api.MapPost("/schemes/{id:guid}/versions", async (Guid id, SchemeDesk desk, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await desk.NewVersionAsync(id, ct);
            return r.Ok ? Results.Created($"/api/v1/social-orgs/schemes/{r.Value!.Id}", SchemeView(r.Value)) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.SocialOrgsManage).WithName("NewEvaluationSchemeVersion")
          .WithSummary("Copies a published scheme into a new draft version (version + 1) of the same family; past evaluations keep the version they named.");

        api.MapPost("/schemes/{id:guid}/retire", async (Guid id, SchemeDesk desk, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await desk.RetireAsync(id, ct), t, SchemeView))
          .RequirePermission(Permission.SocialOrgsManage).WithName("RetireEvaluationScheme")
          .WithSummary("Retires a published scheme: no new evaluation may use it.");

        // Evaluations (一次评价)
        api.MapGet("/evaluations", async (int? year, EvaluationStatus? status, EvaluationDesk desk, CancellationToken ct) =>
            Results.Ok(new { items = await desk.ListAsync(year, status, ct) }))
          .RequirePermission(Permission.SocialOrgsRead).WithName("ListEvaluations")
          .WithSummary("Evaluations of the caller's subtree with their scheme version and counts of subjects, reviewers and submitted sheets.");

        api.MapPost("/evaluations", async (EvaluationBody b, EvaluationDesk desk, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await desk.CreateAsync(b.UnitId, b.Title, b.Year, b.SchemeId, ct);
            return r.Ok ? Results.Created($"/api/v1/social-orgs/evaluations/{r.Value!.Id}", EvaluationView(r.Value)) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.SocialOrgsManage).WithName("CreateEvaluation")
          .WithSummary("Opens an evaluation of a unit the caller manages: title, year and a published scheme version the caller can see.");

        api.MapGet("/evaluations/{id:guid}", async (Guid id, EvaluationDesk desk, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await desk.OpenAsync(id, ct), t, v => new
            {
                evaluation = EvaluationView(v.Evaluation), unitName = v.UnitName, scheme = SchemeView(v.Scheme), canManage = v.CanManage, isReviewer = v.IsReviewer,
                subjects = v.Subjects.Select(s => new { s.Id, s.OrganizationId, s.Label }),
                reviewers = v.Reviewers.Select(r => new { r.Id, r.UserId, r.DisplayName, r.AddedAt }),
                progress = v.Subjects.SelectMany(s => v.Reviewers.Select(r => new { subjectId = s.Id, reviewerId = r.Id, state = v.StateOf(s.Id, r.UserId) })),
                unsubmitted = v.Unsubmitted,
            }))
          .RequirePermission(Permission.SocialOrgsRead).WithName("GetEvaluation")
          .WithSummary("An evaluation with its subjects, reviewers and the progress matrix (submitted / draft / not started) — never the scores of unsubmitted sheets.");

        api.MapGet("/evaluations/{id:guid}/candidates", async (Guid id, string? name, OrgField? field, LegalStatus? legalStatus, EvaluationDesk desk,
            IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await desk.CandidatesAsync(id, new EvaluationDesk.CandidateFilter(name, field, legalStatus), ct), t, v => new { items = v }))
          .RequirePermission(Permission.SocialOrgsManage).WithName("ListEvaluationCandidates")
          .WithSummary("Approved organizations registered with the evaluation's unit or below that are not subjects yet, by name, field and legal status.");

        api.MapPost("/evaluations/{id:guid}/subjects", async (Guid id, SubjectsBody b, EvaluationDesk desk, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await desk.AddSubjectsAsync(id, b.OrganizationIds, ct), t, v => new { items = v.Select(s => new { s.Id, s.OrganizationId, s.Label }) }))
          .RequirePermission(Permission.SocialOrgsManage).WithName("AddEvaluationSubjects")
          .WithSummary("Adds organizations as subjects (all or none): approved, registered with the evaluation's unit or below, not yet subjects.");

        api.MapDelete("/evaluations/{id:guid}/subjects/{subjectId:guid}", async (Guid id, Guid subjectId, EvaluationDesk desk, IStringLocalizer<SharedResource> t,
            CancellationToken ct) => Answer(await desk.RemoveSubjectAsync(id, subjectId, ct), t, s => new { s.Id, s.Label }))
          .RequirePermission(Permission.SocialOrgsManage).WithName("RemoveEvaluationSubject")
          .WithSummary("Takes a subject off while no reviewer has a sheet for it.");

        api.MapPost("/evaluations/{id:guid}/reviewers", async (Guid id, ReviewerBody b, EvaluationDesk desk, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await desk.AddReviewerAsync(id, b.UserName, ct);
            return r.Ok ? Results.Created($"/api/v1/social-orgs/evaluations/{id}/reviewers/{r.Value!.Id}", new { r.Value.Id, r.Value.UserId, r.Value.DisplayName })
                : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.SocialOrgsManage).WithName("AddEvaluationReviewer")
          .WithSummary("Invites an active account (by user name) as a reviewer. The reviewer then sees this evaluation's subjects and nothing else.");

        api.MapDelete("/evaluations/{id:guid}/reviewers/{reviewerId:guid}", async (Guid id, Guid reviewerId, EvaluationDesk desk, IStringLocalizer<SharedResource> t,
            CancellationToken ct) => Answer(await desk.RemoveReviewerAsync(id, reviewerId, ct), t, r => new { r.Id, r.DisplayName }))
          .RequirePermission(Permission.SocialOrgsManage).WithName("RemoveEvaluationReviewer")
          .WithSummary("Removes a reviewer who has submitted nothing (their drafts go too); 409 once they have submitted a sheet.");

        api.MapGet("/evaluations/{id:guid}/results", async (Guid id, Ranking ranking, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await ranking.OpenAsync(id, ct), t, v => new { stored = v.Stored, items = v.Outcomes.Select(OutcomeView) }))
          .RequirePermission(Permission.SocialOrgsRead).WithName("GetEvaluationResults")
          .WithSummary("The ranking: rank (ties share one), total of 100 (2 decimals), each criterion's mean and points with every reviewer's score and who gave it, missing criteria. Live from submitted sheets while scoring (not for its reviewers: 403), stored once closed.");

        api.MapGet("/evaluations/{id:guid}/results.xlsx", async (Guid id, Ranking ranking, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await ranking.ExportAsync(id, ct);
            return r.Ok ? Results.File(r.Value!, Xlsx, $"ranking-{id:N}.xlsx") : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.SocialOrgsRead).WithName("ExportEvaluationResults")
          .WithSummary("The ranking and every score given, as an Excel workbook (formula-safe). Audited.");

        api.MapPost("/evaluations/{id:guid}/close", async (Guid id, EvaluationDesk desk, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await desk.CloseAsync(id, ct), t, v => new { uncounted = v.Uncounted, items = v.Results.Select(OutcomeView) }))
          .RequirePermission(Permission.SocialOrgsManage).WithName("CloseEvaluation")
          .WithSummary("Closes the evaluation and stores each subject's result for good; sheets not submitted by then do not count (their number is returned). 409 on a second close.");

        api.MapGet("/evaluations/{id:guid}/allocations", async (Guid id, EvaluationDesk desk, AllocationDesk allocations, IStringLocalizer<SharedResource> t,
            CancellationToken ct) =>
        {
            var r = await desk.FindAsync(id, Permission.SocialOrgsRead, ct);
            return r.Ok ? Results.Ok(new { items = await allocations.OfEvaluationAsync(id, ct) }) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.SocialOrgsRead).WithName("ListAllocations").WithSummary("The allocations made from an evaluation.");

        api.MapPost("/evaluations/{id:guid}/allocations", async (Guid id, AllocationBody b, AllocationDesk desk, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await desk.CreateAsync(id, b.Title, b.Budget, b.Bands, ct);
            return r.Ok ? Results.Created($"/api/v1/social-orgs/allocations/{r.Value!.Allocation.Id}", AllocationView(r.Value, t)) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.SocialOrgsManage).WithName("CreateAllocation")
          .WithSummary("Splits a budget (yuan, > 0, ≤ 2 decimals) over a closed evaluation's stored results by score bands (1–10: name, minimum score 0–100, distinct, shares 0–100). Lines sum to the budget exactly; leftover fen go to the largest remainders. 409 while the evaluation is open; 400 when no subject reaches a band.");

        api.MapGet("/allocations/{id:guid}", async (Guid id, AllocationDesk desk, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await desk.OpenAsync(id, ct), t, v => AllocationView(v, t)))
          .RequirePermission(Permission.SocialOrgsRead).WithName("GetAllocation")
          .WithSummary("An allocation: one line per subject with rank, score, band, shares, amount, the fen added and a sentence explaining it.");

        api.MapGet("/allocations/{id:guid}/export", async (Guid id, AllocationDesk desk, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await desk.ExportAsync(id, ct);
            return r.Ok ? Results.File(r.Value!, Xlsx, $"allocation-{id:N}.xlsx") : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.SocialOrgsRead).WithName("ExportAllocation").WithSummary("The allocation as an Excel workbook (formula-safe). Audited.");

        // The reviewer's desk (any signed-in account; rows through the reviewer filters)
        var review = app.MapGroup("/api/v1/review").WithTags("Social organizations — evaluations");

        review.MapGet("", async (ReviewDesk desk, CancellationToken ct) => Results.Ok(new { items = await desk.MineAsync(ct) }))
          .RequireAuthorization().WithName("ListMyReviews").WithSummary("Evaluations I am a reviewer of, with my submitted and draft sheets.");

        review.MapGet("/{evaluationId:guid}", async (Guid evaluationId, ReviewDesk desk, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await desk.SubjectsAsync(evaluationId, ct), t, v => new { evaluation = EvaluationView(v.Evaluation), subjects = v.Subjects }))
          .RequireAuthorization().WithName("ListMyReviewSubjects").WithSummary("The subjects of an evaluation I review, with the state of my sheet for each (403 if I am not a reviewer).");

        review.MapGet("/{evaluationId:guid}/{subjectId:guid}/sheet", async (Guid evaluationId, Guid subjectId, ReviewDesk desk, IStringLocalizer<SharedResource> t,
            CancellationToken ct) => Answer(await desk.OpenAsync(evaluationId, subjectId, ct), t, SheetView))
          .RequireAuthorization().WithName("GetMySheet")
          .WithSummary("My score sheet for a subject with the criteria, guidance and the organization's profile. Other reviewers' scores and the subject's total appear only after I have submitted my own sheet.");

        review.MapPut("/{evaluationId:guid}/{subjectId:guid}/sheet", async (Guid evaluationId, Guid subjectId, SheetBody b, ReviewDesk desk,
            IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await desk.SaveAsync(evaluationId, subjectId, b.Scores, b.Comment, false, ct), t, s => new { s.Id, s.SubmittedAt, s.UpdatedAt }))
          .RequireAuthorization().WithName("SaveMySheet")
          .WithSummary("Saves my sheet as a draft: scores 0 … max (≤ 2 decimals); a null score means I cannot judge that criterion. 409 once submitted or closed.");

        review.MapPost("/{evaluationId:guid}/{subjectId:guid}/sheet/submit", async (Guid evaluationId, Guid subjectId, SheetBody b, ReviewDesk desk,
            IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await desk.SaveAsync(evaluationId, subjectId, b.Scores, b.Comment, true, ct), t, s => new { s.Id, s.SubmittedAt, s.UpdatedAt }))
          .RequireAuthorization().WithName("SubmitMySheet")
          .WithSummary("Saves and submits my sheet for good (at least one score). A second submit is refused (409).");
        return app;
    }
}
