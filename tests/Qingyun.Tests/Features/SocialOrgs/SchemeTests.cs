using System.Net;
using Microsoft.EntityFrameworkCore;
using Qingyun.Domain.SocialOrgs;
using Qingyun.Tests.Infrastructure;
using static Qingyun.Tests.Features.SocialOrgs.EvaluationKit;

namespace Qingyun.Tests.Features.SocialOrgs;

/// <summary>Decision 013: schemes are versioned, not edited — a draft changes, a published scheme never does.</summary>
public abstract class SchemeTests(QingyunApp app)
{
    private Guid A => app.World.CommunityA.Id;

    [Fact]
    public async Task Publishing_IsRefused_UnlessTheWeightsSumToExactlyOneHundred_NamingTheActualSum()
    {
        var admin = await app.ApiAsAsync(World.AdminA);
        var id = await Id(await admin.PostJsonAsync("/api/v1/social-orgs/schemes", new { unitId = A, name = "权重不足的办法" }));
        await AssertStatus(HttpStatusCode.BadRequest, await admin.PostAsync($"/api/v1/social-orgs/schemes/{id}/publish", null), "至少需要一项评价指标");
        await Ok(await admin.PostJsonAsync($"/api/v1/social-orgs/schemes/{id}/criteria", new { group = "功能发挥", name = "服务成效", weight = 60, maxScore = 10 }));
        await Ok(await admin.PostJsonAsync($"/api/v1/social-orgs/schemes/{id}/criteria", new { group = "规范运行", name = "财务制度", weight = 29.5m, maxScore = 5 }));
        var refused = await admin.PostAsync($"/api/v1/social-orgs/schemes/{id}/publish", null);
        await AssertStatus(HttpStatusCode.BadRequest, refused, "权重：各指标权重之和应恰好为 100，现为 89.5");
        Assert.Equal(SchemeStatus.Draft, await app.AsSystemAsync((_, db) => db.EvaluationSchemes.Where(s => s.Id == id).Select(s => s.Status).SingleAsync()));

        await AssertStatus(HttpStatusCode.BadRequest, await admin.PostJsonAsync($"/api/v1/social-orgs/schemes/{id}/criteria", new { group = "x", name = "负权重", weight = -5, maxScore = 10 }), "权重");
        await AssertStatus(HttpStatusCode.BadRequest, await admin.PostJsonAsync($"/api/v1/social-orgs/schemes/{id}/criteria", new { group = "x", name = "零满分", weight = 5, maxScore = 0 }), "满分");
        await AssertStatus(HttpStatusCode.BadRequest, await admin.PostJsonAsync($"/api/v1/social-orgs/schemes/{id}/criteria", new { group = "x", name = "三位小数", weight = 10.505m, maxScore = 10 }), "最多两位小数");
        Assert.Equal(2, await app.AsSystemAsync((_, db) => db.EvaluationCriteria.CountAsync(c => c.SchemeId == id)));

        await Ok(await admin.PostJsonAsync($"/api/v1/social-orgs/schemes/{id}/criteria", new { group = "与团组织紧密度", name = "参加团的活动", weight = 10.5m, maxScore = 10 }));
        var published = await Ok(await admin.PostAsync($"/api/v1/social-orgs/schemes/{id}/publish", null));
        Assert.Equal("Published", published.GetProperty("status").GetString());

        // The page shows the groups with their weight subtotals.
        var pages = await app.PagesAsAsync(World.AdminA);
        var html = await (await pages.Http.GetAsync($"/social-orgs/schemes/{id}")).Content.ReadAsStringAsync();
        Assert.Contains("小计权重 29.5", html, StringComparison.Ordinal);
        Assert.Contains("权重合计 100 / 100", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APublishedScheme_NeverChanges_OnTheApiOrThePage()
    {
        var admin = await app.ApiAsAsync(World.AdminA);
        var scheme = await PublishedSchemeAsync(admin, A, "已发布的办法");
        var c = scheme.Criteria[0];
        var body = new { group = "与团组织紧密度", name = "改过的名字", weight = 40, maxScore = 10 };
        await AssertStatus(HttpStatusCode.Conflict, await admin.PostJsonAsync($"/api/v1/social-orgs/schemes/{scheme.Id}/criteria", body), "不能修改");
        await AssertStatus(HttpStatusCode.Conflict, await admin.PutJsonAsync($"/api/v1/social-orgs/schemes/{scheme.Id}/criteria/{c}", body));
        await AssertStatus(HttpStatusCode.Conflict, await admin.DeleteAsync($"/api/v1/social-orgs/schemes/{scheme.Id}/criteria/{c}"));
        await AssertStatus(HttpStatusCode.Conflict, await admin.PutJsonAsync($"/api/v1/social-orgs/schemes/{scheme.Id}", new { name = "改名" }));
        await AssertStatus(HttpStatusCode.Conflict, await admin.PostAsync($"/api/v1/social-orgs/schemes/{scheme.Id}/publish", null));
        var pages = await app.PagesAsAsync(World.AdminA);
        var post = await pages.PostFormAsync($"/social-orgs/schemes/{scheme.Id}?handler=AddCriterion",
            new() { ["Criterion.Group"] = "g", ["Criterion.Name"] = "页面添加", ["Criterion.Weight"] = "1", ["Criterion.MaxScore"] = "1" });
        Assert.Equal(HttpStatusCode.Conflict, post.StatusCode);
        Assert.Equal(["联系与参与", "服务成效", "财务与制度"], await app.AsSystemAsync((_, db) =>
            db.EvaluationCriteria.Where(x => x.SchemeId == scheme.Id).OrderBy(x => x.SortOrder).Select(x => x.Name).ToArrayAsync()));

        // A new version is a draft copy in the same family; only one draft at a time.
        var v2 = await Ok(await admin.PostAsync($"/api/v1/social-orgs/schemes/{scheme.Id}/versions", null));
        Assert.Equal(2, v2.GetProperty("version").GetInt32());
        Assert.Equal("Draft", v2.GetProperty("status").GetString());
        var v2Id = v2.GetProperty("id").GetGuid();
        Assert.Equal(3, await app.AsSystemAsync((_, db) => db.EvaluationCriteria.CountAsync(x => x.SchemeId == v2Id)));
        await AssertStatus(HttpStatusCode.Conflict, await admin.PostAsync($"/api/v1/social-orgs/schemes/{scheme.Id}/versions", null), "草稿版本");
        await Ok(await admin.DeleteAsync($"/api/v1/social-orgs/schemes/{v2Id}/criteria/{(await Ok(await admin.GetAsync($"/api/v1/social-orgs/schemes/{v2Id}"))).GetProperty("criteria")[2].GetProperty("id").GetGuid()}"));
        Assert.Equal(3, await app.AsSystemAsync((_, db) => db.EvaluationCriteria.CountAsync(x => x.SchemeId == scheme.Id)));

        // Retired: no new evaluation may use it.
        await Ok(await admin.PostAsync($"/api/v1/social-orgs/schemes/{scheme.Id}/retire", null));
        await AssertStatus(HttpStatusCode.BadRequest, await admin.PostJsonAsync("/api/v1/social-orgs/evaluations", new { unitId = A, title = "用停用的办法", year = 2026, schemeId = scheme.Id }), "只能选用已发布的评价办法");
        await AssertStatus(HttpStatusCode.BadRequest, await admin.PostJsonAsync("/api/v1/social-orgs/evaluations", new { unitId = A, title = "用草稿", year = 2026, schemeId = v2Id }), "只能选用已发布的评价办法");
    }

    [Fact]
    public async Task ADraftIsSeenOnlyInItsSubtree_APublishedSchemeByLeagueStaffEverywhere_AndACadreCannotChangeOne()
    {
        var admin = await app.ApiAsAsync(World.AdminA);
        var draft = await Id(await admin.PostJsonAsync("/api/v1/social-orgs/schemes", new { unitId = A, name = "甲社区的草稿办法" }));
        var published = await PublishedSchemeAsync(admin, A, "甲社区的公开办法");
        var adminB = await app.ApiAsAsync(World.AdminB);
        await AssertStatus(HttpStatusCode.NotFound, await adminB.GetAsync($"/api/v1/social-orgs/schemes/{draft}"));
        await AssertStatus(HttpStatusCode.NotFound, await adminB.PostJsonAsync($"/api/v1/social-orgs/schemes/{draft}/criteria", new { group = "g", name = "n", weight = 1, maxScore = 1 }));
        var list = await (await adminB.GetAsync("/api/v1/social-orgs/schemes")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("甲社区的草稿办法", list, StringComparison.Ordinal);
        Assert.Contains("甲社区的公开办法", list, StringComparison.Ordinal);
        await Ok(await adminB.GetAsync($"/api/v1/social-orgs/schemes/{published.Id}"));
        await AssertStatus(HttpStatusCode.NotFound, await adminB.PostAsync($"/api/v1/social-orgs/schemes/{published.Id}/versions", null));
        // B may reuse A's published scheme for its own evaluation.
        await Ok(await adminB.PostJsonAsync("/api/v1/social-orgs/evaluations", new { unitId = app.World.CommunityB.Id, title = "乙社区评价", year = 2026, schemeId = published.Id }));

        var cadre = await app.ApiAsAsync(World.CadreA);
        await Ok(await cadre.GetAsync($"/api/v1/social-orgs/schemes/{draft}"));
        await AssertStatus(HttpStatusCode.Forbidden, await cadre.PostJsonAsync("/api/v1/social-orgs/schemes", new { unitId = A, name = "干部的办法" }));
        await AssertStatus(HttpStatusCode.Forbidden, await cadre.PostAsync($"/api/v1/social-orgs/schemes/{draft}/publish", null));
        var cadrePages = await app.PagesAsAsync(World.CadreA);
        Assert.Equal(HttpStatusCode.OK, (await cadrePages.Http.GetAsync("/social-orgs/schemes")).StatusCode);
        var post = await cadrePages.PostFormAsync($"/social-orgs/schemes/{draft}?handler=AddCriterion",
            new() { ["Criterion.Group"] = "g", ["Criterion.Name"] = "干部添加", ["Criterion.Weight"] = "1", ["Criterion.MaxScore"] = "1" });
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(0, await app.AsSystemAsync((_, db) => db.EvaluationCriteria.CountAsync(x => x.SchemeId == draft)));
    }
}

public sealed class SchemeOnSqlite(SqliteApp app) : SchemeTests(app), IClassFixture<SqliteApp>;

public sealed class SchemeOnPostgres(PostgresApp app) : SchemeTests(app), IClassFixture<PostgresApp>;
