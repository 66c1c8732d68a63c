using System.Net;
using Microsoft.EntityFrameworkCore;
using Qingyun.Tests.Infrastructure;

namespace Qingyun.Tests.Features.SocialOrgs;

/// <summary>What a round refuses — in Chinese, naming the field and the rule, 4xx and nothing written — and who may see and do what.</summary>
public abstract class VentureRefusalTests(QingyunApp app)
{
    private Task<int> ApplicationsAsync() => app.AsSystemAsync((_, db) => db.VentureApplications.CountAsync());

    [Fact]
    public async Task ADraft_NeedsACapWithinTheBudget_AWindowInOrder_AndAPublishedScheme()
    {
        var w = app.World;
        var admin = await app.ApiAsAsync(World.AdminA);
        var draftScheme = await app.AsSystemAsync(async (_, db) =>
        {
            var s = new Qingyun.Domain.SocialOrgs.EvaluationScheme { UnitId = w.CommunityA.Id, Name = "草稿办法", CreatedAt = DateTimeOffset.UtcNow };
            s.FamilyId = s.Id;
            db.EvaluationSchemes.Add(s);
            await db.SaveChangesAsync();
            return s.Id;
        });
        var before = await app.AsSystemAsync((_, db) => db.VentureRounds.CountAsync());
        var bad = await admin.PostJsonAsync("/api/v1/venture-rounds", new
        {
            unitId = w.CommunityA.Id, title = "", year = 2026, budget = 10_000m, maxGrant = 20_000m, applyFrom = "2026-06-10", applyUntil = "2026-06-01", schemeId = draftScheme,
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var text = await bad.ProblemTextAsync();
        Assert.Contains("创投活动名称：不能为空", text, StringComparison.Ordinal);
        Assert.Contains("单个项目资助上限：不能超过资助总额 ¥10,000.00", text, StringComparison.Ordinal);
        Assert.Contains("申报截止日期：不能早于开始日期", text, StringComparison.Ordinal);
        Assert.Contains("评审办法：只能选用已发布的评价办法", text, StringComparison.Ordinal);
        var cents = await admin.PostJsonAsync("/api/v1/venture-rounds", VentureKit.Round(app, w.CommunityA.Id, draftScheme, budget: 10_000.001m));
        Assert.Contains("资助总额：应大于 0、不超过", await cents.ProblemTextAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await app.AsSystemAsync((_, db) => db.VentureRounds.CountAsync()));
    }

    [Fact]
    public async Task Applying_OutsideTheWindow_Twice_OrAboveTheCap_IsRefused()
    {
        var w = app.World;
        var admin = await app.ApiAsAsync(World.AdminA);
        var scheme = await VentureKit.SchemeAsync(app, w.CommunityA.Id);
        var later = await VentureKit.CreateRoundAsync(app, admin, w.CommunityA.Id, scheme.Id, fromDays: 5, untilDays: 20);
        var now = await VentureKit.CreateRoundAsync(app, admin, w.CommunityA.Id, scheme.Id, maxGrant: 50_000m);
        var org = await VentureKit.OrgAsync(app, w.BranchA1.Id);
        var count = await ApplicationsAsync();

        var outside = await org.Api.PostJsonAsync("/api/v1/me/applications", VentureKit.Application(app, later, 10_000m));
        Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode);
        Assert.Contains("创投活动：不在申报时间内", await outside.ProblemTextAsync(), StringComparison.Ordinal);
        var aboveCap = await org.Api.PostJsonAsync("/api/v1/me/applications", VentureKit.Application(app, now, 50_000.01m));
        Assert.Equal(HttpStatusCode.BadRequest, aboveCap.StatusCode);
        Assert.Contains("申请金额：不能超过单个项目资助上限 ¥50,000.00", await aboveCap.ProblemTextAsync(), StringComparison.Ordinal);
        var empty = await org.Api.PostJsonAsync("/api/v1/me/applications", new { roundId = now });
        var emptyText = await empty.ProblemTextAsync();
        Assert.Contains("项目名称：不能为空", emptyText, StringComparison.Ordinal);
        Assert.Contains("服务领域：不能为空", emptyText, StringComparison.Ordinal);
        Assert.Contains("预算说明：不能为空", emptyText, StringComparison.Ordinal);
        Assert.Equal(count, await ApplicationsAsync());

        var id = await VentureKit.ApplyAsync(app, org, now, 50_000m);
        var twice = await org.Api.PostJsonAsync("/api/v1/me/applications", VentureKit.Application(app, now, 10_000m));
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Contains("本组织已申报该创投活动", await twice.ProblemTextAsync(), StringComparison.Ordinal);
        // Withdrawn, it may apply again.
        Assert.Equal(HttpStatusCode.OK, (await org.Api.PostAsync($"/api/v1/me/applications/{id}/withdraw", null)).StatusCode);
        await VentureKit.ApplyAsync(app, org, now, 10_000m);
        Assert.Equal(count + 2, await ApplicationsAsync());
    }

    [Fact]
    public async Task AnOrganization_CannotApplyToAnotherUnitsRound_NorReadAnotherOrganizationsApplication()
    {
        var w = app.World;
        var adminB = await app.ApiAsAsync(World.AdminB);
        var schemeB = await VentureKit.SchemeAsync(app, w.CommunityB.Id);
        var roundB = await VentureKit.CreateRoundAsync(app, adminB, w.CommunityB.Id, schemeB.Id);
        var orgA = await VentureKit.OrgAsync(app, w.CommunityA.Id);
        var orgB = await VentureKit.OrgAsync(app, w.CommunityB.Id);
        var count = await ApplicationsAsync();

        var foreign = await orgA.Api.PostJsonAsync("/api/v1/me/applications", VentureKit.Application(app, roundB, 10_000m));
        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        Assert.Contains("只能申报本组织入库单位或其上级单位的创投活动", await foreign.ProblemTextAsync(), StringComparison.Ordinal);
        Assert.Equal(count, await ApplicationsAsync());
        var rounds = await (await orgA.Api.GetAsync("/api/v1/me/venture-rounds")).ReadJsonAsync();
        Assert.DoesNotContain(rounds.GetProperty("items").EnumerateArray(), r => r.GetProperty("id").GetGuid() == roundB);

        var bApplication = await VentureKit.ApplyAsync(app, orgB, roundB, 10_000m);
        Assert.Equal(HttpStatusCode.NotFound, (await orgA.Api.GetAsync($"/api/v1/me/applications/{bApplication}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await orgA.Api.PostAsync($"/api/v1/me/applications/{bApplication}/withdraw", null)).StatusCode);
        // An organization's account holds no staff permission.
        Assert.Equal(HttpStatusCode.Forbidden, (await orgA.Api.GetAsync($"/api/v1/venture-applications/{bApplication}")).StatusCode);

        // A staff account has no organization: the organization's own endpoints do not exist for it.
        var adminA = await app.ApiAsAsync(World.AdminA);
        Assert.Equal(HttpStatusCode.NotFound, (await adminA.GetAsync("/api/v1/me/applications")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await adminA.PostJsonAsync("/api/v1/me/applications", VentureKit.Application(app, roundB, 10_000m))).StatusCode);
        // Nor may admin-a enter B's organization into its own round: the organization is outside A's registry.
        var schemeA = await VentureKit.SchemeAsync(app, w.CommunityA.Id);
        var roundA = await VentureKit.CreateRoundAsync(app, adminA, w.CommunityA.Id, schemeA.Id);
        var entry = await adminA.PostJsonAsync($"/api/v1/venture-rounds/{roundA}/applications", new
        {
            organizationId = orgB.Id, projectTitle = "代录", field = "Culture", summary = "s", goals = "g", budgetNote = "b", requested = 1000m,
            startOn = VentureKit.Today(app, 20), endOn = VentureKit.Today(app, 60),
        });
        Assert.Equal(HttpStatusCode.NotFound, entry.StatusCode);
        var entered = await adminA.PostJsonAsync($"/api/v1/venture-rounds/{roundA}/applications", new
        {
            organizationId = orgA.Id, projectTitle = "代录的纸质申报", field = "Culture", summary = "s", goals = "g", budgetNote = "b", requested = 1000m,
            startOn = VentureKit.Today(app, 20), endOn = VentureKit.Today(app, 60),
        });
        Assert.Equal(HttpStatusCode.Created, entered.StatusCode);
    }

    [Fact]
    public async Task AnotherCommunitysAdmin_GetsNotFound_AndACadre_ReadsButCannotManage()
    {
        var w = app.World;
        var admin = await app.ApiAsAsync(World.AdminA);
        var scheme = await VentureKit.SchemeAsync(app, w.CommunityA.Id);
        var roundId = await VentureKit.CreateRoundAsync(app, admin, w.CommunityA.Id, scheme.Id, open: false);
        var org = await VentureKit.OrgAsync(app, w.CommunityA.Id);

        var adminB = await app.ApiAsAsync(World.AdminB);
        Assert.Equal(HttpStatusCode.NotFound, (await adminB.GetAsync($"/api/v1/venture-rounds/{roundId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await adminB.PostAsync($"/api/v1/venture-rounds/{roundId}/open", null)).StatusCode);
        var list = await (await adminB.GetAsync("/api/v1/venture-rounds")).ReadJsonAsync();
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), r => r.GetProperty("id").GetGuid() == roundId);
        var intoA = await adminB.PostJsonAsync("/api/v1/venture-rounds", VentureKit.Round(app, w.CommunityA.Id, scheme.Id));
        Assert.Equal(HttpStatusCode.NotFound, intoA.StatusCode);

        var cadre = await app.ApiAsAsync(World.CadreA);
        Assert.Equal(HttpStatusCode.OK, (await cadre.GetAsync($"/api/v1/venture-rounds/{roundId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await cadre.PostAsync($"/api/v1/venture-rounds/{roundId}/open", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await cadre.PostJsonAsync("/api/v1/venture-rounds", VentureKit.Round(app, w.CommunityA.Id, scheme.Id))).StatusCode);

        await admin.PostAsync($"/api/v1/venture-rounds/{roundId}/open", null);
        var applicationId = await VentureKit.ApplyAsync(app, org, roundId, 10_000m);
        Assert.Equal(HttpStatusCode.OK, (await cadre.GetAsync($"/api/v1/venture-applications/{applicationId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await adminB.GetAsync($"/api/v1/venture-applications/{applicationId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await adminB.PostJsonAsync($"/api/v1/venture-applications/{applicationId}/ineligible", new { reason = "越权" })).StatusCode);

        // The district above reads and manages A's round.
        var district = await app.ApiAsAsync(World.DistrictAdmin);
        Assert.Equal(HttpStatusCode.OK, (await district.GetAsync($"/api/v1/venture-rounds/{roundId}")).StatusCode);
    }
}

public sealed class VentureRefusalOnSqlite(SqliteApp app) : VentureRefusalTests(app), IClassFixture<SqliteApp>;

public sealed class VentureRefusalOnPostgres(PostgresApp app) : VentureRefusalTests(app), IClassFixture<PostgresApp>;
