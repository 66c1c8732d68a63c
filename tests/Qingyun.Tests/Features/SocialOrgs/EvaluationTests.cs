using System.Net;
using Microsoft.EntityFrameworkCore;
using Qingyun.Domain.SocialOrgs;
using Qingyun.Tests.Infrastructure;
using static Qingyun.Tests.Features.SocialOrgs.EvaluationKit;

namespace Qingyun.Tests.Features.SocialOrgs;

/// <summary>Decision 013: reviewers score independently; only submitted sheets count; results are exact and stored at close.</summary>
public abstract class EvaluationTests(QingyunApp app)
{
    private Guid A => app.World.CommunityA.Id;

    [Fact]
    public async Task ThreeReviewers_GiveAnExactRanking_WithAMissingCriterion_ATie_AndDraftsNotCounted()
    {
        var admin = await app.ApiAsAsync(World.AdminA);
        var scheme = await PublishedSchemeAsync(admin, A);
        var evaluation = await EvaluationAsync(admin, A, scheme.Id);
        var orgs = new[] { await OrganizationAsync(app, A, "青禾志愿服务队"), await OrganizationAsync(app, A, "晨光读书会"), await OrganizationAsync(app, A, "星火足球社"), await OrganizationAsync(app, A, "山海摄影社") };
        var s = await SubjectsAsync(admin, evaluation, orgs);
        var names = new[] { await ReviewerAsync(app, "专家甲"), await ReviewerAsync(app, "专家乙"), await ReviewerAsync(app, "专家丙") };
        foreach (var n in names)
        {
            await AddReviewerAsync(admin, evaluation, n);
        }
        var r = new[] { await app.ApiAsAsync(names[0]), await app.ApiAsAsync(names[1]), await app.ApiAsAsync(names[2]) };

        // 青禾: 79.625 → 79.63 (the third reviewer could not judge 服务成效).
        await Ok(await SubmitAsync(r[0], evaluation, s[0], Sheet(scheme, 7, 85, 4)));
        await Ok(await SubmitAsync(r[1], evaluation, s[0], Sheet(scheme, 8, 90, 4)));
        await Ok(await SubmitAsync(r[2], evaluation, s[0], Sheet(scheme, 8, null, 3)));
        // 晨光 and 星火: 32 + 28 + 20 = 80.00 each — a tie; 丙's draft on 星火 does not count.
        await Ok(await SubmitAsync(r[0], evaluation, s[1], Sheet(scheme, 8, 80, 4)));
        await Ok(await SubmitAsync(r[1], evaluation, s[1], Sheet(scheme, 8, 80, 4)));
        await Ok(await SubmitAsync(r[0], evaluation, s[2], Sheet(scheme, 8, 80, 4)));
        await Ok(await SubmitAsync(r[1], evaluation, s[2], Sheet(scheme, 8, 80, null)));
        await Ok(await SaveAsync(r[2], evaluation, s[2], Sheet(scheme, 0, 0, 0)));
        // 山海: 40 + 0 + 25 = 65.00, 服务成效 scored by nobody.
        await Ok(await SubmitAsync(r[0], evaluation, s[3], Sheet(scheme, 10, null, 5)));

        var live = await Ok(await admin.GetAsync($"/api/v1/social-orgs/evaluations/{evaluation}/results"));
        Assert.False(live.GetProperty("stored").GetBoolean());
        var closed = await Ok(await admin.PostAsync($"/api/v1/social-orgs/evaluations/{evaluation}/close", null));
        Assert.Equal(12 - 8, closed.GetProperty("uncounted").GetInt32());
        await AssertStatus(HttpStatusCode.Conflict, await admin.PostAsync($"/api/v1/social-orgs/evaluations/{evaluation}/close", null), "不能再次结束");

        var results = await Ok(await admin.GetAsync($"/api/v1/social-orgs/evaluations/{evaluation}/results"));
        Assert.True(results.GetProperty("stored").GetBoolean());
        var items = results.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["星火足球社", "晨光读书会", "青禾志愿服务队", "山海摄影社"], items.Select(i => i.GetProperty("label").GetString()!).ToArray());
        Assert.Equal([80.00m, 80.00m, 79.63m, 65.00m], items.Select(i => i.GetProperty("total").GetDecimal()).ToArray());
        Assert.Equal([1, 1, 3, 4], items.Select(i => i.GetProperty("rank").GetInt32()).ToArray());
        Assert.Equal([0, 0, 0, 1], items.Select(i => i.GetProperty("missingCriteria").GetInt32()).ToArray());
        var qinghe = items[2].GetProperty("criteria").EnumerateArray().ToList();
        Assert.Equal(["专家丙", "专家乙", "专家甲"], qinghe[0].GetProperty("given").EnumerateArray().Select(g => g.GetProperty("reviewer").GetString()!).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(2, qinghe[1].GetProperty("given").GetArrayLength());
        Assert.Equal(87.5m, qinghe[1].GetProperty("mean").GetDecimal());
        Assert.True(items[3].GetProperty("criteria")[1].GetProperty("missing").GetBoolean());

        var pages = await app.PagesAsAsync(World.AdminA);
        var html = await (await pages.Http.GetAsync($"/social-orgs/evaluations/{evaluation}/ranking")).Content.ReadAsStringAsync();
        Assert.Contains("id=\"ranking\"", html, StringComparison.Ordinal);
        Assert.Contains("79.63", html, StringComparison.Ordinal);
        Assert.Contains("专家丙", html, StringComparison.Ordinal);
        var xlsx = await pages.Http.GetAsync($"/social-orgs/evaluations/{evaluation}/ranking?handler=Export");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal((byte)'P', (await xlsx.Content.ReadAsByteArrayAsync())[0]);

        // Closed: read-only for reviewers.
        await AssertStatus(HttpStatusCode.Conflict, await SaveAsync(r[2], evaluation, s[3], Sheet(scheme, 1, 1, 1)));
    }

    [Fact]
    public async Task AReviewerSeesNoOtherScoresBeforeSubmitting_OnThePageOrTheApi_AndSeesThemAfter()
    {
        var admin = await app.ApiAsAsync(World.AdminA);
        var scheme = await PublishedSchemeAsync(admin, A);
        var evaluation = await EvaluationAsync(admin, A, scheme.Id);
        var subject = (await SubjectsAsync(admin, evaluation, await OrganizationAsync(app, A, "青苗公益社")))[0];
        var first = await ReviewerAsync(app, "评委王");
        var second = await ReviewerAsync(app, "评委李");
        await AddReviewerAsync(admin, evaluation, first);
        await AddReviewerAsync(admin, evaluation, second);
        var one = await app.ApiAsAsync(first);
        var two = await app.ApiAsAsync(second);

        await Ok(await SubmitAsync(one, evaluation, subject, Sheet(scheme, 9.5m, 83.17m, 4.5m, "王的意见：台账齐全")));
        await Ok(await SaveAsync(two, evaluation, subject, Sheet(scheme, 6.25m, 61.23m, null, "李的草稿意见")));

        // Before submitting: only my own sheet, on the API …
        var mine = await Ok(await two.GetAsync($"/api/v1/review/{evaluation}/{subject}/sheet"));
        Assert.Equal(0, mine.GetProperty("others").GetArrayLength());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, mine.GetProperty("total").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, mine.GetProperty("outcome").ValueKind);
        var text = mine.ToString();
        foreach (var secret in new[] { "83.17", "王的意见", "评委王" })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }
        Assert.Contains("61.23", text, StringComparison.Ordinal);
        Assert.True((await two.GetAsync($"/api/v1/social-orgs/evaluations/{evaluation}/results")).StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound);
        Assert.True((await two.GetAsync($"/api/v1/social-orgs/evaluations/{evaluation}")).StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound);
        // … and on the page.
        var pages = await app.PagesAsAsync(second);
        var page = await pages.Http.GetAsync($"/review/{evaluation}/{subject}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        foreach (var secret in new[] { "83.17", "王的意见", "评委王" })
        {
            Assert.DoesNotContain(secret, html, StringComparison.Ordinal);
        }
        Assert.Contains("61.23", html, StringComparison.Ordinal);
        Assert.Contains("id=\"score-form\"", html, StringComparison.Ordinal);
        Assert.Contains("青苗公益社", html, StringComparison.Ordinal);
        foreach (var url in new[] { $"/social-orgs/evaluations/{evaluation}", $"/social-orgs/evaluations/{evaluation}/ranking" })
        {
            var denied = await pages.Http.GetAsync(url);
            // A reviewer holds no staff permission: the staff pages turn them away (the sign-in's access-denied redirect) or answer 403/404.
            Assert.True(denied.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.Redirect, $"{url}: {(int)denied.StatusCode}");
            Assert.DoesNotContain("83.17", await denied.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        // The first reviewer, who has submitted, does not see the second's draft either.
        var firstView = (await Ok(await one.GetAsync($"/api/v1/review/{evaluation}/{subject}/sheet"))).ToString();
        Assert.DoesNotContain("61.23", firstView, StringComparison.Ordinal);
        Assert.DoesNotContain("李的草稿意见", firstView, StringComparison.Ordinal);

        // Submitting through the page form; then the other sheet and the total appear.
        var form = new Dictionary<string, string?>
        {
            ["Scores[0].CriterionId"] = scheme.Criteria[0].ToString(), ["Scores[0].Score"] = "6.25",
            ["Scores[1].CriterionId"] = scheme.Criteria[1].ToString(), ["Scores[1].Score"] = "61.23",
            ["Scores[2].CriterionId"] = scheme.Criteria[2].ToString(), ["Scores[2].Score"] = "",
            ["Comment"] = "李的意见",
        };
        var submitted = await pages.PostFormAsync($"/review/{evaluation}/{subject}?handler=Submit", form);
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        var after = await (await pages.Http.GetAsync($"/review/{evaluation}/{subject}")).Content.ReadAsStringAsync();
        Assert.Contains("83.17", after, StringComparison.Ordinal);
        Assert.Contains("王的意见：台账齐全", after, StringComparison.Ordinal);
        Assert.Contains("id=\"subject-total\"", after, StringComparison.Ordinal);
        var json = await Ok(await two.GetAsync($"/api/v1/review/{evaluation}/{subject}/sheet"));
        Assert.Equal(1, json.GetProperty("others").GetArrayLength());
        Assert.Equal("评委王", json.GetProperty("others")[0].GetProperty("reviewer").GetString());
        // 10 ÷ 2 … : A (9.5 + 6.25) ÷ 2 = 7.875 → 31.5; B (83.17 + 61.23) ÷ 2 = 72.2 → 25.27; C 4.5 → 22.5. Total 79.27.
        Assert.Equal(79.27m, json.GetProperty("total").GetDecimal());

        // A submitted sheet is final: a second submit (page or API) is refused and nothing changes.
        await AssertStatus(HttpStatusCode.Conflict, await SubmitAsync(two, evaluation, subject, Sheet(scheme, 1, 1, 1)), "已提交");
        var again = await pages.PostFormAsync($"/review/{evaluation}/{subject}?handler=Submit", form);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(61.23m, await app.AsSystemAsync((_, db) => db.CriterionScores.Where(c => c.CriterionId == scheme.Criteria[1]
            && db.ScoreSheets.Any(s => s.Id == c.SheetId && s.ReviewerName == "评委李")).Select(c => c.Score).SingleAsync()));
    }

    [Fact]
    public async Task ScoringIsRefused_ToNonReviewers_AboveTheMaximum_AndWithThreeDecimals_WithNothingWritten()
    {
        var admin = await app.ApiAsAsync(World.AdminA);
        var scheme = await PublishedSchemeAsync(admin, A);
        var evaluation = await EvaluationAsync(admin, A, scheme.Id);
        var subject = (await SubjectsAsync(admin, evaluation, await OrganizationAsync(app, A, "绿洲环保社")))[0];
        var reviewerName = await ReviewerAsync(app, "评委赵");
        await AddReviewerAsync(admin, evaluation, reviewerName);
        var reviewer = await app.ApiAsAsync(reviewerName);
        var outsider = await app.ApiAsAsync(await ReviewerAsync(app, "局外人"));

        await AssertStatus(HttpStatusCode.Forbidden, await SubmitAsync(admin, evaluation, subject, Sheet(scheme, 5, 5, 5)), "不是本次评价的评审专家");
        await AssertStatus(HttpStatusCode.NotFound, await SubmitAsync(await app.ApiAsAsync(World.AdminB), evaluation, subject, Sheet(scheme, 5, 5, 5)));
        await AssertStatus(HttpStatusCode.NotFound, await SubmitAsync(outsider, evaluation, subject, Sheet(scheme, 5, 5, 5)));
        await AssertStatus(HttpStatusCode.NotFound, await outsider.GetAsync($"/api/v1/review/{evaluation}/{subject}/sheet"));
        var outsiderPages = await app.PagesAsAsync(World.AdminB);
        Assert.Equal(HttpStatusCode.NotFound, (await outsiderPages.Http.GetAsync($"/review/{evaluation}/{subject}")).StatusCode);

        await AssertStatus(HttpStatusCode.BadRequest, await SubmitAsync(reviewer, evaluation, subject, Sheet(scheme, 10.5m, 50, 5)), "“联系与参与”的评分应在 0 到 10 之间");
        await AssertStatus(HttpStatusCode.BadRequest, await SaveAsync(reviewer, evaluation, subject, Sheet(scheme, 5, 50.125m, 5)), "最多两位小数");
        await AssertStatus(HttpStatusCode.BadRequest, await SaveAsync(reviewer, evaluation, subject, Sheet(scheme, -1, 50, 5)), "评分");
        await AssertStatus(HttpStatusCode.BadRequest, await SubmitAsync(reviewer, evaluation, subject, Sheet(scheme, null, null, null)), "至少给出一项评分");
        Assert.Equal(0, await app.AsSystemAsync((_, db) => db.ScoreSheets.CountAsync(s => s.SubjectId == subject)));

        // A reviewer who has submitted cannot be removed; one with only a draft can.
        var other = await ReviewerAsync(app, "评委钱");
        await AddReviewerAsync(admin, evaluation, other);
        await Ok(await SaveAsync(await app.ApiAsAsync(other), evaluation, subject, Sheet(scheme, 1, 2, 3)));
        await Ok(await SubmitAsync(reviewer, evaluation, subject, Sheet(scheme, 10, 100, 5)));
        var detail = await Ok(await admin.GetAsync($"/api/v1/social-orgs/evaluations/{evaluation}"));
        var reviewers = detail.GetProperty("reviewers").EnumerateArray().ToDictionary(x => x.GetProperty("displayName").GetString()!, x => x.GetProperty("id").GetGuid());
        Assert.Contains(detail.GetProperty("progress").EnumerateArray(), p => p.GetProperty("state").GetString() == "Draft");
        Assert.DoesNotContain("\"score\"", detail.ToString(), StringComparison.Ordinal);
        await AssertStatus(HttpStatusCode.Conflict, await admin.DeleteAsync($"/api/v1/social-orgs/evaluations/{evaluation}/reviewers/{reviewers["评委赵"]}"), "已提交评分表");
        await Ok(await admin.DeleteAsync($"/api/v1/social-orgs/evaluations/{evaluation}/reviewers/{reviewers["评委钱"]}"));
        Assert.Equal(1, await app.AsSystemAsync((_, db) => db.ScoreSheets.CountAsync(s => s.SubjectId == subject)));
    }

    [Fact]
    public async Task OnlyApprovedOrganizationsOfTheUnitsSubtree_CanBeSubjects()
    {
        var admin = await app.ApiAsAsync(World.AdminA);
        var scheme = await PublishedSchemeAsync(admin, A);
        var evaluation = await EvaluationAsync(admin, A, scheme.Id);
        var pending = await OrganizationAsync(app, A, "待审核的组织", OrgReviewStatus.Pending);
        var ofB = await OrganizationAsync(app, app.World.CommunityB.Id, "乙社区的组织");
        var inBranch = await OrganizationAsync(app, app.World.BranchA1.Id, "支部下的组织");

        await AssertStatus(HttpStatusCode.BadRequest, await admin.PostJsonAsync($"/api/v1/social-orgs/evaluations/{evaluation}/subjects", new { organizationIds = new[] { pending, inBranch } }), "社会组织：该组织尚未通过入库审核");
        await AssertStatus(HttpStatusCode.NotFound, await admin.PostJsonAsync($"/api/v1/social-orgs/evaluations/{evaluation}/subjects", new { organizationIds = new[] { ofB } }));
        Assert.Equal(0, await app.AsSystemAsync((_, db) => db.EvaluationSubjects.CountAsync(s => s.EvaluationId == evaluation)));

        var candidates = await Ok(await admin.GetAsync($"/api/v1/social-orgs/evaluations/{evaluation}/candidates?name=组织"));
        Assert.Equal(["支部下的组织"], candidates.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()!).ToArray());
        var added = await SubjectsAsync(admin, evaluation, inBranch);
        Assert.Single(added);
        await AssertStatus(HttpStatusCode.BadRequest, await admin.PostJsonAsync($"/api/v1/social-orgs/evaluations/{evaluation}/subjects", new { organizationIds = new[] { inBranch } }), "已是本次评价的被评对象");
        Assert.Equal("支部下的组织", await app.AsSystemAsync((_, db) => db.EvaluationSubjects.Where(s => s.Id == added[0]).Select(s => s.Label).SingleAsync()));
    }

    [Fact]
    public async Task ANewSchemeVersion_UsedByANewEvaluation_LeavesAClosedEvaluationsResultsExactlyAsTheyWere()
    {
        var admin = await app.ApiAsAsync(World.AdminA);
        var scheme = await PublishedSchemeAsync(admin, A);
        var old = await EvaluationAsync(admin, A, scheme.Id, "2025年度评价");
        var org = await OrganizationAsync(app, A, "春雨助学社");
        var subject = (await SubjectsAsync(admin, old, org))[0];
        var expert = await ReviewerAsync(app, "评委孙");
        await AddReviewerAsync(admin, old, expert);
        var reviewer = await app.ApiAsAsync(expert);
        await Ok(await SubmitAsync(reviewer, old, subject, Sheet(scheme, 7, 85, 4)));
        await Ok(await admin.PostAsync($"/api/v1/social-orgs/evaluations/{old}/close", null));
        var before = (await Ok(await admin.GetAsync($"/api/v1/social-orgs/evaluations/{old}/results"))).GetRawText();
        Assert.Contains("77.75", before, StringComparison.Ordinal); // 28 + 29.75 + 20

        // The published version cannot change; a new version can, and is then published and used.
        await AssertStatus(HttpStatusCode.Conflict, await admin.PutJsonAsync($"/api/v1/social-orgs/schemes/{scheme.Id}/criteria/{scheme.Criteria[0]}",
            new { group = "与团组织紧密度", name = "联系与参与", weight = 50, maxScore = 10 }));
        var v2 = await Id(await admin.PostAsync($"/api/v1/social-orgs/schemes/{scheme.Id}/versions", null));
        var v2Criteria = (await Ok(await admin.GetAsync($"/api/v1/social-orgs/schemes/{v2}"))).GetProperty("criteria").EnumerateArray().Select(c => c.GetProperty("id").GetGuid()).ToArray();
        await Ok(await admin.PutJsonAsync($"/api/v1/social-orgs/schemes/{v2}/criteria/{v2Criteria[0]}", new { group = "与团组织紧密度", name = "联系与参与", weight = 50, maxScore = 10 }));
        await Ok(await admin.PutJsonAsync($"/api/v1/social-orgs/schemes/{v2}/criteria/{v2Criteria[1]}", new { group = "功能发挥", name = "服务成效", weight = 25, maxScore = 100 }));
        await Ok(await admin.PostAsync($"/api/v1/social-orgs/schemes/{v2}/publish", null));
        var fresh = await EvaluationAsync(admin, A, v2, "2026年度评价");
        var freshSubject = (await SubjectsAsync(admin, fresh, org))[0];
        await AddReviewerAsync(admin, fresh, expert);
        await Ok(await SubmitAsync(reviewer, fresh, freshSubject, new
        {
            scores = new[] { new { criterionId = v2Criteria[0], score = 10m }, new { criterionId = v2Criteria[1], score = 10m }, new { criterionId = v2Criteria[2], score = 1m } },
        }));
        await Ok(await admin.PostAsync($"/api/v1/social-orgs/evaluations/{fresh}/close", null));
        var freshResults = await Ok(await admin.GetAsync($"/api/v1/social-orgs/evaluations/{fresh}/results"));
        Assert.Equal(57.50m, freshResults.GetProperty("items")[0].GetProperty("total").GetDecimal()); // 50 + 2.5 + 5

        var after = (await Ok(await admin.GetAsync($"/api/v1/social-orgs/evaluations/{old}/results"))).GetRawText();
        Assert.Equal(before, after);
        var versions = await Ok(await admin.GetAsync($"/api/v1/social-orgs/schemes/{scheme.Id}/versions"));
        Assert.Equal([2, 1], versions.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("version").GetInt32()).ToArray());
        Assert.Equal(scheme.Id, await app.AsSystemAsync((_, db) => db.Evaluations.Where(e => e.Id == old).Select(e => e.SchemeId).SingleAsync()));
    }

    [Fact]
    public async Task AdminOfB_CannotSeeAsEvaluation_AndACadreReadsButCannotManage()
    {
        var admin = await app.ApiAsAsync(World.AdminA);
        var scheme = await PublishedSchemeAsync(admin, A);
        var evaluation = await EvaluationAsync(admin, A, scheme.Id, "甲社区内部评价-保密");
        var adminB = await app.ApiAsAsync(World.AdminB);
        foreach (var url in new[] { $"/api/v1/social-orgs/evaluations/{evaluation}", $"/api/v1/social-orgs/evaluations/{evaluation}/results" })
        {
            await AssertStatus(HttpStatusCode.NotFound, await adminB.GetAsync(url));
        }
        await AssertStatus(HttpStatusCode.NotFound, await adminB.PostAsync($"/api/v1/social-orgs/evaluations/{evaluation}/close", null));
        Assert.DoesNotContain("甲社区内部评价-保密", await (await adminB.GetAsync("/api/v1/social-orgs/evaluations")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var pagesB = await app.PagesAsAsync(World.AdminB);
        Assert.Equal(HttpStatusCode.NotFound, (await pagesB.Http.GetAsync($"/social-orgs/evaluations/{evaluation}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await pagesB.Http.GetAsync($"/social-orgs/evaluations/{evaluation}/ranking")).StatusCode);

        var cadre = await app.ApiAsAsync(World.CadreA);
        await Ok(await cadre.GetAsync($"/api/v1/social-orgs/evaluations/{evaluation}"));
        await Ok(await cadre.GetAsync($"/api/v1/social-orgs/evaluations/{evaluation}/results"));
        await AssertStatus(HttpStatusCode.Forbidden, await cadre.PostJsonAsync($"/api/v1/social-orgs/evaluations/{evaluation}/reviewers", new { userName = World.CadreA }));
        await AssertStatus(HttpStatusCode.Forbidden, await cadre.PostAsync($"/api/v1/social-orgs/evaluations/{evaluation}/close", null));
        await AssertStatus(HttpStatusCode.Forbidden, await cadre.PostJsonAsync("/api/v1/social-orgs/evaluations", new { unitId = A, title = "干部发起", year = 2026, schemeId = scheme.Id }));
        var cadrePages = await app.PagesAsAsync(World.CadreA);
        Assert.Equal(HttpStatusCode.OK, (await cadrePages.Http.GetAsync($"/social-orgs/evaluations/{evaluation}")).StatusCode);
        var post = await cadrePages.PostFormAsync($"/social-orgs/evaluations/{evaluation}?handler=Close", [], tokenFrom: $"/social-orgs/evaluations/{evaluation}");
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(EvaluationStatus.Scoring, await app.AsSystemAsync((_, db) => db.Evaluations.Where(e => e.Id == evaluation).Select(e => e.Status).SingleAsync()));
    }
}

public sealed class EvaluationOnSqlite(SqliteApp app) : EvaluationTests(app), IClassFixture<SqliteApp>;

public sealed class EvaluationOnPostgres(PostgresApp app) : EvaluationTests(app), IClassFixture<PostgresApp>;
