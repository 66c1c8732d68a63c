using System.Net;
using Qingyun.Domain.Organization;
using Qingyun.Tests.Infrastructure;
using static Qingyun.Tests.Features.Volunteering.VolunteeringKit;

namespace Qingyun.Tests.Features.Hubs;

public abstract class HubProfileTests(QingyunApp app)
{
    /// <summary>A hub (青年汇) under community A, made as an administrator would with the unit tree.</summary>
    private Task<OrgUnit> HubAsync() => app.AsSystemAsync(async (_, db) =>
    {
        var parent = app.World.CommunityA;
        var id = Guid.CreateVersion7();
        var hub = new OrgUnit
        {
            Id = id, ParentId = parent.Id, Code = TestIds.Unique("QNH").ToUpperInvariant(), Name = "甲社区青年汇", Kind = UnitKind.Hub,
            BodyType = LeagueBodyType.TemporaryBranch, Path = OrgUnit.PathFor(parent, id), Depth = parent.Depth + 1, RootId = parent.RootId,
            CreatedAt = DateTimeOffset.UtcNow,
        };
        db.OrgUnits.Add(hub);
        await db.SaveChangesAsync();
        return hub;
    });

    private object Profile(Guid? managing = null, string? address = "甲社区活动中心 2 层") => new
    {
        type = "YouthHub", grade = "Key", address, openingHours = "周二至周日 9:00–21:00", managingUnitId = managing ?? app.World.CommunityA.Id,
        managerName = "刘洋", managerPhone = "13900001234",
    };

    [Fact]
    public async Task AHubProfileIsSaved_AndItsPublicPageShowsTheProfileAndOnlyPublishedComingActivities()
    {
        var hub = await HubAsync();
        var admin = await app.ApiAsAsync(World.AdminA);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutJsonAsync($"/api/v1/hubs/{hub.Id}", Profile())).StatusCode);
        var starts = app.Clock.GetUtcNow().AddDays(3);
        var published = await IdOf(await admin.PostJsonAsync("/api/v1/youth-activities", new { unitId = hub.Id, publish = true, title = "青年沙龙", place = "二层", startsAt = starts, endsAt = starts.AddHours(2) }));
        var draft = await IdOf(await admin.PostJsonAsync("/api/v1/youth-activities", new { unitId = hub.Id, title = "还在筹备的活动", place = "二层", startsAt = starts, endsAt = starts.AddHours(2) }));

        using var anonymous = app.CreateClient();
        var page = await anonymous.GetStringAsync($"/h/{hub.Code}");
        Assert.Contains("甲社区活动中心 2 层", page, StringComparison.Ordinal);
        Assert.Contains("重点店", page, StringComparison.Ordinal);
        Assert.Contains("青年沙龙", page, StringComparison.Ordinal);
        Assert.DoesNotContain("还在筹备的活动", page, StringComparison.Ordinal);
        var json = await OkJson(await anonymous.GetAsync($"/api/v1/public/hubs/{hub.Code}"));
        Assert.Equal([published], json.GetProperty("coming").EnumerateArray().Select(a => a.GetProperty("id").GetGuid()).ToArray());
        Assert.NotEqual(published, draft);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/h/{app.World.CommunityA.Code}")).StatusCode);
    }

    [Fact]
    public async Task AProfileIsRefusedForANonHub_AManagingUnitNotAbove_AMissingAddress_AndFromAnotherCommunity()
    {
        var hub = await HubAsync();
        var admin = await app.ApiAsAsync(World.AdminA);
        var notHub = await admin.PutJsonAsync($"/api/v1/hubs/{app.World.CommunityA.Id}", Profile());
        Assert.Equal(HttpStatusCode.Conflict, notHub.StatusCode);
        Assert.Contains("不是青年阵地", await notHub.ProblemTextAsync(), StringComparison.Ordinal);

        var sideways = await admin.PutJsonAsync($"/api/v1/hubs/{hub.Id}", Profile(managing: app.World.CommunityB.Id, address: null));
        Assert.Equal(HttpStatusCode.BadRequest, sideways.StatusCode);
        var text = await sideways.ProblemTextAsync();
        Assert.Contains("主管单位：应为阵地的上级单位", text, StringComparison.Ordinal);
        Assert.Contains("地址：不能为空", text, StringComparison.Ordinal);

        var other = await app.ApiAsAsync(World.AdminB);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PutJsonAsync($"/api/v1/hubs/{hub.Id}", Profile())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/hubs/{hub.Id}")).StatusCode);
    }

    [Fact]
    public async Task AnActivityMayNotUseATeacherFromAnotherCommunitysPool()
    {
        var adminB = await app.ApiAsAsync(World.AdminB);
        var teacher = await PoolKit.CreateTeacherAsync(adminB, app.World.CommunityB.Id, "乙社区老师");
        var admin = await app.ApiAsAsync(World.AdminA);
        var starts = app.Clock.GetUtcNow().AddDays(3);
        var response = await admin.PostJsonAsync("/api/v1/youth-activities", new
        {
            unitId = app.World.CommunityA.Id, publish = true, title = "借用老师", place = "二层", startsAt = starts, endsAt = starts.AddHours(2), teacherId = teacher,
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("授课老师", await response.ProblemTextAsync(), StringComparison.Ordinal);
    }
}

public sealed class HubProfileOnSqlite(SqliteApp app) : HubProfileTests(app), IClassFixture<SqliteApp>;

public sealed class HubProfileOnPostgres(PostgresApp app) : HubProfileTests(app), IClassFixture<PostgresApp>;
