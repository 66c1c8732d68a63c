using System.Net;
using Microsoft.EntityFrameworkCore;
using Qingyun.Domain.Organization;
using Qingyun.Tests.Infrastructure;

namespace Qingyun.Tests.Features.Organization;

public abstract class UnitsApiTests(QingyunApp app)
{
    private static object NewUnit(Guid? parentId, string code, string name = "新建团支部") =>
        new { parentId, code, name, kind = "Community", bodyType = "Branch" };

    private Task<int> CountUnitsAsync() => app.AsSystemAsync((_, db) => db.OrgUnits.CountAsync());

    [Fact]
    public async Task AdminCreatesUnitUnderOwnCommunity_ItAppearsAmongTheChildrenWithHistory()
    {
        var api = await app.ApiAsAsync(World.AdminA);
        var created = await api.PostJsonAsync("/api/v1/units", NewUnit(app.World.CommunityA.Id, "NEW-A-1", "甲社区第二团支部"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.ReadJsonAsync()).GetProperty("id").GetGuid();

        var children = await (await api.GetAsync($"/api/v1/units?parentId={app.World.CommunityA.Id}")).ReadJsonAsync();
        Assert.Contains(children.GetProperty("items").EnumerateArray(), u => u.GetProperty("code").GetString() == "NEW-A-1");

        var history = await (await api.GetAsync($"/api/v1/units/{id}/history")).ReadJsonAsync();
        Assert.Equal("Created", history[0].GetProperty("kind").GetString());
        var stored = await app.AsSystemAsync((_, db) => db.OrgUnits.SingleAsync(u => u.Id == id));
        Assert.Equal(app.World.CommunityA.Path + OrgUnit.Segment(id) + "/", stored.Path);
    }

    [Fact]
    public async Task DuplicateCode_Gets409NamingTheCode_AndNothingIsWritten()
    {
        var api = await app.ApiAsAsync(World.AdminA);
        var before = await CountUnitsAsync();
        var response = await api.PostJsonAsync("/api/v1/units", NewUnit(app.World.CommunityA.Id, app.World.BranchA1.Code));
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var text = await response.ProblemTextAsync();
        Assert.Contains("组织代码", text);
        Assert.Contains("已被其他组织使用", text);
        Assert.Equal(before, await CountUnitsAsync());
    }

    [Fact]
    public async Task CodesAreOneCodeWhateverTheCase()
    {
        var api = await app.ApiAsAsync(World.AdminA);
        var response = await api.PostJsonAsync("/api/v1/units", NewUnit(app.World.CommunityA.Id, app.World.BranchA1.Code.ToLowerInvariant()));
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var created = await api.PostJsonAsync("/api/v1/units", NewUnit(app.World.CommunityA.Id, "lower-case-1"));
        Assert.Equal("LOWER-CASE-1", (await created.ReadJsonAsync()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task OverLongName_Gets400NamingTheFieldAndTheLimit()
    {
        var api = await app.ApiAsAsync(World.AdminA);
        var before = await CountUnitsAsync();
        var response = await api.PostJsonAsync("/api/v1/units", NewUnit(app.World.CommunityA.Id, "LONG-1", new string('团', 101)));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("名称：不能超过 100 个字符", await response.ProblemTextAsync());
        Assert.Equal(before, await CountUnitsAsync());
    }

    [Fact]
    public async Task UnknownParentId_Gets404InChinese()
    {
        var api = await app.ApiAsAsync(World.AdminA);
        var response = await api.PostJsonAsync("/api/v1/units", NewUnit(Guid.NewGuid(), "GHOST-1"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("上级组织：不存在或不在您的管辖范围内", await response.ProblemTextAsync());
    }

    [Fact]
    public async Task MalformedJson_Gets400ProblemNotA500()
    {
        var api = await app.ApiAsAsync(World.AdminA);
        var response = await api.PostAsync("/api/v1/units", new StringContent("{\"parentId\": \"not-a-guid\"", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("提交的内容有误", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AnUnknownKindOrAMalformedId_NamesTheField()
    {
        var api = await app.ApiAsAsync(World.AdminA);
        var kind = await api.PostAsync("/api/v1/units", new StringContent(
            $"{{\"parentId\":\"{app.World.CommunityA.Id}\",\"code\":\"K-1\",\"name\":\"类别错\",\"kind\":\"Nope\",\"bodyType\":\"Branch\"}}",
            System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, kind.StatusCode);
        Assert.Contains("kind：格式不正确", await kind.ProblemTextAsync());
        var after = await api.GetAsync($"/api/v1/units?parentId={app.World.CommunityA.Id}&after=abc");
        Assert.Equal(HttpStatusCode.BadRequest, after.StatusCode);
        Assert.Contains("after：格式不正确", await after.ProblemTextAsync());
    }

    [Fact]
    public async Task MoveIntoOwnSubtree_Gets409AndTheTreeIsUnchanged()
    {
        var api = await app.ApiAsAsync(World.DistrictAdmin);
        var response = await api.PostJsonAsync($"/api/v1/units/{app.World.CommunityA.Id}/move", new { newParentId = app.World.BranchA1.Id });
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("新的上级组织：不能移到该组织自身或其下级之下", await response.ProblemTextAsync());
        var a = await app.AsSystemAsync((_, db) => db.OrgUnits.SingleAsync(u => u.Id == app.World.CommunityA.Id));
        Assert.Equal(app.World.Street.Id, a.ParentId);
    }

    [Fact]
    public async Task MovingAUnit_RewritesThePathsOfItsWholeSubtree()
    {
        var api = await app.ApiAsAsync(World.DistrictAdmin);
        var street = await (await api.PostJsonAsync("/api/v1/units", new { parentId = app.World.District.Id, code = "MV-S", name = "迁移街道", kind = "Street", bodyType = "WorkingCommittee" })).ReadJsonAsync();
        var community = await (await api.PostJsonAsync("/api/v1/units", new { parentId = street.GetProperty("id").GetGuid(), code = "MV-C", name = "迁移社区", kind = "Community", bodyType = "CommunityCommittee" })).ReadJsonAsync();
        var branch = await (await api.PostJsonAsync("/api/v1/units", NewUnit(community.GetProperty("id").GetGuid(), "MV-B"))).ReadJsonAsync();
        var target = await (await api.PostJsonAsync("/api/v1/units", new { parentId = app.World.District.Id, code = "MV-T", name = "目标街道", kind = "Street", bodyType = "WorkingCommittee" })).ReadJsonAsync();

        var moved = await api.PostJsonAsync($"/api/v1/units/{community.GetProperty("id").GetGuid()}/move", new { newParentId = target.GetProperty("id").GetGuid() });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);

        var (t, c, b) = await app.AsSystemAsync(async (_, db) => (
            await db.OrgUnits.SingleAsync(u => u.Code == "MV-T"),
            await db.OrgUnits.SingleAsync(u => u.Code == "MV-C"),
            await db.OrgUnits.SingleAsync(u => u.Code == "MV-B")));
        Assert.Equal(t.Path + OrgUnit.Segment(c.Id) + "/", c.Path);
        Assert.Equal(c.Path + OrgUnit.Segment(b.Id) + "/", b.Path);
        Assert.Equal(t.Depth + 2, b.Depth);
        Assert.Equal(branch.GetProperty("id").GetGuid(), b.Id);
        var history = await (await api.GetAsync($"/api/v1/units/{c.Id}/history")).ReadJsonAsync();
        Assert.Contains(history.EnumerateArray(), e => e.GetProperty("kind").GetString() == "Moved" && e.GetProperty("after").GetString()!.Contains("目标街道"));
    }

    [Fact]
    public async Task ClosingAUnitWithOpenChildren_IsRefused_ThenAllowedOnceTheyAreClosed()
    {
        var api = await app.ApiAsAsync(World.AdminA);
        var parent = await (await api.PostJsonAsync("/api/v1/units", NewUnit(app.World.CommunityA.Id, "CL-P"))).ReadJsonAsync();
        var parentId = parent.GetProperty("id").GetGuid();
        var child = await (await api.PostJsonAsync("/api/v1/units", NewUnit(parentId, "CL-C"))).ReadJsonAsync();

        var refused = await api.PostAsync($"/api/v1/units/{parentId}/close", null);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("还有未撤销的下级组织", await refused.ProblemTextAsync());

        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/v1/units/{child.GetProperty("id").GetGuid()}/close", null)).StatusCode);
        var closed = await api.PostAsync($"/api/v1/units/{parentId}/close", null);
        Assert.True((await closed.ReadJsonAsync()).GetProperty("closed").GetBoolean());

        var newChild = await api.PostJsonAsync("/api/v1/units", NewUnit(parentId, "CL-X"));
        Assert.Equal(HttpStatusCode.Conflict, newChild.StatusCode);
        Assert.Contains("上级组织已撤销", await newChild.ProblemTextAsync());

        var reopened = await api.PostAsync($"/api/v1/units/{parentId}/reopen", null);
        Assert.False((await reopened.ReadJsonAsync()).GetProperty("closed").GetBoolean());
        var history = await (await api.GetAsync($"/api/v1/units/{parentId}/history")).ReadJsonAsync();
        Assert.Equal(["Reopened", "Closed", "Created"], history.EnumerateArray().Select(e => e.GetProperty("kind").GetString()!).ToArray());
    }

    [Fact]
    public async Task RenamingKeepsTheCodeAndRecordsOldAndNewNames()
    {
        var api = await app.ApiAsAsync(World.AdminA);
        var unit = await (await api.PostJsonAsync("/api/v1/units", NewUnit(app.World.CommunityA.Id, "RN-1", "旧名称团支部"))).ReadJsonAsync();
        var id = unit.GetProperty("id").GetGuid();
        var renamed = await api.PutJsonAsync($"/api/v1/units/{id}", new { name = "新名称团支部", kind = "Community", bodyType = "Branch" });
        Assert.Equal("RN-1", (await renamed.ReadJsonAsync()).GetProperty("code").GetString());
        var history = await (await api.GetAsync($"/api/v1/units/{id}/history")).ReadJsonAsync();
        var rename = history.EnumerateArray().First(e => e.GetProperty("kind").GetString() == "Renamed");
        Assert.Equal("旧名称团支部", rename.GetProperty("before").GetString());
        Assert.Equal("新名称团支部", rename.GetProperty("after").GetString());
    }

    [Fact]
    public async Task CadreCannotCreateUnits_Gets403()
    {
        var api = await app.ApiAsAsync(World.CadreA);
        var response = await api.PostJsonAsync("/api/v1/units", NewUnit(app.World.CommunityA.Id, "CADRE-1"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task OnlyASystemAdminCreatesATopLevelUnit()
    {
        var district = await app.ApiAsAsync(World.DistrictAdmin);
        var refused = await district.PostJsonAsync("/api/v1/units", new { parentId = (Guid?)null, code = "TOP-X", name = "另一个省", kind = "Province", bodyType = "Committee" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var sys = await app.ApiAsAsync(World.SysAdmin);
        var created = await sys.PostJsonAsync("/api/v1/units", new { parentId = (Guid?)null, code = "TOP-Y", name = "另一个省", kind = "Province", bodyType = "Committee" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }
}

public sealed class UnitsApiOnSqlite(SqliteApp app) : UnitsApiTests(app), IClassFixture<SqliteApp>;

public sealed class UnitsApiOnPostgres(PostgresApp app) : UnitsApiTests(app), IClassFixture<PostgresApp>;
