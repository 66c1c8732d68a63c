using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qingyun.Features.Pool;
using Qingyun.Security;
using Qingyun.Tests.Infrastructure;
using static Qingyun.Tests.Features.Hubs.PoolKit;

namespace Qingyun.Tests.Features.Hubs;

/// <summary>The teacher and topic pool (三优): who sees whose pool, phones kept masked, archiving, refusals.</summary>
public abstract class PoolTests(QingyunApp app)
{
    [Fact]
    public async Task AHubDrawsOnItsAncestorsPools_ButNotOnASiblingCommunitys()
    {
        var w = app.World;
        var hub = await HubUnderAsync(app, w.CommunityA);
        var district = await app.ApiAsAsync(World.DistrictAdmin);
        var adminA = await app.ApiAsAsync(World.AdminA);
        var adminB = await app.ApiAsAsync(World.AdminB);
        var fromDistrict = await CreateTeacherAsync(district, w.District.Id, "区级老师");
        var fromA = await CreateTeacherAsync(adminA, w.CommunityA.Id, "甲社区老师");
        var ownHub = await CreateTeacherAsync(adminA, hub.Id, "青年汇老师");
        var fromB = await CreateTeacherAsync(adminB, w.CommunityB.Id, "乙社区老师");
        var archived = await CreateTeacherAsync(district, w.District.Id, "已归档老师");
        await Ok(await district.PostAsync($"/api/v1/teachers/{archived}/archive", null));
        var districtTopic = await Ok(await district.PostJsonAsync("/api/v1/topics", new { unitId = w.District.Id, title = "急救培训", durationMinutes = 90, teacherId = fromDistrict }), HttpStatusCode.Created);
        var bTopic = await Ok(await adminB.PostJsonAsync("/api/v1/topics", new { unitId = w.CommunityB.Id, title = "乙社区课程", durationMinutes = 60 }), HttpStatusCode.Created);

        var choices = await app.AsSystemAsync((_, db) => PoolChoices.ForUnitAsync(db, hub.Id, CancellationToken.None));
        var teacherIds = choices.Teachers.Select(t => t.Id).ToList();
        Assert.Contains(fromDistrict, teacherIds);
        Assert.Contains(fromA, teacherIds);
        Assert.Contains(ownHub, teacherIds);
        Assert.DoesNotContain(fromB, teacherIds);
        Assert.DoesNotContain(archived, teacherIds);
        Assert.Contains(districtTopic.GetProperty("id").GetGuid(), choices.Topics.Select(t => t.Id));
        Assert.DoesNotContain(bTopic.GetProperty("id").GetGuid(), choices.Topics.Select(t => t.Id));
        Assert.True(choices.Inherited(choices.Teachers.Single(t => t.Id == fromDistrict).UnitId));
        Assert.False(choices.Inherited(choices.Teachers.Single(t => t.Id == ownHub).UnitId));

        // The same through the API, for the organizer of community A: the district's teacher though A cannot list the district's rows.
        var list = await Ok(await adminA.GetAsync($"/api/v1/teachers?unitId={hub.Id}"));
        var viaApi = Ids(list).ToList();
        Assert.Contains(fromDistrict, viaApi);
        Assert.DoesNotContain(fromB, viaApi);
        Assert.True(list.GetProperty("items").EnumerateArray().Single(x => x.GetProperty("id").GetGuid() == fromDistrict).GetProperty("inherited").GetBoolean());
        Assert.DoesNotContain(fromDistrict, Ids(await Ok(await adminA.GetAsync("/api/v1/teachers"))));
        Assert.Equal(HttpStatusCode.NotFound, (await adminA.GetAsync($"/api/v1/teachers?unitId={w.CommunityB.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await adminA.GetAsync($"/api/v1/teachers/{fromB}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await adminA.PostAsync($"/api/v1/teachers/{fromB}/archive", null)).StatusCode);
        // A district teacher is offered to A but is not A's to change.
        Assert.Equal(HttpStatusCode.NotFound, (await adminA.PutJsonAsync($"/api/v1/teachers/{fromDistrict}", new { name = "改名", source = "Resident" })).StatusCode);
    }

    [Fact]
    public async Task ATopicTakesATeacherFromItsOwnOrAnAncestorsPool_NotFromASiblings()
    {
        var w = app.World;
        var adminA = await app.ApiAsAsync(World.AdminA);
        var fromDistrict = await CreateTeacherAsync(await app.ApiAsAsync(World.DistrictAdmin), w.District.Id, "区级讲师");
        var fromB = await CreateTeacherAsync(await app.ApiAsAsync(World.AdminB), w.CommunityB.Id, "乙社区讲师");
        var title = TestIds.Unique("课程");

        var refused = await adminA.PostJsonAsync("/api/v1/topics", new { unitId = w.CommunityA.Id, title, durationMinutes = 60, teacherId = fromB });
        Assert.Contains("授课老师：不在本单位及上级单位的资源库中", await Refused(refused, HttpStatusCode.BadRequest));
        Assert.False(await app.AsSystemAsync((_, db) => db.Topics.AnyAsync(t => t.Title == title)));

        var topic = await Ok(await adminA.PostJsonAsync("/api/v1/topics", new { unitId = w.CommunityA.Id, title, description = "讲解", durationMinutes = 60, teacherId = fromDistrict }), HttpStatusCode.Created);
        Assert.Equal(fromDistrict, topic.GetProperty("teacherId").GetGuid());
        var id = topic.GetProperty("id").GetGuid();

        var tooLong = await adminA.PutJsonAsync($"/api/v1/topics/{id}", new { title, durationMinutes = 5 });
        Assert.Contains("时长（分钟）：应在 10 到 1440 之间", await Refused(tooLong, HttpStatusCode.BadRequest));
        var noTitle = await adminA.PutJsonAsync($"/api/v1/topics/{id}", new { title = " ", durationMinutes = 60 });
        Assert.Contains("课程/服务名称：不能为空", await Refused(noTitle, HttpStatusCode.BadRequest));
        Assert.Equal(60, (await Ok(await adminA.GetAsync($"/api/v1/topics/{id}"))).GetProperty("durationMinutes").GetInt32());

        var archived = await Ok(await adminA.PostAsync($"/api/v1/topics/{id}/archive", null));
        Assert.True(archived.GetProperty("archived").GetBoolean());
        Assert.DoesNotContain(id, Ids(await Ok(await adminA.GetAsync($"/api/v1/topics?unitId={w.CommunityA.Id}"))));
        Assert.Contains(id, Ids(await Ok(await adminA.GetAsync("/api/v1/topics?archived=true"))));
        Assert.True(await app.AsSystemAsync((_, db) => db.Topics.AnyAsync(t => t.Id == id)));
        var editArchived = await adminA.PutJsonAsync($"/api/v1/topics/{id}", new { title, durationMinutes = 60 });
        Assert.Contains("已归档，不能修改", await Refused(editArchived, HttpStatusCode.Conflict));
    }

    [Fact]
    public async Task ATeachersPhoneIsKeptEncryptedAndOnlyEverShownMasked()
    {
        var adminA = await app.ApiAsAsync(World.AdminA);
        const string phone = "13912345678";
        var created = await adminA.PostJsonAsync("/api/v1/teachers", new { unitId = app.World.CommunityA.Id, name = "李老师", source = "Institution", institution = "开放大学", phone });
        var body = await created.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.DoesNotContain(phone, body, StringComparison.Ordinal);
        var json = await created.ReadJsonAsync();
        Assert.Equal("139****5678", json.GetProperty("phone").GetString());
        var id = json.GetProperty("id").GetGuid();

        var stored = await app.AsSystemAsync(async (sp, db) =>
        {
            var t = await db.Teachers.SingleAsync(x => x.Id == id);
            return (t.PhoneCipher, t.PhoneMasked, Plain: sp.GetRequiredService<SensitiveData>().Decrypt(Convert.FromBase64String(t.PhoneCipher!)));
        });
        Assert.DoesNotContain(phone, stored.PhoneCipher!, StringComparison.Ordinal);
        Assert.Equal("139****5678", stored.PhoneMasked);
        Assert.Equal(phone, stored.Plain);
        Assert.DoesNotContain(phone, await (await adminA.GetAsync($"/api/v1/teachers/{id}")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(phone, await (await adminA.GetAsync("/api/v1/teachers")).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // An edit without a phone keeps it; clearPhone removes it.
        var kept = await Ok(await adminA.PutJsonAsync($"/api/v1/teachers/{id}", new { name = "李老师", source = "Institution", institution = "开放大学", expertise = "心理健康" }));
        Assert.Equal("139****5678", kept.GetProperty("phone").GetString());
        var cleared = await Ok(await adminA.PutJsonAsync($"/api/v1/teachers/{id}", new { name = "李老师", source = "Institution", institution = "开放大学", clearPhone = true }));
        Assert.Equal(JsonValueKindNull, cleared.GetProperty("phone").ValueKind);

        var pages = await app.PagesAsAsync(World.AdminA);
        await adminA.PutJsonAsync($"/api/v1/teachers/{id}", new { name = "李老师", source = "Institution", institution = "开放大学", phone });
        var page = await pages.Http.GetStringAsync($"/hubs/pool/teachers/{id}");
        Assert.Contains("139****5678", page, StringComparison.Ordinal);
        Assert.DoesNotContain(phone, page, StringComparison.Ordinal);
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;

    [Fact]
    public async Task ATeacherWithoutANameOrWithABadPhoneIsRefused_NamingTheField_AndNothingIsWritten()
    {
        var adminA = await app.ApiAsAsync(World.AdminA);
        var before = await app.AsSystemAsync((_, db) => db.Teachers.CountAsync());
        var text = await Refused(await adminA.PostJsonAsync("/api/v1/teachers", new { unitId = app.World.CommunityA.Id, name = "", source = "Resident", phone = "12345" }), HttpStatusCode.BadRequest);
        Assert.Contains("姓名：不能为空", text);
        Assert.Contains("手机号：应为 11 位手机号码", text);
        var institution = await Refused(await adminA.PostJsonAsync("/api/v1/teachers", new { unitId = app.World.CommunityA.Id, name = "王老师", source = "Institution" }), HttpStatusCode.BadRequest);
        Assert.Contains("所在机构：来源为合作机构时必须填写", institution);
        var foreign = await adminA.PostJsonAsync("/api/v1/teachers", new { unitId = app.World.CommunityB.Id, name = "王老师", source = "Resident" });
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        var above = await adminA.PostJsonAsync("/api/v1/teachers", new { unitId = app.World.District.Id, name = "王老师", source = "Resident" });
        Assert.True(above.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, $"{(int)above.StatusCode}");
        Assert.Equal(before, await app.AsSystemAsync((_, db) => db.Teachers.CountAsync()));
    }

    [Fact]
    public async Task ThePoolPageListsTeachersAndTopics_AndAFormErrorNamesTheField()
    {
        var adminA = await app.ApiAsAsync(World.AdminA);
        var name = TestIds.Unique("页面老师");
        await CreateTeacherAsync(adminA, app.World.CommunityA.Id, name, "13811112222");
        var pages = await app.PagesAsAsync(World.AdminA);
        var html = await pages.Http.GetStringAsync("/hubs/pool");
        Assert.Contains(name, html, StringComparison.Ordinal);
        Assert.Contains("138****2222", html, StringComparison.Ordinal);
        Assert.DoesNotContain("13811112222", html, StringComparison.Ordinal);

        var response = await pages.PostFormAsync("/hubs/pool?handler=Teacher", new()
        {
            ["Teacher.UnitId"] = app.World.CommunityA.Id.ToString(), ["Teacher.Name"] = "", ["Teacher.Source"] = "Resident",
        }, "/hubs/pool");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("姓名：不能为空", System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }
}

public sealed class PoolOnSqlite(SqliteApp app) : PoolTests(app), IClassFixture<SqliteApp>;

public sealed class PoolOnPostgres(PostgresApp app) : PoolTests(app), IClassFixture<PostgresApp>;
