using System.Net;
using Microsoft.EntityFrameworkCore;
using Qingyun.Tests.Infrastructure;

namespace Qingyun.Tests.Features.Organization;

public abstract class UnitPagesTests(QingyunApp app)
{
    [Fact]
    public async Task CreatingThroughTheForm_WithADuplicateCode_ShowsTheRuleInChinese_And409()
    {
        var pages = await app.PagesAsAsync(World.AdminA);
        var url = $"/units/create?parentId={app.World.CommunityA.Id}";
        var response = await pages.PostFormAsync("/units/create", new()
        {
            ["Input.ParentId"] = app.World.CommunityA.Id.ToString(), ["Input.Code"] = app.World.BranchA1.Code,
            ["Input.Name"] = "重复代码", ["Input.Kind"] = "Community", ["Input.BodyType"] = "Branch",
        }, tokenFrom: url);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains($"组织代码：“{app.World.BranchA1.Code}”已被其他组织使用", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        Assert.Equal(1, await app.AsSystemAsync((_, db) => db.OrgUnits.CountAsync(u => u.Code == app.World.BranchA1.Code)));
    }

    [Fact]
    public async Task TheTreeOpensWithTheGrantUnit_AndLoadsChildrenOnDemand()
    {
        var pages = await app.PagesAsAsync(World.AdminA);
        var tree = await pages.Http.GetStringAsync("/units");
        Assert.Contains(app.World.CommunityA.Name, tree);
        Assert.DoesNotContain(app.World.BranchA1.Name, tree);
        var children = await pages.Http.GetStringAsync($"/units?handler=Children&parentId={app.World.CommunityA.Id}");
        Assert.Contains(app.World.BranchA1.Name, children);
    }

    [Fact]
    public async Task AnUnknownUnitPage_IsAChinese404Page()
    {
        var pages = await app.PagesAsAsync(World.AdminA);
        var response = await pages.Http.GetAsync($"/units/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("页面不存在", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AMalformedId_IsA404Page_NotAnError()
    {
        var pages = await app.PagesAsAsync(World.AdminA);
        var response = await pages.Http.GetAsync("/units/not-a-guid");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task EnglishIsOneClickAway()
    {
        var pages = await app.PagesAsAsync(World.AdminA);
        await pages.Http.GetAsync("/culture/en?returnUrl=/units");
        var html = await pages.Http.GetStringAsync("/units");
        Assert.Contains("Organization tree", html);
        await pages.Http.GetAsync("/culture/zh-CN?returnUrl=/units");
        Assert.Contains("组织体系", await pages.Http.GetStringAsync("/units"));
    }
}

public sealed class UnitPagesOnSqlite(SqliteApp app) : UnitPagesTests(app), IClassFixture<SqliteApp>;

public sealed class UnitPagesOnPostgres(PostgresApp app) : UnitPagesTests(app), IClassFixture<PostgresApp>;
