using Qingyun.Domain.SocialOrgs;

namespace Qingyun.Tests.Unit;

/// <summary>The arithmetic of decision 013, against values worked out by hand.</summary>
public sealed class EvaluationMathTests
{
    private static readonly Guid A = Guid.Parse("00000000-0000-0000-0000-00000000000a");
    private static readonly Guid B = Guid.Parse("00000000-0000-0000-0000-00000000000b");
    private static readonly Guid C = Guid.Parse("00000000-0000-0000-0000-00000000000c");

    // Weights 40 / 35 / 25 with maxima 10 / 100 / 5.
    private static readonly CriterionRule[] Scheme =
    [
        new(A, "紧密度", "与团组织联系", 40m, 10m),
        new(B, "功能发挥", "服务成效", 35m, 100m),
        new(C, "规范运行", "财务制度", 25m, 5m),
    ];

    private static GivenScore S(Guid subject, Guid criterion, string reviewer, decimal score) => new(subject, criterion, reviewer, score);

    [Fact]
    public void WeightedTotal_OfRepeatingDecimalMeans_IsRoundedOnceAtTheEnd_HalfAwayFromZero()
    {
        var x = Guid.NewGuid();
        // A: 7, 8, 8 → mean 23/3 → 40 × 23/3 ÷ 10 = 92/3 = 30.666…
        // B: 85, 90 (the third reviewer could not judge) → mean 87.5 → 35 × 87.5 ÷ 100 = 30.625
        // C: 4, 4, 3 → mean 11/3 → 25 × 11/3 ÷ 5 = 55/3 = 18.333…
        // Total 92/3 + 55/3 + 30.625 = 49 + 30.625 = 79.625 → 79.63 (half away from zero), not 79.62.
        var given = new[]
        {
            S(x, A, "甲", 7), S(x, A, "乙", 8), S(x, A, "丙", 8),
            S(x, B, "甲", 85), S(x, B, "乙", 90),
            S(x, C, "甲", 4), S(x, C, "乙", 4), S(x, C, "丙", 3),
        };
        var o = Assert.Single(WeightedScore.Rank(Scheme, [(x, "青禾志愿服务队")], given));
        Assert.Equal(79.63m, o.Total);
        Assert.Equal(0, o.MissingCriteria);
        Assert.Equal(1, o.Rank);
        Assert.Equal(30.625m, o.Criteria[1].Points);
        Assert.Equal(87.5m, o.Criteria[1].Mean);
        Assert.Equal(2, o.Criteria[1].Given.Count);
        Assert.Equal(["甲", "乙", "丙"], o.Criteria[0].Given.Select(g => g.Reviewer).ToArray());
        Assert.Equal(30.67m, decimal.Round(o.Criteria[0].Points, 2));
        Assert.Equal(18.33m, decimal.Round(o.Criteria[2].Points, 2));
    }

    [Fact]
    public void ACriterionNobodyScored_BringsZeroPoints_AndIsCountedAsMissing()
    {
        var x = Guid.NewGuid();
        // A: 9 and 10 → 9.5 → 40 × 9.5 ÷ 10 = 38; B: nobody → 0; C: 5 → 25. Total 63.00, one missing.
        var given = new[] { S(x, A, "甲", 9), S(x, A, "乙", 10), S(x, C, "甲", 5) };
        var o = Assert.Single(WeightedScore.Rank(Scheme, [(x, "晨光读书会")], given));
        Assert.Equal(63.00m, o.Total);
        Assert.Equal(1, o.MissingCriteria);
        Assert.Null(o.Criteria[1].Mean);
        Assert.Equal(0m, o.Criteria[1].Points);
        Assert.Empty(o.Criteria[1].Given);
    }

    [Fact]
    public void AReviewerWhoLeavesACriterionBlank_DoesNotPullItsMeanDown()
    {
        var x = Guid.NewGuid();
        // B scored only by 乙 (60): mean 60, not (60 + 0) ÷ 2 → 35 × 60 ÷ 100 = 21.
        var given = new[] { S(x, A, "甲", 10), S(x, A, "乙", 10), S(x, B, "乙", 60), S(x, C, "甲", 5), S(x, C, "乙", 5) };
        var o = Assert.Single(WeightedScore.Rank(Scheme, [(x, "社区青年足球队")], given));
        Assert.Equal(86.00m, o.Total);
    }

    [Fact]
    public void EqualTotals_ShareARank_AndTheNextRankSkips()
    {
        Guid w = Guid.NewGuid(), x = Guid.NewGuid(), y = Guid.NewGuid(), z = Guid.NewGuid();
        var given = new[]
        {
            S(w, A, "甲", 10), S(w, B, "甲", 100), S(w, C, "甲", 5),  // 100
            S(x, A, "甲", 8), S(x, B, "甲", 80), S(x, C, "甲", 4),    // 80
            S(y, A, "甲", 8), S(y, B, "甲", 80), S(y, C, "甲", 4),    // 80
            S(z, A, "甲", 5), S(z, B, "甲", 50), S(z, C, "甲", 2.5m), // 50
        };
        var ranked = WeightedScore.Rank(Scheme, [(z, "丁"), (y, "丙"), (x, "乙"), (w, "甲")], given);
        Assert.Equal([1, 2, 2, 4], ranked.Select(r => r.Rank).ToArray());
        Assert.Equal([100m, 80m, 80m, 50m], ranked.Select(r => r.Total).ToArray());
        // Equal totals are listed by name (ordinal), so the order never depends on the database.
        Assert.Equal(["甲", "丙", "乙", "丁"], ranked.Select(r => r.Label).ToArray());
    }

    [Fact]
    public void Weights_MustBePositive_AndSumToExactlyOneHundred()
    {
        Assert.True(WeightedScore.WeightsAreValid(Scheme));
        Assert.False(WeightedScore.WeightsAreValid([.. Scheme.Take(2)]));
        Assert.False(WeightedScore.WeightsAreValid([new(A, "g", "a", 100.01m, 10), new(B, "g", "b", -0.01m, 10)]));
        Assert.False(WeightedScore.WeightsAreValid([new(A, "g", "a", 100m, 0)]));
        Assert.False(WeightedScore.WeightsAreValid([]));
    }

    private static SubjectOutcome Outcome(string label, decimal total, int rank) => new(Guid.NewGuid(), label, total, rank, 0, []);

    private static readonly ScoreBand[] Bands = [new("A档", 90, 3), new("B档", 80, 2), new("C档", 70, 1)];

    [Fact]
    public void OneHundredThousandOverThreeEqualShares_GivesTheLeftoverFenToTheFirstInRank()
    {
        var ranked = new[] { Outcome("甲", 95, 1), Outcome("乙", 92, 2), Outcome("丙", 91, 3) };
        var lines = BandAllocation.Split(100_000.00m, Bands, ranked);
        Assert.Equal([33_333.34m, 33_333.33m, 33_333.33m], lines.Select(l => l.Amount).ToArray());
        Assert.Equal([0.01m, 0m, 0m], lines.Select(l => l.RoundingAdjustment).ToArray());
        Assert.Equal(100_000.00m, lines.Sum(l => l.Amount));
    }

    [Fact]
    public void FiveFenOverThreeEqualShares_AreTwoTwoAndOne()
    {
        var ranked = new[] { Outcome("甲", 95, 1), Outcome("乙", 95, 1), Outcome("丙", 90, 3) };
        var lines = BandAllocation.Split(0.05m, Bands, ranked);
        Assert.Equal([0.02m, 0.02m, 0.01m], lines.Select(l => l.Amount).ToArray());
        Assert.Equal(0.05m, lines.Sum(l => l.Amount));
    }

    [Fact]
    public void ABudgetSplitByBands_GivesTheFenToTheLargestRemainder_AndNothingBelowEveryBand()
    {
        // 9 shares: 100,000 ÷ 9 = 11,111.111…; A 3 → 33,333.333…, B 2 → 22,222.222…, C 1 → 11,111.111…
        // Floors sum to 99,999.99; the fen left goes to the largest remainder (A's 0.333 fen).
        var ranked = new[] { Outcome("甲", 95, 1), Outcome("乙", 87.5m, 2), Outcome("丙", 85, 3), Outcome("丁", 75, 4), Outcome("戊", 70, 5), Outcome("己", 69.99m, 6) };
        var lines = BandAllocation.Split(100_000.00m, Bands, ranked);
        Assert.Equal([33_333.34m, 22_222.22m, 22_222.22m, 11_111.11m, 11_111.11m, 0m], lines.Select(l => l.Amount).ToArray());
        Assert.Equal(["A档", "B档", "B档", "C档", "C档", "—"], lines.Select(l => l.Band ?? "—").ToArray());
        Assert.Equal([3, 2, 2, 1, 1, 0], lines.Select(l => l.Shares).ToArray());
        Assert.Equal(100_000.00m, lines.Sum(l => l.Amount));
    }

    [Fact]
    public void RandomBudgetsBandsAndScores_AlwaysSumExactly_NoLineNegative_EachWithinAFenOfItsExactShare()
    {
        var random = new Random(20261123);
        var checkedCases = 0;
        for (var run = 0; run < 2000; run++)
        {
            var budget = random.Next(0, 4) switch
            {
                0 => random.Next(1, 100) / 100m,
                1 => random.Next(1, 1_000_000) / 100m,
                2 => random.NextInt64(1, 100_000_000_000) / 100m,
                _ => random.Next(1, 10_000) * 1000m,
            };
            var bandCount = random.Next(1, BandAllocation.MaxBands + 1);
            var mins = Enumerable.Range(0, 10_001).OrderBy(_ => random.Next()).Take(bandCount).Select(m => m / 100m).ToList();
            var bands = mins.Select((m, i) => new ScoreBand("档" + i, m, random.Next(0, BandAllocation.MaxShares + 1))).ToList();
            var count = random.Next(1, 60);
            var totals = Enumerable.Range(0, count).Select(_ => random.Next(0, 10_001) / 100m).OrderByDescending(t => t).ToList();
            var ranked = totals.Select((t, i) => Outcome("对象" + i, t, totals.IndexOf(t) + 1)).ToList();

            var lines = BandAllocation.Split(budget, bands, ranked);
            var totalShares = lines.Sum(l => l.Shares);
            Assert.Equal(count, lines.Count);
            Assert.All(lines, l => Assert.True(l.Amount >= 0, $"negative line in run {run}"));
            Assert.All(lines, l => Assert.Equal(l.Amount, decimal.Round(l.Amount, 2)));
            if (totalShares == 0)
            {
                Assert.All(lines, l => Assert.Equal(0m, l.Amount));
                continue;
            }
            Assert.True(lines.Sum(l => l.Amount) == budget, $"run {run}: {lines.Sum(l => l.Amount)} ≠ {budget}");
            foreach (var l in lines)
            {
                var exact = budget * l.Shares / totalShares;
                Assert.True(Math.Abs(l.Amount - exact) < 0.01m, $"run {run}: {l.Amount} is not within a fen of {exact}");
                Assert.True(l.RoundingAdjustment is 0m or 0.01m);
                Assert.Equal(BandAllocation.BandFor(l.Score, bands)?.Name, l.Band);
            }
            checkedCases++;
        }
        Assert.True(checkedCases > 1000, $"only {checkedCases} cases had a share");
    }
}
