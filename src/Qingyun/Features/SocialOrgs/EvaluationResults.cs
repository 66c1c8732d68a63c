using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.SocialOrgs;

namespace Qingyun.Features.SocialOrgs;

/// <summary>
/// An evaluation's results (decision 013): computed live from the submitted sheets while reviewers score,
/// stored once and for all when the evaluation closes. Reads go through the caller's scope; the caller
/// decides first whether they may see results at all (a reviewer who has not submitted may not).
/// </summary>
public sealed class EvaluationResults(AppDbContext db, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Results from the submitted sheets as they stand now, ranked.</summary>
    public async Task<IReadOnlyList<SubjectOutcome>> ComputeAsync(Guid evaluationId, CancellationToken ct)
    {
        var schemeId = await db.Evaluations.Where(e => e.Id == evaluationId).Select(e => e.SchemeId).FirstAsync(ct);
        var criteria = await db.EvaluationCriteria.Where(c => c.SchemeId == schemeId)
            .OrderBy(c => c.SortOrder).ThenBy(c => c.Id)
            .Select(c => new CriterionRule(c.Id, c.Group, c.Name, c.Weight, c.MaxScore)).ToListAsync(ct);
        var subjects = await db.EvaluationSubjects.Where(s => s.EvaluationId == evaluationId)
            .Select(s => new { s.Id, s.Label }).ToListAsync(ct);
        var scores = await (
            from sheet in db.ScoreSheets
            where sheet.EvaluationId == evaluationId && sheet.SubmittedAt != null
            join score in db.CriterionScores on sheet.Id equals score.SheetId
            orderby sheet.SubmittedAt
            select new GivenScore(sheet.SubjectId, score.CriterionId, sheet.ReviewerName, score.Score)).ToListAsync(ct);
        return WeightedScore.Rank(criteria, subjects.Select(s => (s.Id, s.Label)), scores);
    }

    /// <summary>The results stored when the evaluation closed, ranked; empty while it is still scoring.</summary>
    public async Task<IReadOnlyList<SubjectOutcome>> StoredAsync(Guid evaluationId, CancellationToken ct)
    {
        var rows = await (
            from r in db.EvaluationResults
            where r.EvaluationId == evaluationId
            join s in db.EvaluationSubjects on r.SubjectId equals s.Id
            select new { r.SubjectId, s.Label, r.Total, r.Rank, r.MissingCriteria, r.Detail }).ToListAsync(ct);
        return rows
            .Select(r => new SubjectOutcome(r.SubjectId, r.Label, r.Total, r.Rank, r.MissingCriteria,
                JsonSerializer.Deserialize<List<CriterionOutcome>>(r.Detail, Json) ?? []))
            .OrderBy(r => r.Rank).ThenBy(r => r.Label, StringComparer.Ordinal).ThenBy(r => r.SubjectId)
            .ToList();
    }

    /// <summary>The stored results once closed, the live ones before.</summary>
    public async Task<IReadOnlyList<SubjectOutcome>> CurrentAsync(Guid evaluationId, CancellationToken ct)
    {
        var closed = await db.Evaluations.AnyAsync(e => e.Id == evaluationId && e.Status == EvaluationStatus.Closed, ct);
        return closed ? await StoredAsync(evaluationId, ct) : await ComputeAsync(evaluationId, ct);
    }

    /// <summary>
    /// Closes a scoring evaluation: computes the results from the submitted sheets and stores them. Sheets
    /// not submitted by then do not count. Closing twice is refused (409), so results are stored once.
    /// </summary>
    public async Task<Result<IReadOnlyList<SubjectOutcome>>> CloseAsync(Guid evaluationId, string closedBy, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        var flipped = await db.Evaluations.Where(e => e.Id == evaluationId && e.Status == EvaluationStatus.Scoring)
            .ExecuteUpdateAsync(u => u.SetProperty(e => e.Status, EvaluationStatus.Closed).SetProperty(e => e.ClosedAt, now)
                .SetProperty(e => e.ClosedBy, closedBy), ct);
        if (flipped == 0)
        {
            return new Failure("Evaluation", "EvaluationClosed", 409);
        }
        var unitId = await db.Evaluations.Where(e => e.Id == evaluationId).Select(e => e.UnitId).FirstAsync(ct);
        var results = await ComputeAsync(evaluationId, ct);
        db.EvaluationResults.AddRange(results.Select(r => new EvaluationResult
        {
            EvaluationId = evaluationId, SubjectId = r.SubjectId, UnitId = unitId, Total = r.Total, Rank = r.Rank,
            MissingCriteria = r.MissingCriteria, Detail = JsonSerializer.Serialize(r.Criteria, Json),
        }));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Result<IReadOnlyList<SubjectOutcome>>.Success(results);
    }
}
