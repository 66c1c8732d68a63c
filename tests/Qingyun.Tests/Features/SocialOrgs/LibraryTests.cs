using System.Net;
using System.Text.Json;
using Qingyun.Tests.Infrastructure;

namespace Qingyun.Tests.Features.SocialOrgs;

/// <summary>项目库 and 案例库: search by field and words; projects follow the scope, cases are shared with League staff everywhere.</summary>
public abstract class LibraryTests(QingyunApp app)
{
    private static IEnumerable<string> Titles(JsonElement list, string property = "title") =>
        list.GetProperty("items").EnumerateArray().Select(i => i.TryGetProperty("project", out var p) ? p.GetProperty(property).GetString()! : i.GetProperty(property).GetString()!);

    [Fact]
    public async Task Projects_AreFoundByField_AndByEveryWordInTitleGoalsOrOutcome_WithinScope()
    {
        var w = app.World;
        var admin = await app.ApiAsAsync(World.AdminA);
        var marker = Guid.NewGuid().ToString("N")[..6];
        async Task<Guid> Add(string title, string field, string goals, string? outcome)
        {
            var r = await admin.PostJsonAsync("/api/v1/library/projects", new { unitId = w.CommunityA.Id, title = title + marker, field, goals, budget = 8000m, startOn = "2026-03-01", endOn = "2026-09-30", outcome });
            Assert.True(r.StatusCode == HttpStatusCode.Created, await r.Content.ReadAsStringAsync());
            return (await r.ReadJsonAsync()).GetProperty("id").GetGuid();
        }
        await Add("助老陪伴", "Volunteer", "陪伴独居老人", "服务老人 60 名");
        await Add("非遗剪纸课堂", "Culture", "传承剪纸技艺", null);
        var id = await Add("社区篮球联赛", "Sports", "组织青年篮球比赛", "吸引青年 200 人参与");

        var culture = await (await admin.GetAsync($"/api/v1/library/projects?field=Culture&q={marker}")).ReadJsonAsync();
        Assert.Equal(["非遗剪纸课堂" + marker], Titles(culture));
        var words = await (await admin.GetAsync($"/api/v1/library/projects?q={Uri.EscapeDataString("青年 200 " + marker)}")).ReadJsonAsync();
        Assert.Equal(["社区篮球联赛" + marker], Titles(words));
        var goals = await (await admin.GetAsync($"/api/v1/library/projects?q={Uri.EscapeDataString("独居 " + marker)}")).ReadJsonAsync();
        Assert.Equal(["助老陪伴" + marker], Titles(goals));

        var adminB = await app.ApiAsAsync(World.AdminB);
        Assert.Empty(Titles(await (await adminB.GetAsync($"/api/v1/library/projects?q={marker}")).ReadJsonAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await adminB.GetAsync($"/api/v1/library/projects/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await adminB.PutJsonAsync($"/api/v1/library/projects/{id}", new { title = "改", field = "Sports", goals = "g", startOn = "2026-03-01" })).StatusCode);
        var cadre = await app.ApiAsAsync(World.CadreA);
        Assert.Equal(HttpStatusCode.OK, (await cadre.GetAsync($"/api/v1/library/projects/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await cadre.PutJsonAsync($"/api/v1/library/projects/{id}", new { title = "改", field = "Sports", goals = "g", startOn = "2026-03-01" })).StatusCode);

        var edited = await admin.PutJsonAsync($"/api/v1/library/projects/{id}", new { title = "社区篮球联赛" + marker, field = "Sports", goals = "组织青年篮球比赛", startOn = "2026-03-01", endOn = "2026-02-01", outcome = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, edited.StatusCode);
        Assert.Contains("结束日期：不能早于开始日期", await edited.ProblemTextAsync(), StringComparison.Ordinal);
        var ok = await admin.PutJsonAsync($"/api/v1/library/projects/{id}", new { title = "社区篮球联赛" + marker, field = "Sports", goals = "组织青年篮球比赛", startOn = "2026-03-01", outcome = "联赛成为每年固定活动" });
        Assert.Equal("联赛成为每年固定活动", (await ok.ReadJsonAsync()).GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Cases_AreSharedWithStaffEverywhere_FoundByFieldTagAndWords_AndWrittenOnlyByTheirUnit()
    {
        var w = app.World;
        var admin = await app.ApiAsAsync(World.AdminA);
        var marker = Guid.NewGuid().ToString("N")[..6];
        async Task<Guid> Add(string title, string field, string tags, string body)
        {
            var r = await admin.PostJsonAsync("/api/v1/library/cases", new
            {
                unitId = w.CommunityA.Id, title = title + marker, field, summary = "一段摘要", body, tags, writtenOn = "2026-05-04",
            });
            Assert.True(r.StatusCode == HttpStatusCode.Created, await r.Content.ReadAsStringAsync());
            return (await r.ReadJsonAsync()).GetProperty("id").GetGuid();
        }
        var id = await Add("夜校点亮青年", "Education", "夜校、技能培训", "街道联合社会组织开办青年夜校，课程覆盖摄影、咖啡");
        await Add("河道守护者", "Volunteer", "环保、志愿服务", "青年志愿者每周巡河");

        var adminB = await app.ApiAsAsync(World.AdminB);
        var byTag = await (await adminB.GetAsync($"/api/v1/library/cases?tag={Uri.EscapeDataString("夜校")}&q={marker}")).ReadJsonAsync();
        Assert.Equal(["夜校点亮青年" + marker], Titles(byTag));
        var byWords = await (await adminB.GetAsync($"/api/v1/library/cases?q={Uri.EscapeDataString("巡河 " + marker)}")).ReadJsonAsync();
        Assert.Equal(["河道守护者" + marker], Titles(byWords));
        var byField = await (await adminB.GetAsync($"/api/v1/library/cases?field=Education&q={marker}")).ReadJsonAsync();
        Assert.Equal(["夜校点亮青年" + marker], Titles(byField));
        Assert.Empty(Titles(await (await adminB.GetAsync($"/api/v1/library/cases?tag={Uri.EscapeDataString("夜")}&q={marker}")).ReadJsonAsync()));

        Assert.Equal(HttpStatusCode.OK, (await adminB.GetAsync($"/api/v1/library/cases/{id}")).StatusCode);
        var change = new { title = "改写", field = "Education", summary = "s", body = "b", writtenOn = "2026-05-04" };
        Assert.Equal(HttpStatusCode.Forbidden, (await adminB.PutJsonAsync($"/api/v1/library/cases/{id}", change)).StatusCode);
        var org = await VentureKit.OrgAsync(app, w.CommunityA.Id);
        Assert.Equal(HttpStatusCode.Forbidden, (await org.Api.GetAsync($"/api/v1/library/cases/{id}")).StatusCode);

        var bad = await admin.PostJsonAsync("/api/v1/library/cases", new { unitId = w.CommunityA.Id, title = "", field = "Martian", summary = "", body = "", writtenOn = "2099-01-01" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }
}

public sealed class LibraryOnSqlite(SqliteApp app) : LibraryTests(app), IClassFixture<SqliteApp>;

public sealed class LibraryOnPostgres(PostgresApp app) : LibraryTests(app), IClassFixture<PostgresApp>;
