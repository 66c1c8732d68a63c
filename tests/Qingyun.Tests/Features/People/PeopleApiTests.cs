using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Qingyun.Domain.Audit;
using Qingyun.Tests.Infrastructure;

namespace Qingyun.Tests.Features.People;

public abstract class PeopleApiTests(QingyunApp app)
{
    private object NewPerson(string idNumber, string? phone = null, string name = "新青年") =>
        new { unitId = app.World.BranchA1.Id, name, idNumber, phone, politicalStatus = "LeagueMember", ethnicity = "汉族" };

    private Task<int> CountPeopleAsync() => app.AsSystemAsync((_, db) => db.People.IgnoreQueryFilters().CountAsync());

    [Fact]
    public async Task RegisteringAPerson_DerivesBirthDateAndGender_AndShowsOnlyMaskedNumbers()
    {
        var api = await app.ApiAsAsync(World.AdminA);
        var created = await api.PostJsonAsync("/api/v1/people", NewPerson("110105200108150027", "139 1234 5678"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var json = await created.ReadJsonAsync();
        Assert.Equal("2001-08-15", json.GetProperty("birthDate").GetString());
        Assert.Equal("Female", json.GetProperty("gender").GetString());
        Assert.Equal("110***********0027", json.GetProperty("idNumberMasked").GetString());
        Assert.Equal("139****5678", json.GetProperty("phoneMasked").GetString());
        Assert.DoesNotContain("110105200108150027", json.GetRawText());
    }

    [Fact]
    public async Task IdNumbersAreEncryptedAtRest()
    {
        var id = app.World.PersonA.Id;
        var raw = await app.AsSystemAsync(async (_, db) =>
        {
            var p = await db.People.AsNoTracking().SingleAsync(x => x.Id == id);
            return Encoding.UTF8.GetString(p.IdNumberCipher!) + p.IdNumberIndex + p.IdNumberMasked;
        });
        Assert.DoesNotContain(World.PersonAIdNumber, raw);
        Assert.DoesNotContain(World.PersonAIdNumber[6..14], raw);
    }

    [Theory]
    [InlineData("110105199003070018", "身份证号：校验码不正确（GB 11643）")]
    [InlineData("11010519900307001", "身份证号：应为 18 位")]
    [InlineData("110105199002300016", "身份证号：其中的出生日期无效")]
    [InlineData("11010519900307A017", "身份证号：前 17 位应为数字")]
    public async Task InvalidIdNumber_Gets400NamingTheRule_AndNothingIsWritten(string idNumber, string message)
    {
        var api = await app.ApiAsAsync(World.AdminA);
        var before = await CountPeopleAsync();
        var response = await api.PostJsonAsync("/api/v1/people", NewPerson(idNumber));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.ProblemTextAsync());
        Assert.Equal(before, await CountPeopleAsync());
    }

    [Fact]
    public async Task TheSameIdNumberTwice_IsOnePerson_EvenAcrossCommunities()
    {
        var api = await app.ApiAsAsync(World.AdminA);
        var response = await api.PostJsonAsync("/api/v1/people", NewPerson(World.PersonBIdNumber));
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var text = await response.ProblemTextAsync();
        Assert.Contains("身份证号：该身份证号已登记", text);
        Assert.DoesNotContain(app.World.CommunityB.Name, text);
    }

    [Fact]
    public async Task ADuplicatePhone_IsRefused()
    {
        var api = await app.ApiAsAsync(World.AdminA);
        var response = await api.PostJsonAsync("/api/v1/people", NewPerson("110105199512120019", World.PersonAPhone));
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("手机号：该手机号已被他人使用", await response.ProblemTextAsync());
    }

    [Fact]
    public async Task OverLongPersonName_NamesTheField()
    {
        var api = await app.ApiAsAsync(World.AdminA);
        var response = await api.PostJsonAsync("/api/v1/people", NewPerson("110105199512120035", name: new string('张', 51)));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("姓名：不能超过 50 个字符", await response.ProblemTextAsync());
    }

    [Fact]
    public async Task ChildrenUnder14_AreNotTakenIntoTheGeneralRegistry()
    {
        var api = await app.ApiAsAsync(World.AdminA);
        var response = await api.PostJsonAsync("/api/v1/people", NewPerson("110101202301010011"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("身份证号：不满 14 周岁的儿童只在帮扶个案中登记", await response.ProblemTextAsync());
    }

    [Fact]
    public async Task NobodyIsAddedToAClosedUnit()
    {
        var admin = await app.ApiAsAsync(World.AdminA);
        var unit = await (await admin.PostJsonAsync("/api/v1/units", new { parentId = app.World.CommunityA.Id, code = "PX-CLOSED", name = "将撤销", kind = "Community", bodyType = "Branch" })).ReadJsonAsync();
        var id = unit.GetProperty("id").GetGuid();
        await admin.PostAsync($"/api/v1/units/{id}/close", null);
        var response = await admin.PostJsonAsync("/api/v1/people", new { unitId = id, name = "迟到者", idNumber = "110105199512120019", politicalStatus = "Masses" });
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("所属组织：上级组织已撤销", await response.ProblemTextAsync());
    }

    [Fact]
    public async Task InvisibleCharactersInAName_AreRefused()
    {
        var api = await app.ApiAsAsync(World.AdminA);
        var response = await api.PostJsonAsync("/api/v1/people", NewPerson("110105199512120035", name: "正常\u0000名字"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("姓名：含有不可见的控制字符", await response.ProblemTextAsync());
    }

    [Fact]
    public async Task RevealingTheFullIdNumber_ReturnsIt_AndIsAudited()
    {
        var api = await app.ApiAsAsync(World.AdminA);
        var id = app.World.PersonA.Id;
        var countBefore = await app.AsSystemAsync((_, db) => db.AuditEntries.CountAsync(a => a.Action == AuditAction.Reveal && a.EntityId == id.ToString()));
        var response = await api.PostJsonAsync($"/api/v1/people/{id}/reveal", new { field = "IdNumber" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(World.PersonAIdNumber, (await response.ReadJsonAsync()).GetProperty("value").GetString());
        var entries = await app.AsSystemAsync((_, db) => db.AuditEntries.Where(a => a.Action == AuditAction.Reveal && a.EntityId == id.ToString()).ToListAsync());
        Assert.Equal(countBefore + 1, entries.Count);
        Assert.Contains(entries, e => e.UserName == World.AdminA && e.Field == "IdNumber" && e.UnitId == app.World.BranchA1.Id);
    }

    [Fact]
    public async Task ACadreMayReadButNotReveal()
    {
        var api = await app.ApiAsAsync(World.CadreA);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/v1/people/{app.World.PersonA.Id}")).StatusCode);
        var response = await api.PostJsonAsync($"/api/v1/people/{app.World.PersonA.Id}/reveal", new { field = "IdNumber" });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task ListingPeople_ShowsOnlyTheScope_WithKeysetPaging()
    {
        var api = await app.ApiAsAsync(World.DistrictAdmin);
        var all = await (await api.GetAsync($"/api/v1/people?unitId={app.World.Street.Id}")).ReadJsonAsync();
        var names = all.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Contains("甲青年", names);
        Assert.Contains(app.World.PersonB.Name, names);

        var adminA = await app.ApiAsAsync(World.AdminA);
        var mine = await (await adminA.GetAsync("/api/v1/people")).ReadJsonAsync();
        Assert.DoesNotContain(mine.GetProperty("items").EnumerateArray(), p => p.GetProperty("name").GetString() == app.World.PersonB.Name);
    }

    [Fact]
    public async Task EditingKeepsOnePersonAndRecordsTheChangeInTheAuditLog()
    {
        var api = await app.ApiAsAsync(World.AdminA);
        var created = await (await api.PostJsonAsync("/api/v1/people", NewPerson("110105199812120010", name: "改名前"))).ReadJsonAsync();
        var id = created.GetProperty("id").GetGuid();
        var edited = await api.PutJsonAsync($"/api/v1/people/{id}", NewPerson("110105199812120010", name: "改名后"));
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        var update = await app.AsSystemAsync((_, db) => db.AuditEntries.Where(a => a.EntityId == id.ToString() && a.Action == AuditAction.Update).ToListAsync());
        Assert.Contains(update, a => a.Changes!.Contains("改名前") && a.Changes.Contains("改名后") && a.UserName == World.AdminA);
        Assert.DoesNotContain(update, a => a.Changes!.Contains("110105199812120010"));
    }
}

public sealed class PeopleApiOnSqlite(SqliteApp app) : PeopleApiTests(app), IClassFixture<SqliteApp>;

public sealed class PeopleApiOnPostgres(PostgresApp app) : PeopleApiTests(app), IClassFixture<PostgresApp>;
