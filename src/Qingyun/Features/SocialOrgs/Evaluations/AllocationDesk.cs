using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;
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
/// 资源分配 (decision 013): a budget split over a closed evaluation's stored results by score bands
/// (<see cref="BandAllocation.Split"/>), stored with one line per subject that explains itself in a sentence.
/// </summary>
public sealed class AllocationDesk(AppDbContext db, EvaluationDesk desk, EvaluationResults results, TimeProvider clock, AuditLog audit,
    IStringLocalizer<SharedResource> t)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public const int BandNameMaxLength = 30;

    public sealed record BandInput(string? Name, decimal? MinScore, int? Shares);

    public sealed record AllocationView(Allocation Allocation, Evaluation Evaluation, IReadOnlyList<ScoreBand> Bands, IReadOnlyList<AllocationLine> Lines)
    {
        public int TotalShares => Lines.Sum(l => l.Shares);
        public decimal Total => Lines.Sum(l => l.Amount);
    }

    public sealed record AllocationRow(Guid Id, string Title, decimal Budget, DateTimeOffset CreatedAt, string? CreatedBy);

    public async Task<IReadOnlyList<AllocationRow>> OfEvaluationAsync(Guid evaluationId, CancellationToken ct) =>
        (await db.Allocations.AsNoTracking().Where(a => a.EvaluationId == evaluationId).ToListAsync(ct))
            .OrderByDescending(a => a.CreatedAt).Select(a => new AllocationRow(a.Id, a.Title, a.Budget, a.CreatedAt, a.CreatedBy)).ToList();

    public async Task<Result<AllocationView>> CreateAsync(Guid evaluationId, string? title, decimal? budget, IReadOnlyList<BandInput>? bands, CancellationToken ct)
    {
        var er = await desk.FindAsync(evaluationId, Permission.SocialOrgsManage, ct);
        if (!er.Ok)
        {
            return Result<AllocationView>.Fail(er.Failures);
        }
        var e = er.Value!;
        if (e.Status != EvaluationStatus.Closed)
        {
            return new Failure("Evaluation", "EvaluationNotClosed", 409);
        }
        var f = new List<Failure>();
        var name = SchemeDesk.Text(title, "AllocationTitle", Allocation.TitleMaxLength, true, f);
        if (budget is not { } b)
        {
            f.Add(Failure.Required("AllocationBudget"));
        }
        else if (b <= 0 || b > Allocation.MaxBudget || decimal.Round(b, 2) != b)
        {
            f.Add(new Failure("AllocationBudget", "BudgetRule", 400, Allocation.MaxBudget.ToString("N0", CultureInfo.InvariantCulture)));
        }
        var list = (bands ?? []).Where(x => !string.IsNullOrWhiteSpace(x.Name) || x.MinScore is not null || x.Shares is not null).ToList();
        var parsed = new List<ScoreBand>();
        if (list.Count is 0 or > BandAllocation.MaxBands)
        {
            f.Add(new Failure("ScoreBands", "BandCount", 400, 1, BandAllocation.MaxBands));
        }
        foreach (var x in list)
        {
            var bandName = SchemeDesk.Text(x.Name, "BandName", BandNameMaxLength, true, f);
            if (x.MinScore is not { } min)
            {
                f.Add(Failure.Required("MinScore"));
            }
            else if (min < 0 || min > EvaluationScheme.TotalWeight || decimal.Round(min, 2) != min)
            {
                f.Add(new Failure("MinScore", "MinScoreRule"));
            }
            if (x.Shares is not { } shares)
            {
                f.Add(Failure.Required("Shares"));
            }
            else if (shares < 0 || shares > BandAllocation.MaxShares)
            {
                f.Add(new Failure("Shares", "Range", 400, 0, BandAllocation.MaxShares));
            }
            if (bandName is not null && x.MinScore is not null && x.Shares is not null)
            {
                parsed.Add(new ScoreBand(bandName, x.MinScore.Value, x.Shares.Value));
            }
        }
        if (parsed.Select(p => p.MinScore).Distinct().Count() < parsed.Count)
        {
            f.Add(new Failure("MinScore", "MinScoreDistinct"));
        }
        if (parsed.Select(p => p.Name).Distinct().Count() < parsed.Count)
        {
            f.Add(new Failure("BandName", "Duplicate"));
        }
        if (f.Count > 0)
        {
            return Result<AllocationView>.Fail(f.DistinctBy(x => (x.Field, x.MessageKey)).ToList());
        }
        var stored = await results.StoredAsync(evaluationId, ct);
        var split = BandAllocation.Split(budget!.Value, parsed, stored);
        if (split.Sum(l => l.Shares) == 0)
        {
            return new Failure("ScoreBands", "NoSubjectInBand");
        }
        var allocation = new Allocation
        {
            EvaluationId = evaluationId, UnitId = e.UnitId, Title = name!, Budget = budget.Value,
            Bands = JsonSerializer.Serialize(parsed.OrderByDescending(p => p.MinScore), Json), CreatedBy = db.Scope.UserName, CreatedAt = clock.GetUtcNow(),
        };
        var lines = split.Select(l => new AllocationLine
        {
            AllocationId = allocation.Id, SubjectId = l.SubjectId, Label = l.Label, Rank = l.Rank, Score = l.Score, Band = l.Band, Shares = l.Shares,
            Amount = l.Amount, RoundingAdjustment = l.RoundingAdjustment,
        }).ToList();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Allocations.Add(allocation);
        db.AllocationLines.AddRange(lines);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new AllocationView(allocation, e, parsed.OrderByDescending(p => p.MinScore).ToList(), Ordered(lines));
    }

    private static List<AllocationLine> Ordered(IEnumerable<AllocationLine> lines) =>
        lines.OrderBy(l => l.Rank).ThenBy(l => l.Label, StringComparer.Ordinal).ThenBy(l => l.SubjectId).ToList();

    public async Task<Result<AllocationView>> OpenAsync(Guid id, CancellationToken ct)
    {
        var r = await db.OwnedAsync(db.Allocations.AsNoTracking(), a => a.Id == id, Permission.SocialOrgsRead, ct);
        if (!r.Ok)
        {
            return Result<AllocationView>.Fail(r.Failures);
        }
        var a = r.Value!;
        var e = await db.Evaluations.AsNoTracking().FirstAsync(x => x.Id == a.EvaluationId, ct);
        var lines = await db.AllocationLines.AsNoTracking().Where(l => l.AllocationId == id).ToListAsync(ct);
        return new AllocationView(a, e, BandsOf(a), Ordered(lines));
    }

    public static IReadOnlyList<ScoreBand> BandsOf(Allocation a) => JsonSerializer.Deserialize<List<ScoreBand>>(a.Bands, Json) ?? [];

    /// <summary>
    /// One line in words: "第2名，87.50分，B档（≥80分）2份：100,000.00元 ÷ 9份 × 2份 = 22,222.22元（含尾差0.01元）".
    /// </summary>
    public static string Explain(IStringLocalizer<SharedResource> t, AllocationView v, AllocationLine line)
    {
        var band = v.Bands.FirstOrDefault(b => b.Name == line.Band);
        var score = line.Score.ToString("0.00", CultureInfo.InvariantCulture);
        if (band is null)
        {
            return t["Allocation.LineNoBand", line.Rank, score].Value;
        }
        var min = band.MinScore.ToString("0.##", CultureInfo.InvariantCulture);
        if (line.Shares == 0)
        {
            return t["Allocation.LineNoShares", line.Rank, score, band.Name, min].Value;
        }
        var text = t["Allocation.Line", line.Rank, score, band.Name, min, line.Shares, Money(v.Allocation.Budget), v.TotalShares, Money(line.Amount)].Value;
        return line.RoundingAdjustment > 0 ? text + t["Allocation.Adjustment", Money(line.RoundingAdjustment)].Value : text;
    }

    private static string Money(decimal yuan) => yuan.ToString("N2", CultureInfo.InvariantCulture);

    /// <summary>The allocation as a workbook, one row per line with its sentence; formula-safe and audited.</summary>
    public async Task<Result<byte[]>> ExportAsync(Guid id, CancellationToken ct)
    {
        var r = await OpenAsync(id, ct);
        if (!r.Ok)
        {
            return Result<byte[]>.Fail(r.Failures);
        }
        var v = r.Value!;
        var rows = v.Lines.Select(l => new Dictionary<string, object?>
        {
            [t["Ranking.Rank"]] = l.Rank,
            [t["Ranking.Subject"]] = ExcelCells.Safe(l.Label),
            [t["Ranking.Total"]] = l.Score,
            [t["Allocation.Band"]] = ExcelCells.Safe(l.Band),
            [t["Allocation.Shares"]] = l.Shares,
            [t["Allocation.Amount"]] = l.Amount,
            [t["Allocation.RoundingAdjustment"]] = l.RoundingAdjustment,
            [t["Allocation.Explanation"]] = ExcelCells.Safe(Explain(t, v, l)),
        }).ToList();
        rows.Add(new Dictionary<string, object?>
        {
            [t["Ranking.Rank"]] = null, [t["Ranking.Subject"]] = t["Allocation.TotalRow"].Value, [t["Ranking.Total"]] = null, [t["Allocation.Band"]] = null,
            [t["Allocation.Shares"]] = v.TotalShares, [t["Allocation.Amount"]] = v.Total, [t["Allocation.RoundingAdjustment"]] = v.Lines.Sum(l => l.RoundingAdjustment),
            [t["Allocation.Explanation"]] = ExcelCells.Safe(v.Allocation.Title),
        });
        using var stream = new MemoryStream();
        await stream.SaveAsAsync(rows, sheetName: t["Allocation.Title"].Value, cancellationToken: ct);
        await audit.RecordAsync(AuditAction.Export, nameof(Allocation), id.ToString(), v.Allocation.UnitId, changes: $"{{\"rows\":{v.Lines.Count}}}", ct: ct);
        return stream.ToArray();
    }
}
