namespace Qingyun.Domain.SocialOrgs;

/// <summary>A criterion as the arithmetic needs it.</summary>
public sealed record CriterionRule(Guid Id, string Group, string Name, decimal Weight, decimal MaxScore);

/// <summary>A score from a submitted sheet (unsubmitted sheets never count).</summary>
public sealed record GivenScore(Guid SubjectId, Guid CriterionId, string Reviewer, decimal Score);

public sealed record ReviewerScore(string Reviewer, decimal Score);

/// <summary>
/// One criterion of one subject: the reviewers' mean (null when nobody scored it) and the points it
/// brings: weight × mean ÷ max score.
/// </summary>
public sealed record CriterionOutcome(
    Guid CriterionId, string Group, string Name, decimal Weight, decimal MaxScore, decimal? Mean, decimal Points, IReadOnlyList<ReviewerScore> Given);

public sealed record SubjectOutcome(Guid SubjectId, string Label, decimal Total, int Rank, int MissingCriteria, IReadOnlyList<CriterionOutcome> Criteria);

/// <summary>
/// The weighted score of decision 013, in exact decimal arithmetic:
/// <list type="bullet">
/// <item>a criterion's mean is over the reviewers who scored it; a reviewer who could not judge a criterion
/// leaves it out rather than giving 0, and a criterion nobody scored brings 0 points and is counted as missing;</item>
/// <item>points = weight × mean ÷ max score, summed over the criteria (weights sum to 100, so the total is of 100);</item>
/// <item>the total is rounded once, at the end, to 2 decimals, half away from zero;</item>
/// <item>equal totals share a rank (1, 2, 2, 4) and are listed by name.</item>
/// </list>
/// </summary>
public static class WeightedScore
{
    public static IReadOnlyList<SubjectOutcome> Rank(
        IReadOnlyList<CriterionRule> criteria, IEnumerable<(Guid Id, string Label)> subjects, IEnumerable<GivenScore> submitted)
    {
        var bySubject = submitted.ToLookup(s => s.SubjectId);
        var unranked = subjects.Select(subject =>
        {
            var scores = bySubject[subject.Id].ToLookup(s => s.CriterionId);
            var outcomes = criteria.Select(c =>
            {
                var given = scores[c.Id].Select(s => new ReviewerScore(s.Reviewer, s.Score)).ToList();
                decimal? mean = given.Count == 0 ? null : given.Sum(g => g.Score) / given.Count;
                var points = mean is null || c.MaxScore <= 0 ? 0m : c.Weight * mean.Value / c.MaxScore;
                return new CriterionOutcome(c.Id, c.Group, c.Name, c.Weight, c.MaxScore, mean, points, given);
            }).ToList();
            // Thirds and sevenths are cut at decimal's 28 digits, so a true half-fen such as 79.625 can arrive as
            // 79.62499…; settling the sum at 20 places first puts it back on the half before the one real rounding.
            var total = Math.Round(Math.Round(outcomes.Sum(o => o.Points), 20, MidpointRounding.AwayFromZero), 2, MidpointRounding.AwayFromZero);
            return new SubjectOutcome(subject.Id, subject.Label, total, 0, outcomes.Count(o => o.Mean is null), outcomes);
        })
        .OrderByDescending(o => o.Total).ThenBy(o => o.Label, StringComparer.Ordinal).ThenBy(o => o.SubjectId)
        .ToList();

        var ranked = new List<SubjectOutcome>(unranked.Count);
        for (var i = 0; i < unranked.Count; i++)
        {
            var rank = i > 0 && unranked[i].Total == ranked[i - 1].Total ? ranked[i - 1].Rank : i + 1;
            ranked.Add(unranked[i] with { Rank = rank });
        }
        return ranked;
    }

    /// <summary>Weights must be positive and sum to exactly 100; a max score must be positive.</summary>
    public static bool WeightsAreValid(IReadOnlyCollection<CriterionRule> criteria) =>
        criteria.Count > 0 && criteria.All(c => c.Weight > 0 && c.MaxScore > 0) && criteria.Sum(c => c.Weight) == EvaluationScheme.TotalWeight;
}

/// <summary>A score band of an allocation: subjects scoring at least <see cref="MinScore"/> get <see cref="Shares"/> shares.</summary>
public sealed record ScoreBand(string Name, decimal MinScore, int Shares);

public sealed record AllocatedLine(
    Guid SubjectId, string Label, int Rank, decimal Score, string? Band, int Shares, decimal Amount, decimal RoundingAdjustment);

/// <summary>
/// A budget split by score bands (decision 013): each subject falls in the highest band whose minimum
/// its total reaches (or in none, with no share); the budget is divided by the total number of shares
/// and each subject gets its shares' worth, cut down to the fen. The fen left over by the cuts — fewer
/// than the number of subjects — go one each to the largest cut-off remainders, ties in rank order, so
/// the lines always sum to the budget exactly.
/// </summary>
public static class BandAllocation
{
    public const int MaxBands = 10;
    public const int MaxShares = 100;

    public static ScoreBand? BandFor(decimal score, IReadOnlyList<ScoreBand> bands) =>
        bands.Where(b => score >= b.MinScore).OrderByDescending(b => b.MinScore).FirstOrDefault();

    public static IReadOnlyList<AllocatedLine> Split(decimal budget, IReadOnlyList<ScoreBand> bands, IReadOnlyList<SubjectOutcome> ranked)
    {
        var placed = ranked.Select(r => (Outcome: r, Band: BandFor(r.Total, bands))).ToList();
        var totalShares = placed.Sum(p => p.Band?.Shares ?? 0);
        if (totalShares == 0)
        {
            return placed.Select(p => new AllocatedLine(p.Outcome.SubjectId, p.Outcome.Label, p.Outcome.Rank, p.Outcome.Total, p.Band?.Name, 0, 0m, 0m)).ToList();
        }

        var budgetFen = decimal.ToInt64(budget * 100m);
        var cut = placed.Select((p, i) =>
        {
            var shares = p.Band?.Shares ?? 0;
            var exactFen = (decimal)budgetFen * shares / totalShares;
            var floorFen = decimal.Floor(exactFen);
            return (p.Outcome, p.Band, Shares: shares, FloorFen: (long)floorFen, Remainder: exactFen - floorFen, Order: i);
        }).ToList();

        var leftFen = budgetFen - cut.Sum(c => c.FloorFen);
        var extra = cut.Where(c => c.Shares > 0).OrderByDescending(c => c.Remainder).ThenBy(c => c.Order)
            .Take((int)leftFen).Select(c => c.Order).ToHashSet();

        return cut.Select(c =>
        {
            var adjustment = extra.Contains(c.Order) ? 1 : 0;
            return new AllocatedLine(c.Outcome.SubjectId, c.Outcome.Label, c.Outcome.Rank, c.Outcome.Total, c.Band?.Name, c.Shares,
                (c.FloorFen + adjustment) / 100m, adjustment / 100m);
        }).ToList();
    }
}
