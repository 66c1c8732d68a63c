using System.Net;
using Microsoft.EntityFrameworkCore;
using Qingyun.Tests.Infrastructure;
using static Qingyun.Tests.Features.SocialOrgs.EvaluationKit;

namespace Qingyun.Tests.Features.SocialOrgs;

/// <summary>Decision 013: a budget split over a closed evaluation by score bands, summing exactly, each line explained.</summary>
public abstract class AllocationTests(QingyunApp app)
{
    private Guid A => app.World.CommunityA.Id;

    private static object Bands(decimal budget, string title = "2026年度扶持资金") => new
    {
        title, budget,
        bands = new[] { new { name = "A档", minScore = 90m, shares = 3 }, new { name = "B档", minScore = 80m, shares = 2 }, new { name = "C档", minScore = 70m, shares = 1 } },
    };

    /// <summary>Five organizations scored 95, 87.5, 85, 75 and 60 by one reviewer.</summary>
    private async Task<(HttpClient Admin, Guid Evaluation)> ScoredAsync(bool close)
    {
        var admin = await app.ApiAsAsync(World.AdminA);
        var scheme = await PublishedSchemeAsync(admin, A);
        var evaluation = await EvaluationAsync(admin, A, scheme.Id);
        var orgs = new List<Guid>();
        foreach (var name in new[] { "一号社", "二号社", "三号社", "四号社", "五号社" })
        {
            orgs.Add(await OrganizationAsync(app, A, name + "-" + Guid.NewGuid().ToString("N")[..4]));
        }
        var subjects = await SubjectsAsync(admin, evaluation, [.. orgs]);
        var expert = await ReviewerAsync(app, "评委周");
        await AddReviewerAsync(admin, evaluation, expert);
        var reviewer = await app.ApiAsAsync(expert);
        // A 40 × s/10, B 35 × s/100, C 25 × s/5.
        var sheets = new (decimal, decimal, decimal)[] { (10, 100, 4), (10, 100, 2.5m), (10, 100, 2), (10, 100, 0), (8, 60, 2) };
        for (var i = 0; i < subjects.Length; i++)
        {
            var (a, b, c) = sheets[i];
            await Ok(await SubmitAsync(reviewer, evaluation, subjects[i], Sheet(scheme, a, b, c)));
        }
        if (close)
        {
            await Ok(await admin.PostAsync($"/api/v1/social-orgs/evaluations/{evaluation}/close", null));
        }
        return (admin, evaluation);
    }

    [Fact]
    public async Task AnAllocation_SumsExactlyToTheBudget_AndExplainsEveryLine()
    {
        var (admin, evaluation) = await ScoredAsync(close: true);
        var totals = (await Ok(await admin.GetAsync($"/api/v1/social-orgs/evaluations/{evaluation}/results"))).GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("total").GetDecimal()).ToArray();
        Assert.Equal([95m, 87.5m, 85m, 75m, 63m], totals);

        var created = await admin.PostJsonAsync($"/api/v1/social-orgs/evaluations/{evaluation}/allocations", Bands(100_000.00m));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var json = await created.ReadJsonAsync();
        var lines = json.GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal(8, json.GetProperty("totalShares").GetInt32());
        // 100,000 ÷ 8 = 12,500 a share: exact, no fen to place.
        Assert.Equal([37_500m, 25_000m, 25_000m, 12_500m, 0m], lines.Select(l => l.GetProperty("amount").GetDecimal()).ToArray());
        Assert.Equal(100_000.00m, lines.Sum(l => l.GetProperty("amount").GetDecimal()));
        Assert.Equal("第2名，87.50分，B档（≥80分）2份：100,000.00元 ÷ 8份 × 2份 = 25,000.00元", lines[1].GetProperty("explanation").GetString());
        Assert.Equal("第5名，63.00分，未达到任何档次：0.00元", lines[4].GetProperty("explanation").GetString());

        // 0.05 yuan over 8 shares: 3 × 5 ÷ 8 = 1.875 fen, 2 × 5 ÷ 8 = 1.25, 1 × 5 ÷ 8 = 0.625 → floors 1 + 1 + 1 + 0 = 3; the two fen left go to
        // the largest remainders: 0.875 (A) and 0.625 (C).
        var small = await Ok(await admin.PostJsonAsync($"/api/v1/social-orgs/evaluations/{evaluation}/allocations", Bands(0.05m, "零钱")));
        var smallLines = small.GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal([0.02m, 0.01m, 0.01m, 0.01m, 0m], smallLines.Select(l => l.GetProperty("amount").GetDecimal()).ToArray());
        Assert.Equal(0.05m, smallLines.Sum(l => l.GetProperty("amount").GetDecimal()));
        Assert.Equal("第1名，95.00分，A档（≥90分）3份：0.05元 ÷ 8份 × 3份 = 0.02元（含尾差0.01元）", smallLines[0].GetProperty("explanation").GetString());

        // 100,000 over 7 shares (no C band): 42,857.142… / 28,571.428… → the leftover fen go to the largest remainders.
        var seven = await Ok(await admin.PostJsonAsync($"/api/v1/social-orgs/evaluations/{evaluation}/allocations", new
        {
            title = "七份", budget = 100_000.00m, bands = new[] { new { name = "甲档", minScore = 90m, shares = 3 }, new { name = "乙档", minScore = 80m, shares = 2 } },
        }));
        var sevenLines = seven.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("amount").GetDecimal()).ToArray();
        Assert.Equal([42_857.14m, 28_571.43m, 28_571.43m, 0m, 0m], sevenLines);
        Assert.Equal(100_000.00m, sevenLines.Sum());

        var id = small.GetProperty("id").GetGuid();
        Assert.Equal(0.05m, await app.AsSystemAsync(async (_, db) => (await db.AllocationLines.Where(l => l.AllocationId == id).Select(l => l.Amount).ToListAsync()).Sum()));
        var pages = await app.PagesAsAsync(World.AdminA);
        var html = await (await pages.Http.GetAsync($"/social-orgs/allocations/{id}")).Content.ReadAsStringAsync();
        Assert.Contains("第1名，95.00分，A档（≥90分）3份：0.05元 ÷ 8份 × 3份 = 0.02元（含尾差0.01元）", html, StringComparison.Ordinal);
        Assert.Contains("id=\"allocation-total\"", html, StringComparison.Ordinal);
        var english = await (await pages.Http.GetAsync($"/social-orgs/allocations/{id}?culture=en")).Content.ReadAsStringAsync();
        Assert.Contains("Rank 1, 95.00 points, A档 (≥ 90) 3 shares: 0.05 yuan ÷ 8 shares × 3 shares = 0.02 yuan (including 0.01 yuan of rounding)", english, StringComparison.Ordinal);
        var xlsx = await pages.Http.GetAsync($"/social-orgs/allocations/{id}?handler=Export");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal((byte)'P', (await xlsx.Content.ReadAsByteArrayAsync())[0]);
    }

    [Fact]
    public async Task AnAllocation_IsRefusedOnAnOpenEvaluation_WithoutABandReached_AndWithABadBudget()
    {
        var (admin, evaluation) = await ScoredAsync(close: false);
        var url = $"/api/v1/social-orgs/evaluations/{evaluation}/allocations";
        await AssertStatus(HttpStatusCode.Conflict, await admin.PostJsonAsync(url, Bands(1000m)), "评价尚未结束");
        await Ok(await admin.PostAsync($"/api/v1/social-orgs/evaluations/{evaluation}/close", null));

        await AssertStatus(HttpStatusCode.BadRequest, await admin.PostJsonAsync(url, new { title = "够不着", budget = 1000m, bands = new[] { new { name = "特等", minScore = 99m, shares = 1 } } }),
            "没有任何对象的得分达到任一档次");
        await AssertStatus(HttpStatusCode.BadRequest, await admin.PostJsonAsync(url, Bands(0m)), "预算（元）：应为大于 0");
        await AssertStatus(HttpStatusCode.BadRequest, await admin.PostJsonAsync(url, Bands(100.001m)), "最多两位小数");
        await AssertStatus(HttpStatusCode.BadRequest, await admin.PostJsonAsync(url, Bands(1_000_000_001m)), "预算");
        await AssertStatus(HttpStatusCode.BadRequest, await admin.PostJsonAsync(url, new { title = "重复", budget = 10m, bands = new[] { new { name = "甲", minScore = 80m, shares = 1 }, new { name = "乙", minScore = 80m, shares = 2 } } }),
            "各档次的最低分不能相同");
        await AssertStatus(HttpStatusCode.BadRequest, await admin.PostJsonAsync(url, new { title = "无档", budget = 10m, bands = Array.Empty<object>() }), "档次");
        Assert.Equal(0, await app.AsSystemAsync((_, db) => db.Allocations.CountAsync(a => a.EvaluationId == evaluation)));

        var cadre = await app.ApiAsAsync(World.CadreA);
        await AssertStatus(HttpStatusCode.Forbidden, await cadre.PostJsonAsync(url, Bands(1000m)));
        var created = await Id(await admin.PostJsonAsync(url, Bands(1000m)));
        await Ok(await cadre.GetAsync($"/api/v1/social-orgs/allocations/{created}"));
        await AssertStatus(HttpStatusCode.NotFound, await (await app.ApiAsAsync(World.AdminB)).GetAsync($"/api/v1/social-orgs/allocations/{created}"));
    }
}

public sealed class AllocationOnSqlite(SqliteApp app) : AllocationTests(app), IClassFixture<SqliteApp>;

public sealed class AllocationOnPostgres(PostgresApp app) : AllocationTests(app), IClassFixture<PostgresApp>;
