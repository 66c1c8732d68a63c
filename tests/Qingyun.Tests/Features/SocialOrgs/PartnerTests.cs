using System.Net;
using Microsoft.EntityFrameworkCore;
using Qingyun.Tests.Infrastructure;
using static Qingyun.Tests.Features.SocialOrgs.RegistryKit;

namespace Qingyun.Tests.Features.SocialOrgs;

public abstract class PartnerTests(QingyunApp app)
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    private static string Day(int offset) => Today.AddDays(offset).ToString("yyyy-MM-dd");

    private static object Term(int from, int until, string? league = "优先推荐参加公益创投，提供活动场地", string? org = "每年为青年开展不少于 12 次服务") =>
        new { from = Day(from), until = Day(until), leagueCommitments = league, orgCommitments = org };

    [Fact]
    public async Task DesignatingMakesAPartner_RevokingEndsIt_AndEveryTermStaysInTheHistory()
    {
        var api = await app.ApiAsAsync(World.AdminA);
        var id = await IdOf(await api.PostJsonAsync("/api/v1/social-orgs", Org(app.World.CommunityA.Id, Code(801), name: "青鸟公益")));
        await api.PostJsonAsync($"/api/v1/social-orgs/{id}/stage", new { to = "Graduated", on = Day(-40) });

        var designated = await api.PostJsonAsync($"/api/v1/social-orgs/{id}/partnerships", Term(-30, 335));
        Assert.Equal(HttpStatusCode.Created, designated.StatusCode);
        var term = (await designated.ReadJsonAsync()).GetProperty("id").GetGuid();
        var detail = await (await api.GetAsync($"/api/v1/social-orgs/{id}")).ReadJsonAsync();
        Assert.Equal("Partner", detail.GetProperty("organization").GetProperty("stage").GetString());
        Assert.True(detail.GetProperty("partnerNow").GetBoolean());
        Assert.Equal("亲青伙伴", detail.GetProperty("partnerships")[0].GetProperty("title").GetString());
        var partners = await (await api.GetAsync($"/api/v1/social-orgs?unitId={app.World.CommunityA.Id}&partnerNow=true")).ReadJsonAsync();
        Assert.Contains(partners.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == id);
        Assert.True(partners.GetProperty("counts").GetProperty("partnersNow").GetInt32() >= 1);

        var overlap = await api.PostJsonAsync($"/api/v1/social-orgs/{id}/partnerships", Term(100, 400));
        Assert.Equal(HttpStatusCode.Conflict, overlap.StatusCode);
        Assert.Contains("任期开始：与该组织尚在有效的另一任期重叠", await overlap.ProblemTextAsync());

        var noReason = await api.PostJsonAsync($"/api/v1/social-orgs/{id}/partnerships/{term}/revoke", new { on = Day(0), reason = "" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("撤销原因：请写明原因", await noReason.ProblemTextAsync());
        var revoked = await api.PostJsonAsync($"/api/v1/social-orgs/{id}/partnerships/{term}/revoke", new { on = Day(0), reason = "连续两个季度未开展服务" });
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await api.PostJsonAsync($"/api/v1/social-orgs/{id}/partnerships/{term}/revoke", new { on = Day(0), reason = "再次撤销试试" })).StatusCode);

        detail = await (await api.GetAsync($"/api/v1/social-orgs/{id}")).ReadJsonAsync();
        Assert.Equal("Graduated", detail.GetProperty("organization").GetProperty("stage").GetString());
        Assert.False(detail.GetProperty("partnerNow").GetBoolean());
        Assert.Equal("连续两个季度未开展服务", detail.GetProperty("partnerships")[0].GetProperty("revokeReason").GetString());

        // A renewal is a new designation: both terms are kept.
        Assert.Equal(HttpStatusCode.Created, (await api.PostJsonAsync($"/api/v1/social-orgs/{id}/partnerships", Term(0, 364))).StatusCode);
        detail = await (await api.GetAsync($"/api/v1/social-orgs/{id}")).ReadJsonAsync();
        Assert.Equal(2, detail.GetProperty("partnerships").GetArrayLength());
        Assert.Equal("Partner", detail.GetProperty("organization").GetProperty("stage").GetString());
        var steps = detail.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("to").GetString()).ToList();
        Assert.Equal(new string?[] { "Partner", "Graduated", "Partner", "Graduated" }, steps);
    }

    [Fact]
    public async Task ABadDesignationIsRefusedWholly_AndTheOrganizationReadsItsTermsWithBothSidesCommitments()
    {
        var api = await app.ApiAsAsync(World.AdminA);
        var (org, _) = await RegisterAsync(app, RegisterForm(app.World.CommunityA.Code, "org-partner", name: "青橙互助社"));
        var id = await app.AsSystemAsync((_, db) => db.SocialOrganizations.Where(o => o.Name == "青橙互助社").Select(o => o.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.Conflict, (await api.PostJsonAsync($"/api/v1/social-orgs/{id}/partnerships", Term(0, 364))).StatusCode);
        await api.PostJsonAsync($"/api/v1/social-orgs/{id}/review", new { approve = true });

        async Task Refused(object body, string message)
        {
            var r = await api.PostJsonAsync($"/api/v1/social-orgs/{id}/partnerships", body);
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            Assert.Contains(message, await r.ProblemTextAsync());
        }
        await Refused(Term(0, 364, league: ""), "团组织承诺：不能为空");
        await Refused(Term(0, 364, org: null), "组织承诺：不能为空");
        await Refused(Term(10, 0), "任期结束：不能早于开始日期");
        await Refused(Term(0, 365 * 6), "任期结束：任期不能超过 5 年");
        Assert.Equal(0, await app.AsSystemAsync((_, db) => db.Partnerships.IgnoreQueryFilters().CountAsync(p => p.OrganizationId == id)));
        Assert.Equal(0, await app.AsSystemAsync((_, db) => db.IncubationSteps.IgnoreQueryFilters().CountAsync(s => s.OrganizationId == id)));
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ApiAsAsync(World.CadreA)).PostJsonAsync($"/api/v1/social-orgs/{id}/partnerships", Term(0, 364))).StatusCode);

        // Designated on the staff page, read by the organization on its own.
        var pages = await app.PagesAsAsync(World.AdminA);
        var posted = await pages.PostFormAsync($"/social-orgs/{id}?handler=Designate", new()
        {
            ["Partner.Title"] = "亲青伙伴", ["Partner.From"] = Day(0), ["Partner.Until"] = Day(364),
            ["Partner.LeagueCommitments"] = "优先推荐参加公益创投", ["Partner.OrgCommitments"] = "每月开展一次青年服务",
        }, $"/social-orgs/{id}");
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var own = await org.Http.GetStringAsync("/org");
        Assert.Contains("id=\"own-partner\"", own);
        Assert.Contains("优先推荐参加公益创投", own);
        Assert.Contains("每月开展一次青年服务", own);
    }
}

public sealed class PartnerOnSqlite(SqliteApp app) : PartnerTests(app), IClassFixture<SqliteApp>;

public sealed class PartnerOnPostgres(PostgresApp app) : PartnerTests(app), IClassFixture<PostgresApp>;
