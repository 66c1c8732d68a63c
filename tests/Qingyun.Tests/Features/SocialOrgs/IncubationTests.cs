using System.Net;
using Microsoft.EntityFrameworkCore;
using Qingyun.Tests.Infrastructure;
using static Qingyun.Tests.Features.SocialOrgs.RegistryKit;

namespace Qingyun.Tests.Features.SocialOrgs;

public abstract class IncubationTests(QingyunApp app)
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    private static string Day(int offset) => Today.AddDays(offset).ToString("yyyy-MM-dd");

    private async Task<(HttpClient Api, Guid Id)> NewOrgAsync(int n)
    {
        var api = await app.ApiAsAsync(World.AdminA);
        return (api, await IdOf(await api.PostJsonAsync("/api/v1/social-orgs", Org(app.World.CommunityA.Id, Code(n), name: $"孵化组织{n}"))));
    }

    [Fact]
    public async Task EachStageMoveIsADatedStep_AndBadMovesAreRefusedWithNothingWritten()
    {
        var (api, id) = await NewOrgAsync(501);
        Assert.Equal(HttpStatusCode.OK, (await api.PostJsonAsync($"/api/v1/social-orgs/{id}/stage", new { to = "Contacted", on = Day(-30), note = "首次走访" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.PostJsonAsync($"/api/v1/social-orgs/{id}/stage", new { to = "Incubating", on = Day(-10), note = "入驻孵化基地" })).StatusCode);

        async Task Refused(object body, HttpStatusCode status, string message)
        {
            var r = await api.PostJsonAsync($"/api/v1/social-orgs/{id}/stage", body);
            Assert.Equal(status, r.StatusCode);
            Assert.Contains(message, await r.ProblemTextAsync());
        }
        await Refused(new { to = "Graduated", on = Day(2) }, HttpStatusCode.BadRequest, "日期：不能晚于今天");
        await Refused(new { to = "Graduated", on = Day(-20) }, HttpStatusCode.BadRequest, $"日期：不能早于上一环节的日期（{Day(-10)}）");
        await Refused(new { to = "Graduated" }, HttpStatusCode.BadRequest, "日期：不能为空");
        await Refused(new { to = "Incubating", on = Day(0) }, HttpStatusCode.Conflict, "孵化阶段：组织已处于该阶段");
        await Refused(new { to = "Hatched", on = Day(0) }, HttpStatusCode.BadRequest, "孵化阶段：不是有效的选项");

        var detail = await (await api.GetAsync($"/api/v1/social-orgs/{id}")).ReadJsonAsync();
        Assert.Equal("Incubating", detail.GetProperty("organization").GetProperty("stage").GetString());
        var steps = detail.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(2, steps.Count);
        Assert.Equal("Contacted", steps[0].GetProperty("from").GetString());
        Assert.Equal(Day(-10), steps[0].GetProperty("on").GetString());
        Assert.Equal(World.AdminA, steps[0].GetProperty("byUserName").GetString());

        // A pending organization is not incubated yet.
        await RegisterAsync(app, RegisterForm(app.World.CommunityA.Code, "org-wait", name: "待审青年社"));
        var pending = await app.AsSystemAsync((_, db) => db.SocialOrganizations.Where(o => o.Name == "待审青年社").Select(o => o.Id).SingleAsync());
        var refused = await api.PostJsonAsync($"/api/v1/social-orgs/{pending}/stage", new { to = "Contacted", on = Day(0) });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("尚未通过入库审核", await refused.ProblemTextAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ApiAsAsync(World.AdminB)).PostJsonAsync($"/api/v1/social-orgs/{id}/stage", new { to = "Graduated", on = Day(0) })).StatusCode);
        Assert.Equal(2, await app.AsSystemAsync((_, db) => db.IncubationSteps.IgnoreQueryFilters().CountAsync(s => s.OrganizationId == id)));
    }

    [Fact]
    public async Task SupportIsRecordedWithMoneyOnlyForFunding_AndTheTotalIsExact()
    {
        var (api, id) = await NewOrgAsync(601);
        Assert.Equal(HttpStatusCode.Created, (await api.PostJsonAsync($"/api/v1/social-orgs/{id}/support", new { kind = "Space", on = Day(-5), description = "孵化基地工位 4 个" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await api.PostJsonAsync($"/api/v1/social-orgs/{id}/support", new { kind = "Funding", on = Day(-4), description = "启动资金", amount = 0.1m })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await api.PostJsonAsync($"/api/v1/social-orgs/{id}/support", new { kind = "Funding", on = Day(-3), description = "项目补贴", amount = 20000.2m, givenByUnitId = app.World.BranchA1.Id })).StatusCode);

        async Task Refused(object body, string message)
        {
            var r = await api.PostJsonAsync($"/api/v1/social-orgs/{id}/support", body);
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            Assert.Contains(message, await r.ProblemTextAsync());
        }
        await Refused(new { kind = "Training", on = Day(0), description = "财务培训", amount = 100m }, "资助金额（元）：只有资金支持填写金额");
        await Refused(new { kind = "Funding", on = Day(0), description = "资金" }, "资助金额（元）：应大于 0");
        await Refused(new { kind = "Funding", on = Day(0), description = "资金", amount = 10.005m }, "资助金额（元）：应大于 0");
        await Refused(new { kind = "Space", on = Day(0), description = "" }, "支持内容：不能为空");
        await Refused(new { kind = "Space", on = Day(3), description = "场地" }, "日期：不能晚于今天");
        var foreign = await api.PostJsonAsync($"/api/v1/social-orgs/{id}/support", new { kind = "Space", on = Day(0), description = "场地", givenByUnitId = app.World.CommunityB.Id });
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);

        var detail = await (await api.GetAsync($"/api/v1/social-orgs/{id}")).ReadJsonAsync();
        Assert.Equal(3, detail.GetProperty("supports").GetArrayLength());
        Assert.Equal(20000.3m, detail.GetProperty("fundingTotal").GetDecimal());
    }

    [Fact]
    public async Task MentorsHaveAPeriod_AndMilestonesPastDueAreFlaggedUntilAchieved()
    {
        var (api, id) = await NewOrgAsync(701);
        Assert.Equal(HttpStatusCode.Created, (await api.PostJsonAsync($"/api/v1/social-orgs/{id}/mentors", new { name = "陈老师", expertise = "项目设计", from = Day(-60), until = Day(60) })).StatusCode);
        var badMentor = await api.PostJsonAsync($"/api/v1/social-orgs/{id}/mentors", new { name = "王老师", expertise = "财务", from = Day(0), until = Day(-1) });
        Assert.Equal(HttpStatusCode.BadRequest, badMentor.StatusCode);
        Assert.Contains("结束日期：不能早于开始日期", await badMentor.ProblemTextAsync());

        var late = await api.PostJsonAsync($"/api/v1/social-orgs/{id}/milestones", new { title = "完成民政登记", dueOn = Day(-1) });
        var lateId = (await late.ReadJsonAsync()).GetProperty("id").GetGuid();
        await api.PostJsonAsync($"/api/v1/social-orgs/{id}/milestones", new { title = "首个项目落地", dueOn = Day(30) });
        var noTitle = await api.PostJsonAsync($"/api/v1/social-orgs/{id}/milestones", new { title = "", dueOn = Day(30) });
        Assert.Contains("里程碑：不能为空", await noTitle.ProblemTextAsync());

        var detail = await (await api.GetAsync($"/api/v1/social-orgs/{id}")).ReadJsonAsync();
        var milestones = detail.GetProperty("milestones").EnumerateArray().ToList();
        Assert.True(milestones[0].GetProperty("overdue").GetBoolean());
        Assert.False(milestones[1].GetProperty("overdue").GetBoolean());
        Assert.True(detail.GetProperty("mentors")[0].GetProperty("current").GetBoolean());
        var page = await (await app.PagesAsAsync(World.AdminA)).Http.GetStringAsync($"/social-orgs/{id}");
        Assert.Contains("data-overdue=\"true\"", page);

        Assert.Equal(HttpStatusCode.OK, (await api.PostJsonAsync($"/api/v1/social-orgs/{id}/milestones/{lateId}/achieve", new { on = Day(0) })).StatusCode);
        var again = await api.PostJsonAsync($"/api/v1/social-orgs/{id}/milestones/{lateId}/achieve", new { on = Day(0) });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        detail = await (await api.GetAsync($"/api/v1/social-orgs/{id}")).ReadJsonAsync();
        Assert.False(detail.GetProperty("milestones")[0].GetProperty("overdue").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostJsonAsync($"/api/v1/social-orgs/{id}/milestones/{Guid.NewGuid()}/achieve", new { on = Day(0) })).StatusCode);
    }
}

public sealed class IncubationOnSqlite(SqliteApp app) : IncubationTests(app), IClassFixture<SqliteApp>;

public sealed class IncubationOnPostgres(PostgresApp app) : IncubationTests(app), IClassFixture<PostgresApp>;
