using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Qingyun.Domain.Audit;
using Qingyun.Domain.Building;
using Qingyun.Domain.Organization;
using Qingyun.Features.Building;
using Qingyun.Tests.Infrastructure;

namespace Qingyun.Tests.Features.Building;

public abstract class BuildingTests(QingyunApp app)
{
    private static readonly TimeZoneInfo China = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, China).DateTime);
    private static int ThisYear => Today.Year;
    private static string JanFirst => $"{ThisYear}-01-01";

    /// <summary>A checksum-valid credit code in the unassigned area 990106, distinct per number.</summary>
    private static string Code(int n)
    {
        var first17 = $"91990106MA{n:D7}";
        return first17 + CreditCode.CheckCharFor(first17);
    }

    private static object Org(Guid unitId, string code, string name = "青云科技有限公司", int staff = 50, int young = 30, string status = "NotBuilt",
        string? builtOn = null, int? members = null, string kind = "NonPublicEnterprise", string? phone = "13912345678", Guid? leagueUnitId = null) =>
        new { unitId, kind, name, creditCode = code, address = "青云路 8 号", contactName = "王经理", contactPhone = phone, staffCount = staff,
            youngStaffCount = young, hasPartyOrganization = true, status, builtOn, leagueUnitId, membersAdded = members };

    private Task<int> CountAsync() => app.AsSystemAsync((_, db) => db.NewOrganizations.IgnoreQueryFilters().CountAsync());

    private static async Task<Guid> IdOf(HttpResponseMessage created)
    {
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.ReadJsonAsync()).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task RegisteringAnOrganization_KeepsThePhoneEncrypted_AndStartsTheHistory()
    {
        var api = await app.ApiAsAsync(World.AdminA);
        var id = await IdOf(await api.PostJsonAsync("/api/v1/building/organizations", Org(app.World.CommunityA.Id, Code(1001), phone: "010-87654321")));
        var details = await (await api.GetAsync($"/api/v1/building/organizations/{id}")).ReadJsonAsync();
        var org = details.GetProperty("organization");
        Assert.Equal("010-****4321", org.GetProperty("contactPhoneMasked").GetString());
        Assert.DoesNotContain("87654321", details.GetRawText());
        Assert.Equal("Created", details.GetProperty("history")[0].GetProperty("kind").GetString());
        var stored = await app.AsSystemAsync((_, db) => db.NewOrganizations.SingleAsync(o => o.Id == id));
        Assert.NotNull(stored.ContactPhoneCipher);
        Assert.DoesNotContain("87654321", System.Text.Encoding.UTF8.GetString(stored.ContactPhoneCipher!));

        var revealed = await api.PostJsonAsync($"/api/v1/building/organizations/{id}/reveal-phone", new { });
        Assert.Equal("010-87654321", (await revealed.ReadJsonAsync()).GetProperty("contactPhone").GetString());
        Assert.True(await app.AsSystemAsync((_, db) => db.AuditEntries.AnyAsync(a => a.Action == AuditAction.Reveal && a.EntityId == id.ToString())));
    }

    [Fact]
    public async Task EveryBadInput_IsRefusedNamingTheFieldAndTheRule_AndNothingIsWritten()
    {
        var api = await app.ApiAsAsync(World.AdminA);
        var a = app.World.CommunityA.Id;
        var before = await CountAsync();
        var badCode = Code(1101)[..17] + (Code(1101)[17] == '0' ? '1' : '0');

        async Task Refused(object body, HttpStatusCode status, string message)
        {
            var r = await api.PostJsonAsync("/api/v1/building/organizations", body);
            Assert.Equal(status, r.StatusCode);
            Assert.Contains(message, await r.ProblemTextAsync());
        }
        await Refused(Org(a, badCode), HttpStatusCode.BadRequest, "统一社会信用代码：校验码不正确（GB 32100）");
        await Refused(Org(a, "9199010"), HttpStatusCode.BadRequest, "统一社会信用代码：应为 18 位");
        await Refused(Org(a, Code(1102), staff: 10, young: 11), HttpStatusCode.BadRequest, "青年职工人数：不能超过职工人数（10）");
        await Refused(Org(a, Code(1103), staff: -1, young: 0), HttpStatusCode.BadRequest, "职工人数：不能为负数");
        await Refused(Org(a, Code(1104), status: "Built"), HttpStatusCode.BadRequest, "建团日期：状态为“已建团”时必须填写");
        await Refused(Org(a, Code(1105), status: "Built", builtOn: Today.AddDays(2).ToString("yyyy-MM-dd")), HttpStatusCode.BadRequest, "建团日期：不能晚于今天");
        await Refused(Org(a, Code(1106), name: ""), HttpStatusCode.BadRequest, "组织名称：不能为空");
        await Refused(Org(a, Code(1107), phone: "12345"), HttpStatusCode.BadRequest, "联系电话：应为 11 位手机号码或带区号的固定电话");
        await Refused(Org(a, Code(1108), members: -2), HttpStatusCode.BadRequest, "新发展团员数：不能为负数");

        // Out of scope: a sibling community does not exist for admin-a; nor a League unit there.
        var outside = await api.PostJsonAsync("/api/v1/building/organizations", Org(app.World.CommunityB.Id, Code(1109)));
        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
        Assert.DoesNotContain(app.World.CommunityB.Name, await outside.Content.ReadAsStringAsync());
        await Refused(Org(a, Code(1110), status: "Built", builtOn: JanFirst, leagueUnitId: app.World.CommunityB.Id), HttpStatusCode.NotFound, "所建团组织：不存在或不在您的管辖范围内");
        Assert.Equal(before, await CountAsync());

        // One organization is registered once, even when the other record is out of sight.
        var adminB = await app.ApiAsAsync(World.AdminB);
        await IdOf(await adminB.PostJsonAsync("/api/v1/building/organizations", Org(app.World.CommunityB.Id, Code(1111), name: "乙方企业")));
        var duplicate = await api.PostJsonAsync("/api/v1/building/organizations", Org(a, Code(1111)));
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        var text = await duplicate.ProblemTextAsync();
        Assert.Contains("已登记，同一组织不能重复登记", text);
        Assert.DoesNotContain("乙方企业", text);
        Assert.Equal(before + 1, await CountAsync());
    }

    [Fact]
    public async Task AVisitorWhoOnlyReadsTheTree_CannotSeeOrWrite()
    {
        await app.AsSystemAsync(async (sp, db) =>
        {
            var users = sp.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Qingyun.Security.AppUser>>();
            var user = new Qingyun.Security.AppUser { UserName = "socialorg-a", DisplayName = "社会组织", HomeUnitId = app.World.CommunityA.Id, CreatedAt = DateTimeOffset.UtcNow };
            await users.CreateAsync(user, QingyunApp.Password);
            db.Grants.Add(new Qingyun.Domain.Access.Grant { UserId = user.Id, UnitId = app.World.CommunityA.Id, Role = Qingyun.Domain.Access.Role.SocialOrg, GrantedAt = DateTimeOffset.UtcNow });
            return await db.SaveChangesAsync();
        });
        var api = await app.ApiAsAsync("socialorg-a");
        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync("/api/v1/building/organizations")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.PostJsonAsync("/api/v1/building/organizations", Org(app.World.CommunityA.Id, Code(1201)))).StatusCode);
    }

    [Fact]
    public async Task EachStatusChange_IsKeptWithWhoAndWhen_AndOnlyInScope()
    {
        var api = await app.ApiAsAsync(World.AdminA);
        var id = await IdOf(await api.PostJsonAsync("/api/v1/building/organizations", Org(app.World.BranchA1.Id, Code(1301))));
        Assert.Equal(HttpStatusCode.OK, (await api.PutJsonAsync($"/api/v1/building/organizations/{id}/status", new { status = "Contacting" })).StatusCode);
        var noDate = await api.PutJsonAsync($"/api/v1/building/organizations/{id}/status", new { status = "Built" });
        Assert.Equal(HttpStatusCode.BadRequest, noDate.StatusCode);
        Assert.Contains("建团日期：状态为“已建团”时必须填写", await noDate.ProblemTextAsync());
        var built = await api.PutJsonAsync($"/api/v1/building/organizations/{id}/status", new { status = "Built", builtOn = JanFirst, membersAdded = 5, leagueUnitId = app.World.BranchA1.Id });
        Assert.Equal(HttpStatusCode.OK, built.StatusCode);

        var details = await (await api.GetAsync($"/api/v1/building/organizations/{id}")).ReadJsonAsync();
        var history = details.GetProperty("history").EnumerateArray().ToList();
        Assert.Contains(history, e => e.GetProperty("kind").GetString() == "StatusChanged" && e.GetProperty("before").GetString() == "NotBuilt" && e.GetProperty("after").GetString() == "Contacting");
        Assert.Contains(history, e => e.GetProperty("kind").GetString() == "StatusChanged" && e.GetProperty("before").GetString() == "Contacting" && e.GetProperty("after").GetString() == "Built"
            && e.GetProperty("byUserName").GetString() == World.AdminA);
        Assert.Contains(history, e => e.GetProperty("kind").GetString() == "MembersAdded" && e.GetProperty("membersDelta").GetInt32() == 5);
        Assert.Equal(app.World.BranchA1.Name, details.GetProperty("organization").GetProperty("leagueUnitName").GetString());

        // Back to 联系中: the date built goes, and with it the organization's count toward the year.
        await api.PutJsonAsync($"/api/v1/building/organizations/{id}/status", new { status = "Contacting" });
        var after = await (await api.GetAsync($"/api/v1/building/organizations/{id}")).ReadJsonAsync();
        Assert.Equal(JsonValueKind.Null, after.GetProperty("organization").GetProperty("builtOn").ValueKind);

        var adminB = await app.ApiAsAsync(World.AdminB);
        Assert.Equal(HttpStatusCode.NotFound, (await adminB.PutJsonAsync($"/api/v1/building/organizations/{id}/status", new { status = "NotBuilt" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await adminB.GetAsync($"/api/v1/building/organizations/{id}")).StatusCode);
    }

    /// <summary>A street of its own under the district, so other tests' organizations do not count here.</summary>
    private Task<(OrgUnit Street, OrgUnit C1, OrgUnit C2)> NewStreetAsync(string code) => app.AsSystemAsync(async (_, db) =>
    {
        OrgUnit Unit(OrgUnit parent, string c, string name, UnitKind kind)
        {
            var id = Guid.CreateVersion7();
            var u = new OrgUnit
            {
                Id = id, ParentId = parent.Id, Code = c, Name = name, Kind = kind, BodyType = LeagueBodyType.CommunityCommittee,
                Path = OrgUnit.PathFor(parent, id), Depth = parent.Depth + 1, RootId = parent.RootId, SortOrder = 1, CreatedAt = DateTimeOffset.UtcNow,
            };
            db.OrgUnits.Add(u);
            return u;
        }
        var street = Unit(app.World.District, code, code + "街道团工委", UnitKind.Street);
        var c1 = Unit(street, code + "-1", code + "一社区", UnitKind.Community);
        var c2 = Unit(street, code + "-2", code + "二社区", UnitKind.Community);
        await db.SaveChangesAsync();
        return (street, c1, c2);
    });

    private const string Built = "building.built", Members = "building.members";

    /// <summary>Building targets are the figures' targets (decision 014): one PUT for the page unit and its child units.</summary>
    private static Task<HttpResponseMessage> SetTargetsAsync(HttpClient http, Guid unitId, params (Guid UnitId, string Code, decimal? Value)[] lines) =>
        http.PutJsonAsync("/api/v1/figures/targets", new { unitId, year = ThisYear, lines = lines.Select(l => new { l.UnitId, l.Code, l.Value }) });

    private Task<List<Domain.Indicators.IndicatorTarget>> TargetsOfAsync(params Guid[] units) =>
        app.AsSystemAsync((_, db) => db.IndicatorTargets.IgnoreQueryFilters().Where(t => t.Year == ThisYear && units.Contains(t.UnitId)).ToListAsync());

    [Fact]
    public async Task TargetsAreSetFromAbove_AndProgressCountsTheSubtreeInTheYear()
    {
        var (street, c1, c2) = await NewStreetAsync("PG");
        var district = await app.ApiAsAsync(World.DistrictAdmin);

        var set = await SetTargetsAsync(district, street.Id, (street.Id, Built, 12), (street.Id, Members, 66), (c1.Id, Built, 2), (c1.Id, Members, 10));
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var negative = await SetTargetsAsync(district, street.Id, (c2.Id, Built, -1), (c2.Id, Members, 10));
        Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);
        Assert.Contains("目标值：应在 0 到", await negative.ProblemTextAsync());
        Assert.Empty(await TargetsOfAsync(c2.Id));
        var stored = await TargetsOfAsync(street.Id);
        Assert.Equal(2, stored.Count);
        Assert.All(stored, t => Assert.True(t.SetBy == World.DistrictAdmin && t.SetByUnitId == app.World.District.Id, $"{t.Code} set by {t.SetBy} from {t.SetByUnitId}"));

        // Built this year in c1 (4 members), built this year in c2 then 2 more members, built last year in c2 (7 members), one still in contact.
        await IdOf(await district.PostJsonAsync("/api/v1/building/organizations", Org(c1.Id, Code(1401), status: "Built", builtOn: JanFirst, members: 4)));
        var second = await IdOf(await district.PostJsonAsync("/api/v1/building/organizations", Org(c2.Id, Code(1402), status: "Built", builtOn: JanFirst, members: 1)));
        await district.PutJsonAsync($"/api/v1/building/organizations/{second}/status", new { status = "Built", builtOn = JanFirst, membersAdded = 3 });
        await IdOf(await district.PostJsonAsync("/api/v1/building/organizations", Org(c2.Id, Code(1403), status: "Built", builtOn: $"{ThisYear - 1}-06-01", members: 7)));
        await IdOf(await district.PostJsonAsync("/api/v1/building/organizations", Org(street.Id, Code(1404), status: "Contacting", kind: "SocialOrganization")));

        var progress = await (await district.GetAsync($"/api/v1/building/progress?unitId={street.Id}&year={ThisYear}")).ReadJsonAsync();
        var total = progress.GetProperty("total");
        Assert.Equal(2, total.GetProperty("organizations").GetInt32());
        Assert.Equal(7, total.GetProperty("members").GetInt32());
        Assert.Equal(12, total.GetProperty("targetOrganizations").GetInt32());
        Assert.Equal(66, total.GetProperty("targetMembers").GetInt32());
        Assert.Equal(17, total.GetProperty("organizationsPercent").GetInt32());
        Assert.Equal(11, total.GetProperty("membersPercent").GetInt32());
        Assert.True(total.GetProperty("canSetTarget").GetBoolean());
        var children = progress.GetProperty("children").EnumerateArray().ToDictionary(c => c.GetProperty("unitId").GetGuid());
        Assert.Equal(1, children[c1.Id].GetProperty("organizations").GetInt32());
        Assert.Equal(4, children[c1.Id].GetProperty("members").GetInt32());
        Assert.Equal(40, children[c1.Id].GetProperty("membersPercent").GetInt32());
        Assert.Equal(1, children[c2.Id].GetProperty("organizations").GetInt32());
        Assert.Equal(3, children[c2.Id].GetProperty("members").GetInt32());
        Assert.Equal(JsonValueKind.Null, children[c2.Id].GetProperty("targetOrganizations").ValueKind);
        var counts = progress.GetProperty("statusCounts");
        Assert.Equal(3, counts.GetProperty("Built").GetInt32());
        Assert.Equal(1, counts.GetProperty("Contacting").GetInt32());

        var lastYear = await (await district.GetAsync($"/api/v1/building/progress?unitId={street.Id}&year={ThisYear - 1}")).ReadJsonAsync();
        Assert.Equal(1, lastYear.GetProperty("total").GetProperty("organizations").GetInt32());
        Assert.Equal(7, lastYear.GetProperty("total").GetProperty("members").GetInt32());

        // A target set from above cannot be changed by the unit's own admins; a foreign unit does not exist for them.
        var communityA = app.World.CommunityA.Id;
        Assert.Equal(HttpStatusCode.OK, (await SetTargetsAsync(district, app.World.Street.Id, (communityA, Built, 3))).StatusCode);
        var adminA = await app.ApiAsAsync(World.AdminA);
        var own = await SetTargetsAsync(adminA, communityA, (communityA, Built, 1));
        Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);
        Assert.Contains("年度目标由上级组织设定", await own.ProblemTextAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await SetTargetsAsync(adminA, street.Id, (street.Id, Built, 1))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await adminA.GetAsync($"/api/v1/building/progress?unitId={street.Id}")).StatusCode);
        Assert.Equal(3, (await TargetsOfAsync(communityA)).Single(t => t.Code == Built).Value);
        Assert.Equal(HttpStatusCode.OK, (await SetTargetsAsync(district, app.World.Street.Id, (communityA, Built, null))).StatusCode);

        // A closed unit gets no new target.
        await app.AsSystemAsync(async (_, db) =>
        {
            await db.OrgUnits.Where(u => u.Id == c2.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.ClosedAt, DateTimeOffset.UtcNow));
            return 0;
        });
        var closed = await SetTargetsAsync(district, street.Id, (c2.Id, Built, 1));
        Assert.Equal(HttpStatusCode.Conflict, closed.StatusCode);
        Assert.Contains("该组织已撤销", await closed.ProblemTextAsync());

        // The overview page shows the same numbers.
        var pages = await app.PagesAsAsync(World.DistrictAdmin);
        var html = WebUtility.HtmlDecode(await pages.Http.GetStringAsync($"/building?unitId={street.Id}&year={ThisYear}"));
        Assert.Contains("<strong>2</strong> / 12 · 17%", html);
        Assert.Contains("<strong>7</strong> / 66 · 11%", html);
        Assert.Contains(c1.Name, html);
    }

    [Fact]
    public async Task TheProgressAndTheDashboard_ShowTheSameNumbers()
    {
        var (street, c1, c2) = await NewStreetAsync("AG");
        var district = await app.ApiAsAsync(World.DistrictAdmin);
        Assert.Equal(HttpStatusCode.OK, (await SetTargetsAsync(district, street.Id, (street.Id, Built, 5), (c2.Id, Members, 9))).StatusCode);
        // Held by the street itself, by each community, last year's, a later change of members, and one not built.
        await IdOf(await district.PostJsonAsync("/api/v1/building/organizations", Org(street.Id, Code(1901), status: "Built", builtOn: JanFirst, members: 2)));
        await IdOf(await district.PostJsonAsync("/api/v1/building/organizations", Org(c1.Id, Code(1902), status: "Built", builtOn: JanFirst, members: 5)));
        var later = await IdOf(await district.PostJsonAsync("/api/v1/building/organizations", Org(c2.Id, Code(1903), status: "Built", builtOn: $"{ThisYear - 1}-03-01", members: 6)));
        await district.PutJsonAsync($"/api/v1/building/organizations/{later}/status", new { status = "Built", builtOn = $"{ThisYear - 1}-03-01", membersAdded = 10 });
        await IdOf(await district.PostJsonAsync("/api/v1/building/organizations", Org(c2.Id, Code(1904), status: "Contacting", members: 1)));

        foreach (var year in new[] { ThisYear, ThisYear - 1 })
        {
            var progress = await (await district.GetAsync($"/api/v1/building/progress?unitId={street.Id}&year={year}")).ReadJsonAsync();
            var figures = await (await district.GetAsync($"/api/v1/figures?unitId={street.Id}&year={year}")).ReadJsonAsync();
            var line = figures.GetProperty("figures").EnumerateArray().ToDictionary(f => f.GetProperty("code").GetString()!);
            var total = progress.GetProperty("total");
            foreach (var (code, done, target) in new[] { (Built, "organizations", "targetOrganizations"), (Members, "members", "targetMembers") })
            {
                Assert.Equal(line[code].GetProperty("value").GetDecimal(), total.GetProperty(done).GetDecimal());
                static decimal? Number(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : e.GetDecimal();
                Assert.Equal(Number(line[code].GetProperty("target")), Number(total.GetProperty(target)));
                var byChild = figures.GetProperty("children").EnumerateArray().ToDictionary(c => c.GetProperty("id").GetGuid(), c => c.GetProperty("values").GetProperty(code).GetDecimal());
                foreach (var child in progress.GetProperty("children").EnumerateArray().Where(c => !c.GetProperty("direct").GetBoolean()))
                {
                    Assert.Equal(byChild[child.GetProperty("unitId").GetGuid()], child.GetProperty(done).GetDecimal());
                }
            }
        }
        var now = await (await district.GetAsync($"/api/v1/building/progress?unitId={street.Id}&year={ThisYear}")).ReadJsonAsync();
        Assert.Equal(2, now.GetProperty("total").GetProperty("organizations").GetInt32());
        Assert.Equal(2 + 5 + 4 + 1, now.GetProperty("total").GetProperty("members").GetInt32());
        Assert.Contains(now.GetProperty("children").EnumerateArray(), c => c.GetProperty("direct").GetBoolean() && c.GetProperty("organizations").GetInt32() == 1);
    }

    [Fact]
    public async Task TheBuildingPage_LinksToTheFiguresTargets_WhereTheCallerMaySetThem()
    {
        var (street, c1, c2) = await NewStreetAsync("TP");
        var pages = await app.PagesAsAsync(World.DistrictAdmin);
        var overview = await pages.Http.GetStringAsync($"/building?unitId={street.Id}&year={ThisYear}");
        var link = $"/figures/targets?unit={street.Id}&year={ThisYear}&code={Built}";
        Assert.Contains($"href=\"{link.Replace("&", "&amp;", StringComparison.Ordinal)}\"", overview);
        Assert.Contains($"code={Members}", overview);

        // The figures' targets page sets the street's and its communities' targets at once.
        var response = await pages.PostFormAsync(link, new()
        {
            ["Lines[0].UnitId"] = street.Id.ToString(), ["Lines[0].Value"] = "12",
            ["Lines[1].UnitId"] = c1.Id.ToString(), ["Lines[1].Value"] = "5",
            ["Lines[2].UnitId"] = c2.Id.ToString(), ["Lines[2].Value"] = "",
        }, tokenFrom: link);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var targets = await TargetsOfAsync(street.Id, c1.Id, c2.Id);
        Assert.Equal(2, targets.Count);
        Assert.Contains(targets, t => t.UnitId == street.Id && t.Code == Built && t.Value == 12 && t.SetBy == World.DistrictAdmin);
        var html = WebUtility.HtmlDecode(await pages.Http.GetStringAsync($"/building?unitId={street.Id}&year={ThisYear}"));
        Assert.Contains("<strong>0</strong> / 12 · 0%", html);
        Assert.Contains("<strong>0</strong> / 5 · 0%", html);

        // Community A's admins set their branches' targets: the link is there; a cadre, who reads figures only, has none.
        var adminA = await app.PagesAsAsync(World.AdminA);
        Assert.Contains("id=\"set-targets\"", await adminA.Http.GetStringAsync($"/building?unitId={app.World.CommunityA.Id}&year={ThisYear}"));
        var cadre = await app.PagesAsAsync(World.CadreA);
        var cadreHtml = await cadre.Http.GetStringAsync($"/building?unitId={app.World.CommunityA.Id}&year={ThisYear}");
        Assert.DoesNotContain("set-targets", cadreHtml);
        Assert.DoesNotContain("target-organizations", cadreHtml);
        Assert.Equal(HttpStatusCode.NotFound, (await pages.Http.GetAsync($"/building/targets?unitId={street.Id}&year={ThisYear}")).StatusCode);
    }

    private static MultipartFormDataContent Workbook(IEnumerable<Dictionary<string, object>> rows)
    {
        var ms = new MemoryStream();
        ms.SaveAs(rows);
        var file = new ByteArrayContent(ms.ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        return new MultipartFormDataContent { { file, "file", "organizations.xlsx" } };
    }

    private static Dictionary<string, object> Row(string name, string code, string unit, string status = "未建", string builtOn = "", object? staff = null, object? young = null,
        string kind = "非公企业", string phone = "13812345678", object? members = null, string party = "是") => new()
    {
        [ImportOrganizations.NameHeader] = name, [ImportOrganizations.KindHeader] = kind, [ImportOrganizations.CreditCodeHeader] = code,
        [ImportOrganizations.UnitCodeHeader] = unit, [ImportOrganizations.AddressHeader] = "青云路", [ImportOrganizations.ContactNameHeader] = "李经理",
        [ImportOrganizations.ContactPhoneHeader] = phone, [ImportOrganizations.StaffHeader] = staff ?? 40, [ImportOrganizations.YoungStaffHeader] = young ?? 20,
        [ImportOrganizations.PartyHeader] = party, [ImportOrganizations.StatusHeader] = status, [ImportOrganizations.BuiltOnHeader] = builtOn,
        [ImportOrganizations.LeagueUnitCodeHeader] = "", [ImportOrganizations.MembersHeader] = members ?? 0,
    };

    [Fact]
    public async Task AnImportWithBadRows_WritesNothing_AndReportsEachRowColumnAndRule()
    {
        var pages = await app.PagesAsAsync(World.AdminA);
        var a = app.World.CommunityA.Code;
        var adminA = await app.ApiAsAsync(World.AdminA);
        await IdOf(await adminA.PostJsonAsync("/api/v1/building/organizations", Org(app.World.CommunityA.Id, Code(1501))));
        var before = await CountAsync();
        var badCode = Code(1502)[..17] + (Code(1502)[17] == '0' ? '1' : '0');
        var response = await pages.ImportAsync("/building/import", Workbook(
        [
            Row("好的一行", Code(1503), a),
            Row("校验码错", badCode, a),
            Row("代码重复", Code(1503), a),
            Row("已登记过", Code(1501), a),
            Row("组织不存在", Code(1504), "NO-SUCH"),
            Row("越权组织", Code(1505), app.World.CommunityB.Code),
            Row("青年超员", Code(1506), a, staff: 10, young: 12),
            Row("状态不对", Code(1507), a, status: "已建"),
            Row("没有日期", Code(1508), a, status: "已建团"),
            Row("日期不对", Code(1509), a, status: "已建团", builtOn: "去年"),
            Row("人数为负", Code(1510), a, members: -3),
            Row("类型不对", Code(1511), a, kind: "国企"),
            Row("人数不是数", Code(1512), a, staff: "很多"),
        ]));
        Assert.True((int)response.StatusCode is >= 400 and < 500, $"status {(int)response.StatusCode}");
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("未导入任何数据", html);
        Assert.Contains("统一社会信用代码：校验码不正确（GB 32100）", html);
        Assert.Contains($"统一社会信用代码：“{Code(1503)}”在文件中重复（第 2 行已使用）", html);
        Assert.Contains($"统一社会信用代码：统一社会信用代码“{Code(1501)}”已登记", html);
        Assert.Contains("所在组织代码：找不到组织代码“NO-SUCH”", html);
        Assert.Contains($"所在组织代码：找不到组织代码“{app.World.CommunityB.Code}”", html);
        Assert.Contains("青年职工人数：不能超过职工人数（10）", html);
        Assert.Contains("建团状态：“已建”不是模板中的可选值", html);
        Assert.Contains("建团日期：状态为“已建团”时必须填写", html);
        Assert.Contains("建团日期：日期格式应为 2019-05-04", html);
        Assert.Contains("新发展团员数：不能为负数", html);
        Assert.Contains("组织类型：“国企”不是模板中的可选值", html);
        Assert.Contains("职工人数：应为整数", html);
        Assert.DoesNotContain(app.World.CommunityB.Name, html);
        Assert.Equal(before, await CountAsync());

        // The report is the upload again, bad cells red and a 问题 column, with the list of problems on a second sheet.
        var link = ImportPolling.ReportLink(await response.Content.ReadAsStringAsync());
        Assert.StartsWith("/building/import?handler=Report&id=", link, StringComparison.Ordinal);
        var report = await pages.Http.GetByteArrayAsync(link);
        var lines = new MemoryStream(report).Query(useHeaderRow: true, sheetName: "问题清单").Cast<IDictionary<string, object>>().ToList();
        Assert.Contains(lines, l => Convert.ToInt32(l["行号"], System.Globalization.CultureInfo.InvariantCulture) == 3 && (string)l["列"] == ImportOrganizations.CreditCodeHeader);
        Assert.Contains(lines, l => Convert.ToInt32(l["行号"], System.Globalization.CultureInfo.InvariantCulture) == 8 && (string)l["列"] == ImportOrganizations.YoungStaffHeader);
        var sheet = new MemoryStream(report).Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal([.. ImportOrganizations.Headers, "问题"], sheet[0].Keys.ToArray());
        Assert.Equal("校验码错", sheet[1][ImportOrganizations.NameHeader]);
        Assert.Equal("去年", sheet[9][ImportOrganizations.BuiltOnHeader]);
        Assert.Contains("青年职工人数：不能超过职工人数（10）", (string)sheet[6]["问题"]);
        Assert.Equal("FFFFC7CE", XlsxProbe.FillOf(report, "C3"));
        Assert.Equal("FFFFC7CE", XlsxProbe.FillOf(report, "D6"));
        Assert.Equal("FFFFC7CE", XlsxProbe.FillOf(report, "I8"));
        Assert.Equal("FFFFC7CE", XlsxProbe.FillOf(report, "L11"));
        Assert.Null(XlsxProbe.FillOf(report, "A3"));
        Assert.Null(XlsxProbe.FillOf(report, "C2"));

        // Only the user who ran the import can fetch it.
        var other = await app.PagesAsAsync(World.DistrictAdmin);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync(link)).StatusCode);
    }

    [Fact]
    public async Task NotExcelOrEmpty_IsRefusedWithAMessage_AndNothingIsWritten()
    {
        var pages = await app.PagesAsAsync(World.AdminA);
        var before = await CountAsync();
        var junk = await pages.ImportAsync("/building/import", new MultipartFormDataContent { { new StringContent("组织名称\n青云科技"), "file", "organizations.xlsx" } });
        Assert.Equal(HttpStatusCode.BadRequest, junk.StatusCode);
        Assert.Contains("文件：不是有效的 Excel（.xlsx）文件", WebUtility.HtmlDecode(await junk.Content.ReadAsStringAsync()));
        var empty = await pages.ImportAsync("/building/import", Workbook([Row("", "", "", status: "", kind: "", phone: "", party: "")]));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("文件：文件中没有数据行", WebUtility.HtmlDecode(await empty.Content.ReadAsStringAsync()));
        var noBytes = await pages.ImportAsync("/building/import", new MultipartFormDataContent { { new ByteArrayContent([]), "file", "organizations.xlsx" } });
        Assert.Equal(HttpStatusCode.BadRequest, noBytes.StatusCode);
        Assert.Contains("文件：不能为空", WebUtility.HtmlDecode(await noBytes.Content.ReadAsStringAsync()));
        var wrongHeaders = await pages.ImportAsync("/building/import", Workbook([new Dictionary<string, object> { ["name"] = "x" }]));
        Assert.Contains("文件：缺少列：组织名称、组织类型、统一社会信用代码、所在组织代码、职工人数、青年职工人数、建团状态", WebUtility.HtmlDecode(await wrongHeaders.Content.ReadAsStringAsync()));
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task TheApiImport_Answers202_ThenTheOutcome_AndTheReportGoesOnlyToItsOwner()
    {
        var api = await app.ApiAsAsync(World.AdminA);
        var a = app.World.CommunityA.Code;
        var before = await CountAsync();
        var badCode = Code(1802)[..17] + (Code(1802)[17] == '0' ? '1' : '0');

        var (badUrl, bad) = await api.ImportAsync("/api/v1/building/organizations/imports", Workbook([Row("接口企业", Code(1801), a), Row("校验码错", badCode, a)]));
        Assert.False(bad.GetProperty("ok").GetBoolean());
        Assert.Equal("Done", bad.GetProperty("phase").GetString());
        var failure = Assert.Single(bad.GetProperty("failures").EnumerateArray());
        Assert.Equal(3, failure.GetProperty("row").GetInt32());
        Assert.Equal(ImportOrganizations.CreditCodeHeader, failure.GetProperty("column").GetString());
        Assert.StartsWith("统一社会信用代码：校验码不正确", failure.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync());
        var reportUrl = bad.GetProperty("report").GetString()!;
        Assert.Equal(badUrl + "/report", reportUrl);
        var report = await api.GetByteArrayAsync(reportUrl);
        Assert.Equal("FFFFC7CE", XlsxProbe.FillOf(report, "C3"));

        // Another user's client can follow neither the job nor its report.
        var other = await app.ApiAsAsync(World.DistrictAdmin);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(badUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(reportUrl)).StatusCode);

        var (_, good) = await api.ImportAsync("/api/v1/building/organizations/imports", Workbook([Row("接口企业", Code(1801), a)]));
        Assert.True(good.GetProperty("ok").GetBoolean());
        Assert.Equal(1, good.GetProperty("created").GetInt32());
        Assert.Equal(JsonValueKind.Null, good.GetProperty("report").ValueKind);
        Assert.Equal(before + 1, await CountAsync());
        Assert.True(await app.AsSystemAsync((_, db) => db.NewOrganizations.AnyAsync(o => o.CreditCode == Code(1801))));
    }

    [Fact]
    public async Task AGoodFile_IsImportedWhole_AndTheExportIsSafeToOpen()
    {
        var pages = await app.PagesAsAsync(World.AdminA);
        var template = await pages.Http.GetAsync("/building/import?handler=Template");
        Assert.Equal(HttpStatusCode.OK, template.StatusCode);
        var headers = MiniExcel.GetColumns(new MemoryStream(await template.Content.ReadAsByteArrayAsync()), useHeaderRow: true).Select(c => c.ToString()).ToList();
        Assert.Contains(ImportOrganizations.CreditCodeHeader, headers);

        var a1 = app.World.BranchA1.Code;
        var response = await pages.ImportAsync("/building/import", Workbook(
        [
            Row("=HYPERLINK(\"http://x\")", Code(1601), a1, status: "已建团", builtOn: JanFirst, members: 6),
            Row("青禾社工服务中心", Code(1602), app.World.CommunityA.Code, kind: "社会组织", status: "联系中", phone: "0571-87654321", party: "否"),
        ]));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("导入成功，共 2 个两新组织", await response.Content.ReadAsStringAsync());
        var imported = await app.AsSystemAsync((_, db) => db.NewOrganizations.SingleAsync(o => o.CreditCode == Code(1601)));
        Assert.Equal(BuildingStatus.Built, imported.Status);
        Assert.Equal(6, imported.MembersAdded);
        Assert.True(await app.AsSystemAsync((_, db) => db.AuditEntries.AnyAsync(e => e.Action == AuditAction.Import && e.EntityType == nameof(NewOrganization))));

        var export = await pages.Http.GetByteArrayAsync($"/building?handler=Export&UnitId={app.World.CommunityA.Id}&Name={Code(1601)}");
        var rows = new MemoryStream(export).Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Single(rows);
        Assert.Equal("'=HYPERLINK(\"http://x\")", rows[0][ImportOrganizations.NameHeader]);
        Assert.Equal("已建团", rows[0][ImportOrganizations.StatusHeader]);
        Assert.Equal("138****5678", rows[0][ImportOrganizations.ContactPhoneHeader]);

        var socials = await pages.Http.GetByteArrayAsync($"/building?handler=Export&UnitId={app.World.CommunityA.Id}&Kind=SocialOrganization&HasPartyOrganization=false");
        var social = new MemoryStream(socials).Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Contains(social, r => (string)r[ImportOrganizations.NameHeader] == "青禾社工服务中心" && (string)r[ImportOrganizations.ContactPhoneHeader] == "0571-****4321");
        Assert.All(social, r => Assert.Equal("社会组织", r[ImportOrganizations.KindHeader]));
        Assert.True(await app.AsSystemAsync((_, db) => db.AuditEntries.AnyAsync(e => e.Action == AuditAction.Export && e.EntityType == nameof(NewOrganization))));
    }

    [Fact]
    public async Task ThePages_CreateEditAndListAnOrganization()
    {
        var pages = await app.PagesAsAsync(World.AdminA);
        var form = new Dictionary<string, string?>
        {
            ["Input.UnitId"] = app.World.CommunityA.Id.ToString(), ["Input.Kind"] = "NonPublicEnterprise", ["Input.Name"] = "页面企业",
            ["Input.CreditCode"] = Code(1701), ["Input.StaffCount"] = "30", ["Input.YoungStaffCount"] = "40", ["Input.Status"] = "NotBuilt",
        };
        var refused = await pages.PostFormAsync("/building/create", form);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("青年职工人数：不能超过职工人数（30）", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));

        form["Input.YoungStaffCount"] = "20";
        form["Input.ContactPhone"] = "13700001111";
        var created = await pages.PostFormAsync("/building/create", form);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var url = created.Headers.Location!.ToString();

        form["Input.Status"] = "Built";
        form["Input.BuiltOn"] = JanFirst;
        form["Input.MembersAdded"] = "3";
        form["Input.ContactPhone"] = "";
        Assert.Equal(HttpStatusCode.Redirect, (await pages.PostFormAsync(url, form)).StatusCode);
        var html = WebUtility.HtmlDecode(await pages.Http.GetStringAsync(url));
        Assert.Contains("已建团", html);
        Assert.Contains("137****1111", html);
        Assert.Contains("未建 →", html);

        var list = WebUtility.HtmlDecode(await pages.Http.GetStringAsync("/building?Status=Built&Name=页面"));
        Assert.Contains("页面企业", list);
        var foreign = await app.PagesAsAsync(World.AdminB);
        Assert.Equal(HttpStatusCode.NotFound, (await foreign.Http.GetAsync(url)).StatusCode);
    }
}

public sealed class BuildingOnSqlite(SqliteApp app) : BuildingTests(app), IClassFixture<SqliteApp>;

public sealed class BuildingOnPostgres(PostgresApp app) : BuildingTests(app), IClassFixture<PostgresApp>;
