using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.SocialOrgs;

namespace Qingyun.Features.SocialOrgs.Evaluations;

/// <summary>
/// The reviewer's desk (评审): the evaluations I am invited to, and my sheet for one subject. Before I submit my
/// own sheet for a subject I see only that sheet — never another reviewer's scores, a total or a result; after,
/// the other submitted sheets for that subject and its current total. A submitted sheet is final; a closed
/// evaluation is read-only. Rows come only through the query filters (the reviewer's rows).
/// </summary>
public sealed class ReviewDesk(AppDbContext db, TimeProvider clock, EvaluationResults results)
{
    public sealed record MyEvaluation(Guid Id, string Title, int Year, EvaluationStatus Status, int Subjects, int Submitted, int Drafts);

    public sealed record SubjectLine(Guid SubjectId, string Label, SheetState State);

    public sealed record Profile(string Name, OrgField Field, LegalStatus LegalStatus, int MemberCount, int YoungMemberCount, bool HasLeagueBranch,
        bool HasPartyBranch, string? Summary, DateOnly? FoundedOn, string? Address);

    public sealed record OtherSheet(string Reviewer, IReadOnlyDictionary<Guid, decimal> Scores, string? Comment, DateTimeOffset SubmittedAt);

    public sealed record SheetView(Evaluation Evaluation, EvaluationScheme Scheme, IReadOnlyList<EvaluationCriterion> Criteria, EvaluationSubject Subject,
        Profile? Profile, ScoreSheet? Mine, IReadOnlyDictionary<Guid, decimal> MyScores, IReadOnlyList<OtherSheet> Others, SubjectOutcome? Outcome,
        IReadOnlyList<SubjectLine> Subjects)
    {
        public bool Submitted => Mine?.SubmittedAt is not null;
        public bool ReadOnly => Submitted || Evaluation.Status == EvaluationStatus.Closed;
    }

    public sealed record ScoreInput(Guid CriterionId, decimal? Score);

    public async Task<IReadOnlyList<MyEvaluation>> MineAsync(CancellationToken ct)
    {
        if (db.Scope.UserId is not { } me)
        {
            return [];
        }
        return await (
            from r in db.EvaluationReviewers.AsNoTracking()
            where r.UserId == me
            join e in db.Evaluations on r.EvaluationId equals e.Id
            orderby e.Status, e.Year descending, e.CreatedAt descending
            select new MyEvaluation(e.Id, e.Title, e.Year, e.Status,
                db.EvaluationSubjects.Count(s => s.EvaluationId == e.Id),
                db.ScoreSheets.Count(s => s.EvaluationId == e.Id && s.ReviewerUserId == me && s.SubmittedAt != null),
                db.ScoreSheets.Count(s => s.EvaluationId == e.Id && s.ReviewerUserId == me && s.SubmittedAt == null))).Take(200).ToListAsync(ct);
    }

    /// <summary>My sheets' states for every subject of an evaluation I review (404 / 403 when not a reviewer).</summary>
    public async Task<Result<(Evaluation Evaluation, IReadOnlyList<SubjectLine> Subjects)>> SubjectsAsync(Guid evaluationId, CancellationToken ct)
    {
        var e = await ReviewerEvaluationAsync(evaluationId, ct);
        if (!e.Ok)
        {
            return Result<(Evaluation, IReadOnlyList<SubjectLine>)>.Fail(e.Failures);
        }
        return (e.Value!, await LinesAsync(evaluationId, ct));
    }

    private async Task<IReadOnlyList<SubjectLine>> LinesAsync(Guid evaluationId, CancellationToken ct)
    {
        var me = db.Scope.UserId;
        var subjects = await db.EvaluationSubjects.AsNoTracking().Where(s => s.EvaluationId == evaluationId).OrderBy(s => s.Label)
            .Select(s => new { s.Id, s.Label }).ToListAsync(ct);
        var mine = await db.ScoreSheets.AsNoTracking().Where(s => s.EvaluationId == evaluationId && s.ReviewerUserId == me)
            .Select(s => new { s.SubjectId, s.SubmittedAt }).ToListAsync(ct);
        var state = mine.ToDictionary(s => s.SubjectId, s => s.SubmittedAt is null ? SheetState.Draft : SheetState.Submitted);
        return subjects.Select(s => new SubjectLine(s.Id, s.Label, state.GetValueOrDefault(s.Id))).ToList();
    }

    /// <summary>The evaluation, if the caller sees it (else 404) and is one of its reviewers (else 403).</summary>
    private async Task<Result<Evaluation>> ReviewerEvaluationAsync(Guid evaluationId, CancellationToken ct)
    {
        var e = await db.Evaluations.AsNoTracking().FirstOrDefaultAsync(x => x.Id == evaluationId, ct);
        if (e is null)
        {
            return Failure.NotFound("Id");
        }
        var me = db.Scope.UserId;
        if (me is null || !await db.EvaluationReviewers.AnyAsync(r => r.EvaluationId == evaluationId && r.UserId == me, ct))
        {
            return new Failure("Id", "NotAReviewer", 403);
        }
        return e;
    }

    public async Task<Result<SheetView>> OpenAsync(Guid evaluationId, Guid subjectId, CancellationToken ct)
    {
        var er = await ReviewerEvaluationAsync(evaluationId, ct);
        if (!er.Ok)
        {
            return Result<SheetView>.Fail(er.Failures);
        }
        var e = er.Value!;
        var subject = await db.EvaluationSubjects.AsNoTracking().FirstOrDefaultAsync(s => s.Id == subjectId && s.EvaluationId == evaluationId, ct);
        if (subject is null)
        {
            return Failure.NotFound("SubjectId");
        }
        var scheme = await db.EvaluationSchemes.AsNoTracking().FirstAsync(s => s.Id == e.SchemeId, ct);
        var criteria = await db.EvaluationCriteria.AsNoTracking().Where(c => c.SchemeId == e.SchemeId).OrderBy(c => c.SortOrder).ThenBy(c => c.Id).ToListAsync(ct);
        var profile = await db.SocialOrganizations.AsNoTracking().Where(o => o.Id == subject.OrganizationId)
            .Select(o => new Profile(o.Name, o.Field, o.LegalStatus, o.MemberCount, o.YoungMemberCount, o.HasLeagueBranch, o.HasPartyBranch, o.Summary,
                o.FoundedOn, o.Address)).FirstOrDefaultAsync(ct);
        var me = db.Scope.UserId!.Value;
        var mine = await db.ScoreSheets.AsNoTracking().FirstOrDefaultAsync(s => s.SubjectId == subjectId && s.ReviewerUserId == me, ct);
        var myScores = mine is null ? new Dictionary<Guid, decimal>()
            : await db.CriterionScores.AsNoTracking().Where(c => c.SheetId == mine.Id).ToDictionaryAsync(c => c.CriterionId, c => c.Score, ct);
        IReadOnlyList<OtherSheet> others = [];
        SubjectOutcome? outcome = null;
        // Only once my own sheet for this subject is submitted: the rule of decision 013.
        if (mine?.SubmittedAt is not null)
        {
            var sheets = await db.ScoreSheets.AsNoTracking()
                .Where(s => s.SubjectId == subjectId && s.ReviewerUserId != me && s.SubmittedAt != null).OrderBy(s => s.SubmittedAt).ToListAsync(ct);
            var ids = sheets.Select(s => s.Id).ToList();
            var scores = (await db.CriterionScores.AsNoTracking().Where(c => ids.Contains(c.SheetId)).ToListAsync(ct)).ToLookup(c => c.SheetId);
            others = sheets.Select(s => new OtherSheet(s.ReviewerName, scores[s.Id].ToDictionary(c => c.CriterionId, c => c.Score), s.Comment, s.SubmittedAt!.Value)).ToList();
            outcome = (await results.CurrentAsync(evaluationId, ct)).FirstOrDefault(o => o.SubjectId == subjectId);
        }
        return new SheetView(e, scheme, criteria, subject, profile, mine, myScores, others, outcome, await LinesAsync(evaluationId, ct));
    }

    /// <summary>
    /// Saves my sheet (blank = cannot judge: no score row) and, with <paramref name="submit"/>, submits it for good.
    /// Each score is 0 … the criterion's maximum with at most 2 decimals; a submitted sheet or a closed evaluation
    /// refuses (409); a second submit, even racing, finds the sheet submitted.
    /// </summary>
    public async Task<Result<ScoreSheet>> SaveAsync(Guid evaluationId, Guid subjectId, IReadOnlyList<ScoreInput>? scores, string? comment, bool submit,
        CancellationToken ct)
    {
        var er = await ReviewerEvaluationAsync(evaluationId, ct);
        if (!er.Ok)
        {
            return Result<ScoreSheet>.Fail(er.Failures);
        }
        var e = er.Value!;
        var subject = await db.EvaluationSubjects.AsNoTracking().FirstOrDefaultAsync(s => s.Id == subjectId && s.EvaluationId == evaluationId, ct);
        if (subject is null)
        {
            return Failure.NotFound("SubjectId");
        }
        if (e.Status != EvaluationStatus.Scoring)
        {
            return new Failure("Evaluation", "EvaluationClosed", 409);
        }
        var me = db.Scope.UserId!.Value;
        var sheet = await db.ScoreSheets.FirstOrDefaultAsync(s => s.SubjectId == subjectId && s.ReviewerUserId == me, ct);
        if (sheet?.SubmittedAt is not null)
        {
            return new Failure("ScoreSheet", "SheetSubmitted", 409);
        }
        var criteria = await db.EvaluationCriteria.AsNoTracking().Where(c => c.SchemeId == e.SchemeId).ToDictionaryAsync(c => c.Id, ct);
        var f = new List<Failure>();
        var given = new Dictionary<Guid, decimal>();
        foreach (var s in scores ?? [])
        {
            if (!criteria.TryGetValue(s.CriterionId, out var c))
            {
                f.Add(Failure.NotFound("CriterionId"));
                continue;
            }
            if (s.Score is not { } v)
            {
                continue;
            }
            if (v < 0 || v > c.MaxScore || decimal.Round(v, 2) != v)
            {
                f.Add(new Failure("Score", "ScoreRule", 400, c.Name, c.MaxScore.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)));
                continue;
            }
            if (!given.TryAdd(c.Id, v))
            {
                f.Add(new Failure("CriterionId", "DuplicateScore"));
            }
        }
        var text = SchemeDesk.Text(comment, "ReviewerComment", ScoreSheet.CommentMaxLength, false, f);
        if (submit && f.Count == 0 && given.Count == 0)
        {
            f.Add(new Failure("Score", "AtLeastOneScore"));
        }
        if (f.Count > 0)
        {
            return Result<ScoreSheet>.Fail(f.DistinctBy(x => (x.Field, x.MessageKey, string.Join(",", x.Args))).ToList());
        }

        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (sheet is null)
        {
            sheet = new ScoreSheet
            {
                EvaluationId = evaluationId, SubjectId = subjectId, UnitId = e.UnitId, ReviewerUserId = me,
                ReviewerName = await db.EvaluationReviewers.Where(r => r.EvaluationId == evaluationId && r.UserId == me).Select(r => r.DisplayName).FirstAsync(ct),
            };
            db.ScoreSheets.Add(sheet);
        }
        else
        {
            db.CriterionScores.RemoveRange(await db.CriterionScores.Where(c => c.SheetId == sheet.Id).ToListAsync(ct));
        }
        sheet.Comment = text;
        sheet.UpdatedAt = now;
        db.CriterionScores.AddRange(given.Select(g => new CriterionScore { SheetId = sheet.Id, CriterionId = g.Key, Score = g.Value }));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return new Failure("ScoreSheet", "SheetSubmitted", 409);
        }
        if (submit)
        {
            // One guarded update: of two racing submits, one moves the sheet and the other finds it submitted.
            var moved = await db.ScoreSheets.Where(s => s.Id == sheet.Id && s.SubmittedAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.SubmittedAt, now), ct);
            if (moved == 0)
            {
                return new Failure("ScoreSheet", "SheetSubmitted", 409);
            }
            // The evaluation may have closed meanwhile: a sheet submitted after closing must not look counted.
            if (!await db.Evaluations.AnyAsync(x => x.Id == evaluationId && x.Status == EvaluationStatus.Scoring, ct))
            {
                return new Failure("Evaluation", "EvaluationClosed", 409);
            }
            sheet.SubmittedAt = now;
        }
        await tx.CommitAsync(ct);
        return sheet;
    }
}
