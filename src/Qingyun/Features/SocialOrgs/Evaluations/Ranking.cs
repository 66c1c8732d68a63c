using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Microsoft.Extensions.Localization;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.Audit;
using Qingyun.Domain.SocialOrgs;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.SocialOrgs.Evaluations;

/// <summary>
/// 排名: an evaluation's results — live from the submitted sheets while scoring, the stored ones once closed — for
/// League staff who read the evaluation. A reviewer of a scoring evaluation sees no results here (their desk
/// shows a subject's total only after they have submitted for it).
/// </summary>
public sealed class Ranking(AppDbContext db, EvaluationDesk desk, EvaluationResults results, AuditLog audit, IStringLocalizer<SharedResource> t)
{
    public sealed record RankingView(Evaluation Evaluation, string SchemeName, int SchemeVersion, IReadOnlyList<EvaluationCriterion> Criteria,
        IReadOnlyList<SubjectOutcome> Outcomes, IReadOnlyList<string> Reviewers, bool Stored, bool CanManage);

    public async Task<Result<RankingView>> OpenAsync(Guid id, CancellationToken ct)
    {
        var r = await desk.FindAsync(id, Permission.SocialOrgsRead, ct);
        if (!r.Ok)
        {
            return Result<RankingView>.Fail(r.Failures);
        }
        var e = r.Value!;
        if (e.Status == EvaluationStatus.Scoring && await desk.IsReviewerAsync(id, ct))
        {
            return new Failure("Id", "ReviewerSeesNoResults", 403);
        }
        var scheme = await db.EvaluationSchemes.AsNoTracking().Where(s => s.Id == e.SchemeId).Select(s => new { s.Name, s.Version }).FirstAsync(ct);
        var criteria = await db.EvaluationCriteria.AsNoTracking().Where(c => c.SchemeId == e.SchemeId).OrderBy(c => c.SortOrder).ThenBy(c => c.Id).ToListAsync(ct);
        var outcomes = await results.CurrentAsync(id, ct);
        var reviewers = outcomes.SelectMany(o => o.Criteria).SelectMany(c => c.Given).Select(g => g.Reviewer).Distinct().Order(StringComparer.Ordinal).ToList();
        var canManage = (await desk.FindAsync(id, Permission.SocialOrgsManage, ct)).Ok;
        return new RankingView(e, scheme.Name, scheme.Version, criteria, outcomes, reviewers, e.Status == EvaluationStatus.Closed, canManage);
    }

    /// <summary>The ranking as a workbook: one row per subject, then one row per score given; every text cell formula-safe. Audited.</summary>
    public async Task<Result<byte[]>> ExportAsync(Guid id, CancellationToken ct)
    {
        var r = await OpenAsync(id, ct);
        if (!r.Ok)
        {
            return Result<byte[]>.Fail(r.Failures);
        }
        var v = r.Value!;
        var ranking = v.Outcomes.Select(o =>
        {
            var row = new Dictionary<string, object?>
            {
                [t["Ranking.Rank"]] = o.Rank,
                [t["Ranking.Subject"]] = ExcelCells.Safe(o.Label),
                [t["Ranking.Total"]] = o.Total,
                [t["Ranking.Missing"]] = o.MissingCriteria,
            };
            foreach (var c in o.Criteria)
            {
                row[ExcelCells.Safe($"{c.Name} {t["Ranking.Mean"]}")!] = c.Mean is { } m ? decimal.Round(m, 4, MidpointRounding.AwayFromZero) : null;
                row[ExcelCells.Safe($"{c.Name} {t["Ranking.Points"]}")!] = decimal.Round(c.Points, 4, MidpointRounding.AwayFromZero);
            }
            return row;
        }).ToList();
        var given = v.Outcomes.SelectMany(o => o.Criteria.SelectMany(c => c.Given.Select(g => new Dictionary<string, object?>
        {
            [t["Ranking.Subject"]] = ExcelCells.Safe(o.Label),
            [t["Ranking.Group"]] = ExcelCells.Safe(c.Group),
            [t["Ranking.Criterion"]] = ExcelCells.Safe(c.Name),
            [t["Ranking.Reviewer"]] = ExcelCells.Safe(g.Reviewer),
            [t["Ranking.Score"]] = g.Score,
            [t["Ranking.MaxScore"]] = c.MaxScore,
        }))).ToList();
        using var stream = new MemoryStream();
        var sheets = new Dictionary<string, object>
        {
            [t["Ranking.Title"].Value] = ranking.Count > 0 ? ranking : new List<Dictionary<string, object?>> { new() { [t["Ranking.Subject"]] = null } },
            [t["Ranking.Scores"].Value] = given.Count > 0 ? given : new List<Dictionary<string, object?>> { new() { [t["Ranking.Reviewer"]] = null } },
        };
        await stream.SaveAsAsync(sheets, cancellationToken: ct);
        await audit.RecordAsync(AuditAction.Export, nameof(EvaluationResult), id.ToString(), v.Evaluation.UnitId, changes: $"{{\"rows\":{ranking.Count}}}", ct: ct);
        return stream.ToArray();
    }
}
