using System.Net;
using Microsoft.EntityFrameworkCore;
using Qingyun.Domain.SocialOrgs;
using Qingyun.Tests.Infrastructure;

namespace Qingyun.Tests.Features.SocialOrgs;

/// <summary>The pages of a round, for the League admin and for the organization's own account, and the library pages.</summary>
public abstract class VenturePageTests(QingyunApp app)
{
    [Fact]
    public async Task AnAdminDraftsARound_AndAnOrganizationAppliesFromItsPhone()
    {
        var w = app.World;
        var scheme = await VentureKit.SchemeAsync(app, w.CommunityA.Id);
        var admin = await app.PagesAsAsync(World.AdminA);
        var refused = await admin.PostFormAsync("/social-orgs/rounds", new()
        {
            ["Input.UnitId"] = w.CommunityA.Id.ToString(), ["Input.Title"] = "", ["Input.Year"] = "2026", ["Input.Budget"] = "1000", ["Input.MaxGrant"] = "2000",
            ["Input.ApplyFrom"] = VentureKit.Today(app, -1), ["Input.ApplyUntil"] = VentureKit.Today(app, 10), ["Input.SchemeId"] = scheme.Id.ToString(),
        });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var refusedHtml = await refused.Content.ReadAsStringAsync();
        Assert.Contains("创投活动名称：不能为空", refusedHtml, StringComparison.Ordinal);
        Assert.Contains("单个项目资助上限：不能超过资助总额 ¥1,000.00", refusedHtml, StringComparison.Ordinal);

        var created = await admin.PostFormAsync("/social-orgs/rounds", new()
        {
            ["Input.UnitId"] = w.CommunityA.Id.ToString(), ["Input.Title"] = "页面创投", ["Input.Year"] = "2026", ["Input.Budget"] = "30000", ["Input.MaxGrant"] = "10000",
            ["Input.ApplyFrom"] = VentureKit.Today(app, -1), ["Input.ApplyUntil"] = VentureKit.Today(app, 10), ["Input.SchemeId"] = scheme.Id.ToString(),
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var roundUrl = created.Headers.Location!.ToString();
        var roundId = Guid.Parse(roundUrl.Split('/')[^1]);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync(roundUrl + "?handler=Open", [], roundUrl)).StatusCode);
        Assert.Contains("需求与目标", await admin.Http.GetStringAsync(roundUrl), StringComparison.Ordinal);

        var paper = await VentureKit.OrgAsync(app, w.CommunityA.Id);
        var entry = new Dictionary<string, string?>
        {
            ["Entry.OrganizationId"] = paper.Id.ToString(), ["Entry.ProjectTitle"] = "纸质申报的项目", ["Entry.Field"] = "Culture", ["Entry.Summary"] = "s",
            ["Entry.Goals"] = "g", ["Entry.BudgetNote"] = "b", ["Entry.Requested"] = "20000", ["Entry.StartOn"] = VentureKit.Today(app, 20), ["Entry.EndOn"] = VentureKit.Today(app, 90),
        };
        var overCap = await admin.PostFormAsync(roundUrl + "?handler=Enter", new(entry), roundUrl);
        Assert.Equal(HttpStatusCode.BadRequest, overCap.StatusCode);
        Assert.Contains("申请金额：不能超过单个项目资助上限", await overCap.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        entry["Entry.Requested"] = "8000";
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync(roundUrl + "?handler=Enter", new(entry), roundUrl)).StatusCode);
        Assert.Contains("纸质申报的项目", await admin.Http.GetStringAsync(roundUrl), StringComparison.Ordinal);

        var org = await VentureKit.OrgAsync(app, w.BranchA1.Id);
        var phone = await app.PagesAsAsync(org.UserName);
        Assert.Contains("页面创投", await phone.Http.GetStringAsync("/org/rounds"), StringComparison.Ordinal);
        var applyUrl = $"/org/rounds/{roundId}";
        Assert.Contains("执行能力", await phone.Http.GetStringAsync(applyUrl), StringComparison.Ordinal);
        var fields = new Dictionary<string, string?>
        {
            ["Input.ProjectTitle"] = "楼道读书角", ["Input.Field"] = "Education", ["Input.Summary"] = "在楼道设立读书角", ["Input.Goals"] = "覆盖 10 栋楼",
            ["Input.BudgetNote"] = "书架与图书", ["Input.Requested"] = "12000", ["Input.StartOn"] = VentureKit.Today(app, 20), ["Input.EndOn"] = VentureKit.Today(app, 120),
        };
        var tooMuch = await phone.PostFormAsync(applyUrl, new(fields));
        Assert.Equal(HttpStatusCode.BadRequest, tooMuch.StatusCode);
        Assert.Contains("申请金额：不能超过单个项目资助上限 ¥10,000.00", await tooMuch.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        fields["Input.Requested"] = "9000";
        var applied = await phone.PostFormAsync(applyUrl, new(fields));
        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        var own = applied.Headers.Location!.ToString();
        Assert.Contains("楼道读书角", await phone.Http.GetStringAsync(own), StringComparison.Ordinal);
        Assert.Contains("楼道读书角", await admin.Http.GetStringAsync(roundUrl), StringComparison.Ordinal);

        // Another organization's account does not find it; staff pages are not for organization accounts.
        var other = await VentureKit.OrgAsync(app, w.CommunityA.Id);
        var otherPhone = await app.PagesAsAsync(other.UserName);
        Assert.Equal(HttpStatusCode.NotFound, (await otherPhone.Http.GetAsync(own)).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await otherPhone.Http.GetAsync(roundUrl)).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await phone.PostFormAsync(own + "?handler=Withdraw", [], own)).StatusCode);
        Assert.Equal(ApplicationStatus.Withdrawn, await app.AsSystemAsync((_, db) => db.VentureApplications.Where(a => a.RoundId == roundId && a.OrganizationId == org.Id).Select(a => a.Status).FirstAsync()));
    }

    [Fact]
    public async Task TheLibraryPages_AddAndFindProjectsAndCases()
    {
        var w = app.World;
        var admin = await app.PagesAsAsync(World.AdminA);
        var marker = Guid.NewGuid().ToString("N")[..6];
        var project = await admin.PostFormAsync("/social-orgs/projects", new()
        {
            ["Input.UnitId"] = w.CommunityA.Id.ToString(), ["Input.Title"] = "青春护河队" + marker, ["Input.Field"] = "Volunteer", ["Input.Goals"] = "守护家门口的河",
            ["Input.StartOn"] = "2026-04-01",
        });
        Assert.Equal(HttpStatusCode.Redirect, project.StatusCode);
        Assert.Contains("青春护河队" + marker, await admin.Http.GetStringAsync($"/social-orgs/projects?Field=Volunteer&Q={marker}"), StringComparison.Ordinal);
        Assert.DoesNotContain("青春护河队" + marker, await admin.Http.GetStringAsync($"/social-orgs/projects?Field=Culture&Q={marker}"), StringComparison.Ordinal);
        var projectUrl = project.Headers.Location!.ToString();
        var edited = await admin.PostFormAsync(projectUrl, new()
        {
            ["Input.Title"] = "青春护河队" + marker, ["Input.Field"] = "Volunteer", ["Input.Goals"] = "守护家门口的河", ["Input.StartOn"] = "2026-04-01",
            ["Input.Outcome"] = "巡河 48 次",
        });
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        Assert.Contains("巡河 48 次", await admin.Http.GetStringAsync(projectUrl), StringComparison.Ordinal);

        var kase = await admin.PostFormAsync("/social-orgs/library", new()
        {
            ["Input.UnitId"] = w.CommunityA.Id.ToString(), ["Input.Title"] = "护河经验" + marker, ["Input.Field"] = "Volunteer", ["Input.Summary"] = "三年巡河",
            ["Input.Body"] = "从三个人到三十人", ["Input.Tags"] = "环保、巡河", ["Input.WrittenOn"] = "2026-05-01",
        });
        Assert.Equal(HttpStatusCode.Redirect, kase.StatusCode);
        var adminB = await app.PagesAsAsync(World.AdminB);
        Assert.Contains("护河经验" + marker, await adminB.Http.GetStringAsync($"/social-orgs/library?Tag={Uri.EscapeDataString("巡河")}&Q={marker}"), StringComparison.Ordinal);
        var caseUrl = kase.Headers.Location!.ToString();
        Assert.DoesNotContain("case-form", await adminB.Http.GetStringAsync(caseUrl), StringComparison.Ordinal);
    }
    [Fact]
    public async Task TheAwardsPage_ProposesByRanking_AndTheApplicationPage_RecordsPaymentsWithinTheAward()
    {
        var w = app.World;
        var api = await app.ApiAsAsync(World.AdminA);
        var scheme = await VentureKit.SchemeAsync(app, w.CommunityA.Id);
        var roundId = await VentureKit.CreateRoundAsync(app, api, w.CommunityA.Id, scheme.Id, budget: 15_000m, maxGrant: 10_000m);
        var first = await VentureKit.OrgAsync(app, w.CommunityA.Id);
        var second = await VentureKit.OrgAsync(app, w.CommunityA.Id);
        var a1 = await VentureKit.ApplyAsync(app, first, roundId, 10_000m, "甲项目");
        var a2 = await VentureKit.ApplyAsync(app, second, roundId, 8_000m, "乙项目");
        var started = await (await api.PostJsonAsync($"/api/v1/venture-rounds/{roundId}/start-review", new { early = true })).ReadJsonAsync();
        await VentureKit.ScoreAndCloseAsync(app, started.GetProperty("evaluationId").GetGuid(), scheme, new Dictionary<Guid, decimal> { [a1] = 9, [a2] = 6 });

        var admin = await app.PagesAsAsync(World.AdminA);
        var awardsUrl = $"/social-orgs/rounds/{roundId}/awards";
        var html = await admin.Http.GetStringAsync(awardsUrl);
        Assert.True(html.IndexOf("甲项目", StringComparison.Ordinal) < html.IndexOf("乙项目", StringComparison.Ordinal));
        Assert.Contains("value=\"5000\"", html, StringComparison.Ordinal);
        var over = await admin.PostFormAsync(awardsUrl, new() { ["applicationId"] = a1.ToString(), ["amount"] = "10000.5" });
        Assert.Equal(HttpStatusCode.BadRequest, over.StatusCode);
        var content = new FormUrlEncodedContent([
            new("__RequestVerificationToken", await admin.TokenAsync(awardsUrl)),
            new("applicationId", a1.ToString()), new("amount", "10000"), new("applicationId", a2.ToString()), new("amount", "5000")]);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.Http.PostAsync(awardsUrl, content)).StatusCode);

        var appUrl = $"/social-orgs/rounds/applications/{a2}";
        var beyond = await admin.PostFormAsync(appUrl + "?handler=Pay", new()
        {
            ["Payment.On"] = VentureKit.Today(app), ["Payment.Amount"] = "5000.01", ["Payment.Reference"] = "PZ-1",
        }, appUrl);
        Assert.Equal(HttpStatusCode.BadRequest, beyond.StatusCode);
        Assert.Contains("拨付合计不能超过资助金额 ¥5,000.00", await beyond.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync(appUrl + "?handler=Pay", new()
        {
            ["Payment.On"] = VentureKit.Today(app), ["Payment.Amount"] = "5000", ["Payment.Reference"] = "PZ-1",
        }, appUrl)).StatusCode);
        Assert.Contains("PZ-1", await admin.Http.GetStringAsync(appUrl), StringComparison.Ordinal);
        var round = await admin.Http.GetStringAsync($"/social-orgs/rounds/{roundId}");
        Assert.Contains("¥15,000.00", round, StringComparison.Ordinal);
    }
}

public sealed class VenturePageOnSqlite(SqliteApp app) : VenturePageTests(app), IClassFixture<SqliteApp>;

public sealed class VenturePageOnPostgres(PostgresApp app) : VenturePageTests(app), IClassFixture<PostgresApp>;
