using System.Net;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Qingyun.Domain.Audit;
using Qingyun.Domain.Notices;
using Qingyun.Domain.SocialOrgs;
using Qingyun.Tests.Infrastructure;
using static Qingyun.Tests.Features.SocialOrgs.RegistryKit;

namespace Qingyun.Tests.Features.SocialOrgs;

public abstract class RegistryTests(QingyunApp app)
{
    private Task<int> OrgCountAsync() => app.AsSystemAsync((_, db) => db.SocialOrganizations.IgnoreQueryFilters().CountAsync());

    private Task<int> UserCountAsync() => app.AsSystemAsync((_, db) => db.Users.CountAsync());

    [Fact]
    public async Task AnOrganizationRegistersItself_IsPendingUntilTheUnitApproves_AndSeesTheResultOnItsPage()
    {
        var (org, response) = await RegisterAsync(app, RegisterForm(app.World.CommunityA.Code, "org-dawn"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/org", response.Headers.Location!.ToString());

        var stored = await app.AsSystemAsync((_, db) => db.SocialOrganizations.SingleAsync(o => o.Name == "晨光青年读书会"));
        Assert.Equal(OrgReviewStatus.Pending, stored.ReviewStatus);
        Assert.Equal(OrgSource.SelfRegistered, stored.Source);
        Assert.Equal(app.World.CommunityA.Id, stored.UnitId);
        Assert.Equal("137****5678", stored.ContactPhoneMasked);
        var userId = await UserIdAsync(app, "org-dawn");
        Assert.Equal(userId, stored.AccountUserId);
        var account = await app.AsSystemAsync((_, db) => db.Users.SingleAsync(u => u.Id == userId));
        Assert.Equal(app.World.CommunityA.Id, account.HomeUnitId);
        Assert.Equal("晨光青年读书会", account.DisplayName);
        Assert.False(await app.AsSystemAsync((_, db) => db.Grants.AnyAsync(g => g.UserId == userId)));
        Assert.True(await app.AsSystemAsync((_, db) => db.Notices.AnyAsync(n => n.UnitId == app.World.CommunityA.Id
            && n.Kind == NoticeKind.SocialOrgRegistered && n.Link == $"/social-orgs/{stored.Id}")));

        var own = await org.Http.GetStringAsync("/org");
        Assert.Contains("id=\"pending\"", own);
        Assert.Contains("待审核", own);

        // The unit's admin sees it first in the list, and approves it from its page.
        var admin = await app.PagesAsAsync(World.AdminA);
        var list = await admin.Http.GetStringAsync("/social-orgs");
        Assert.Contains("晨光青年读书会", list);
        var detail = await admin.Http.GetStringAsync($"/social-orgs/{stored.Id}");
        Assert.Contains("id=\"approve-org\"", detail);
        var approved = await admin.PostFormAsync($"/social-orgs/{stored.Id}?handler=Review", new() { ["approve"] = "true" }, $"/social-orgs/{stored.Id}");
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);

        own = await org.Http.GetStringAsync("/org");
        Assert.Contains("id=\"approved\"", own);
        var me = await (await app.ApiAsAsync("org-dawn")).GetAsync("/api/v1/me/social-org");
        Assert.Equal("Approved", (await me.ReadJsonAsync()).GetProperty("organization").GetProperty("reviewStatus").GetString());
    }

    [Fact]
    public async Task ARejectionCarriesItsReason_AndTheOrganizationCorrectsAndResubmits()
    {
        var (org, _) = await RegisterAsync(app, RegisterForm(app.World.CommunityA.Code, "org-river", name: "清河青年环保社"));
        var id = await app.AsSystemAsync((_, db) => db.SocialOrganizations.Where(o => o.Name == "清河青年环保社").Select(o => o.Id).SingleAsync());
        var admin = await app.ApiAsAsync(World.AdminA);

        var noReason = await admin.PostJsonAsync($"/api/v1/social-orgs/{id}/review", new { approve = false, reason = "" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("退回原因：请写明原因，至少 4 个字", await noReason.ProblemTextAsync());
        Assert.Equal(OrgReviewStatus.Pending, await app.AsSystemAsync((_, db) => db.SocialOrganizations.Where(o => o.Id == id).Select(o => o.ReviewStatus).SingleAsync()));

        var rejected = await admin.PostJsonAsync($"/api/v1/social-orgs/{id}/review", new { approve = false, reason = "请补充成员名单和活动照片" });
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        var twice = await admin.PostJsonAsync($"/api/v1/social-orgs/{id}/review", new { approve = true });
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Contains("该组织不是待审核状态", await twice.ProblemTextAsync());

        var own = await org.Http.GetStringAsync("/org");
        Assert.Contains("请补充成员名单和活动照片", own);
        Assert.Contains("id=\"rejection\"", own);

        // The organization corrects its record on its page: saving resubmits it.
        var form = RegisterForm(app.World.CommunityA.Code, "org-river", name: "清河青年环保社", members: "32", young: "28", phone: "");
        var resubmit = await org.PostFormAsync("/org", form.Where(kv => kv.Key.StartsWith("Input.", StringComparison.Ordinal)).ToDictionary(kv => kv.Key, kv => kv.Value));
        Assert.Equal(HttpStatusCode.Redirect, resubmit.StatusCode);
        var stored = await app.AsSystemAsync((_, db) => db.SocialOrganizations.SingleAsync(o => o.Id == id));
        Assert.Equal(OrgReviewStatus.Pending, stored.ReviewStatus);
        Assert.Equal(32, stored.MemberCount);
        Assert.Equal("137****5678", stored.ContactPhoneMasked);
        Assert.Equal(2, await app.AsSystemAsync((_, db) => db.Notices.CountAsync(n => n.Link == $"/social-orgs/{id}")));

        Assert.Equal(HttpStatusCode.OK, (await admin.PostJsonAsync($"/api/v1/social-orgs/{id}/review", new { approve = true })).StatusCode);

        // Approved: contact and counts stay approved; a new name goes back to review.
        var api = await app.ApiAsAsync("org-river");
        var body = new { name = "清河青年环保社", legalStatus = "Informal", field = "Culture", contactName = "周晨", memberCount = 35, youngMemberCount = 30 };
        Assert.Equal(HttpStatusCode.OK, (await api.PutJsonAsync("/api/v1/me/social-org", body)).StatusCode);
        Assert.Equal(OrgReviewStatus.Approved, await app.AsSystemAsync((_, db) => db.SocialOrganizations.Where(o => o.Id == id).Select(o => o.ReviewStatus).SingleAsync()));
        var renamed = await api.PutJsonAsync("/api/v1/me/social-org", body with { name = "清河青年生态社" });
        Assert.Equal("Pending", (await renamed.ReadJsonAsync()).GetProperty("reviewStatus").GetString());
    }

    [Fact]
    public async Task AnUnknownUnitCode_IsRefusedClearly_AndNoAccountIsMade()
    {
        var (users, orgs) = (await UserCountAsync(), await OrgCountAsync());
        var page = await app.Anonymous().Http.GetStringAsync("/social-orgs/register?unit=NO-SUCH-UNIT");
        Assert.Contains("id=\"unit-unknown\"", page);

        var (_, response) = await RegisterAsync(app, RegisterForm("NO-SUCH-UNIT", "org-lost"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("没有这个组织代码", await response.Content.ReadAsStringAsync());

        var (_, informalWithCode) = await RegisterAsync(app, RegisterForm(app.World.CommunityA.Code, "org-lost2", code: Code(9001)));
        Assert.Equal(HttpStatusCode.BadRequest, informalWithCode.StatusCode);
        Assert.Contains("未登记的组织没有统一社会信用代码", await informalWithCode.Content.ReadAsStringAsync());
        Assert.Equal((users, orgs), (await UserCountAsync(), await OrgCountAsync()));
    }

    [Fact]
    public async Task EveryBadInput_IsRefusedNamingTheFieldAndTheRule_AndNothingIsWritten()
    {
        var api = await app.ApiAsAsync(World.AdminA);
        var a = app.World.CommunityA.Id;
        var before = await OrgCountAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

        async Task Refused(object body, HttpStatusCode status, string message)
        {
            var r = await api.PostJsonAsync("/api/v1/social-orgs", body);
            Assert.Equal(status, r.StatusCode);
            Assert.Contains(message, await r.ProblemTextAsync());
        }
        await Refused(Org(a, Code(1), name: ""), HttpStatusCode.BadRequest, "组织名称：不能为空");
        await Refused(Org(a, Code(2), name: new string('青', 101)), HttpStatusCode.BadRequest, "组织名称：不能超过 100 个字符");
        await Refused(Org(a, null), HttpStatusCode.BadRequest, "统一社会信用代码：依法登记的组织必须填写");
        await Refused(Org(a, Code(3)[..17] + (Code(3)[17] == '0' ? '1' : '0')), HttpStatusCode.BadRequest, "统一社会信用代码：校验码不正确（GB 32100）");
        await Refused(Org(a, Code(4), legalStatus: "Informal"), HttpStatusCode.BadRequest, "统一社会信用代码：未登记的组织没有统一社会信用代码");
        await Refused(Org(a, Code(5), members: 10, young: 11), HttpStatusCode.BadRequest, "青年成员人数（35 周岁以下）：不能超过成员人数（10）");
        await Refused(Org(a, Code(6), members: 1_000_001), HttpStatusCode.BadRequest, "成员人数：应在 0 到 1000000 之间");
        await Refused(Org(a, Code(7), members: -1), HttpStatusCode.BadRequest, "成员人数：应在 0 到 1000000 之间");
        await Refused(Org(a, Code(8), phone: "12345"), HttpStatusCode.BadRequest, "联系电话：应为 11 位手机号码或带区号的固定电话");
        await Refused(Org(a, Code(9), phone: null), HttpStatusCode.BadRequest, "联系电话：不能为空");
        await Refused(Org(a, Code(10), contactName: ""), HttpStatusCode.BadRequest, "联系人：不能为空");
        await Refused(Org(a, Code(11), foundedOn: today.AddDays(2).ToString("yyyy-MM-dd")), HttpStatusCode.BadRequest, "成立日期：不能晚于今天");
        await Refused(Org(a, Code(12), field: "Astrology"), HttpStatusCode.BadRequest, "服务领域：不是有效的选项");
        await Refused(Org(a, Code(13), leagueUnitId: app.World.CommunityB.Id), HttpStatusCode.NotFound, "组织内团组织：不存在或不在您的管辖范围内");
        var outside = await api.PostJsonAsync("/api/v1/social-orgs", Org(app.World.CommunityB.Id, Code(14)));
        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
        Assert.DoesNotContain(app.World.CommunityB.Name, await outside.Content.ReadAsStringAsync());
        Assert.Equal(before, await OrgCountAsync());

        // Filed may give a code or not; informal gives none.
        await IdOf(await api.PostJsonAsync("/api/v1/social-orgs", Org(a, null, name: "备案组织", legalStatus: "Filed")));
        await IdOf(await api.PostJsonAsync("/api/v1/social-orgs", Org(a, null, name: "草根组织", legalStatus: "Informal")));
        Assert.Equal(before + 2, await OrgCountAsync());
    }

    [Fact]
    public async Task ACreditCodeIsRegisteredOnce_AndTheConflictNamesTheHolderOnlyToThoseWhoSeeIt()
    {
        var adminA = await app.ApiAsAsync(World.AdminA);
        var adminB = await app.ApiAsAsync(World.AdminB);
        await IdOf(await adminB.PostJsonAsync("/api/v1/social-orgs", Org(app.World.CommunityB.Id, Code(101), name: "乙方青年社")));
        var hidden = await adminA.PostJsonAsync("/api/v1/social-orgs", Org(app.World.CommunityA.Id, Code(101)));
        Assert.Equal(HttpStatusCode.Conflict, hidden.StatusCode);
        var text = await hidden.ProblemTextAsync();
        Assert.Contains("已登记，同一组织不能重复登记", text);
        Assert.DoesNotContain("乙方青年社", text);

        var first = await IdOf(await adminA.PostJsonAsync("/api/v1/social-orgs", Org(app.World.CommunityA.Id, Code(102), name: "甲方青年社")));
        var visible = await adminA.PostJsonAsync("/api/v1/social-orgs", Org(app.World.BranchA1.Id, Code(102), name: "另一个"));
        Assert.Equal(HttpStatusCode.Conflict, visible.StatusCode);
        Assert.Contains("已由“甲方青年社”登记", await visible.ProblemTextAsync());

        // Editing an organization keeps its own code; taking another's is refused the same way.
        var second = await IdOf(await adminA.PostJsonAsync("/api/v1/social-orgs", Org(app.World.CommunityA.Id, Code(103), name: "丙方青年社")));
        Assert.Equal(HttpStatusCode.OK, (await adminA.PutJsonAsync($"/api/v1/social-orgs/{first}", Org(app.World.CommunityA.Id, Code(102), name: "甲方青年社", phone: null))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await adminA.PutJsonAsync($"/api/v1/social-orgs/{second}", Org(app.World.CommunityA.Id, Code(102), name: "丙方青年社"))).StatusCode);
        Assert.Equal(Code(103), await app.AsSystemAsync((_, db) => db.SocialOrganizations.Where(o => o.Id == second).Select(o => o.CreditCode).SingleAsync()));
    }

    [Fact]
    public async Task ACadreReadsButCannotManage_AnotherCommunityFindsNothing_AndAnOrganizationSeesOnlyItself()
    {
        var admin = await app.ApiAsAsync(World.AdminA);
        var id = await IdOf(await admin.PostJsonAsync("/api/v1/social-orgs", Org(app.World.CommunityA.Id, Code(201), name: "甲社区青年志愿队")));
        Assert.Equal("Approved", (await (await admin.GetAsync($"/api/v1/social-orgs/{id}")).ReadJsonAsync()).GetProperty("organization").GetProperty("reviewStatus").GetString());

        var cadre = await app.ApiAsAsync(World.CadreA);
        Assert.Equal(HttpStatusCode.OK, (await cadre.GetAsync($"/api/v1/social-orgs/{id}")).StatusCode);
        Assert.Contains("甲社区青年志愿队", await (await cadre.GetAsync("/api/v1/social-orgs")).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await cadre.PutJsonAsync($"/api/v1/social-orgs/{id}", Org(app.World.CommunityA.Id, Code(201)))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await cadre.PostJsonAsync($"/api/v1/social-orgs/{id}/stage", new { to = "Incubating", on = "2024-01-01" })).StatusCode);
        var cadrePages = await app.PagesAsAsync(World.CadreA);
        var page = await cadrePages.Http.GetStringAsync($"/social-orgs/{id}");
        Assert.DoesNotContain("id=\"stage-form\"", page);
        var posted = await cadrePages.PostFormAsync($"/social-orgs/{id}?handler=Stage", new() { ["Stage.To"] = "Incubating", ["Stage.On"] = "2024-01-01" }, $"/social-orgs/{id}");
        Assert.Equal(HttpStatusCode.Forbidden, posted.StatusCode);

        var adminB = await app.ApiAsAsync(World.AdminB);
        Assert.Equal(HttpStatusCode.NotFound, (await adminB.GetAsync($"/api/v1/social-orgs/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await adminB.PostJsonAsync($"/api/v1/social-orgs/{id}/review", new { approve = true })).StatusCode);
        Assert.DoesNotContain("甲社区青年志愿队", await (await adminB.GetAsync("/api/v1/social-orgs")).Content.ReadAsStringAsync());
        var pagesB = await app.PagesAsAsync(World.AdminB);
        Assert.Equal(HttpStatusCode.NotFound, (await pagesB.Http.GetAsync($"/social-orgs/{id}")).StatusCode);

        // An organization's account has no staff permission: the registry answers 403 whatever the id (nothing
        // tells it which ids exist), and its own endpoints show only its own record.
        await RegisterAsync(app, RegisterForm(app.World.CommunityA.Code, "org-only", name: "独立青年社"));
        var orgApi = await app.ApiAsAsync("org-only");
        Assert.Equal(HttpStatusCode.Forbidden, (await orgApi.GetAsync($"/api/v1/social-orgs/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await orgApi.GetAsync($"/api/v1/social-orgs/{Guid.NewGuid()}")).StatusCode);
        var me = await (await orgApi.GetAsync("/api/v1/me/social-org")).Content.ReadAsStringAsync();
        Assert.Contains("独立青年社", me);
        Assert.DoesNotContain("甲社区青年志愿队", me);
        Assert.Equal(HttpStatusCode.NotFound, (await cadre.GetAsync("/api/v1/me/social-org")).StatusCode);
    }

    [Fact]
    public async Task TheListPutsPendingFirst_CountsTheSubtree_AndExportsSafelyWithAnAudit()
    {
        var admin = await app.ApiAsAsync(World.AdminA);
        var a1 = app.World.BranchA1.Id;
        await IdOf(await admin.PostJsonAsync("/api/v1/social-orgs", Org(a1, Code(301), name: "=HYPERLINK(\"http://x\")", hasLeagueBranch: true, phone: "0571-87654321")));
        await IdOf(await admin.PostJsonAsync("/api/v1/social-orgs", Org(a1, Code(302), name: "阿青文艺社", field: "NewArts")));
        await RegisterAsync(app, RegisterForm(app.World.CommunityA.Code, "org-zz", name: "众志青年社"));

        var list = await (await admin.GetAsync($"/api/v1/social-orgs?unitId={app.World.CommunityA.Id}")).ReadJsonAsync();
        var items = list.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal("Pending", items[0].GetProperty("reviewStatus").GetString());
        var counts = list.GetProperty("counts");
        Assert.True(counts.GetProperty("pendingReview").GetInt32() >= 1);
        Assert.True(counts.GetProperty("withLeagueBranch").GetInt32() >= 1);

        var branch = await (await admin.GetAsync($"/api/v1/social-orgs?unitId={a1}")).ReadJsonAsync();
        Assert.Equal(2, branch.GetProperty("counts").GetProperty("total").GetInt32());
        Assert.Equal(0, branch.GetProperty("counts").GetProperty("pendingReview").GetInt32());
        var arts = await (await admin.GetAsync($"/api/v1/social-orgs?unitId={a1}&field=NewArts")).ReadJsonAsync();
        Assert.Equal("阿青文艺社", Assert.Single(arts.GetProperty("items").EnumerateArray()).GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/social-orgs?unitId={app.World.CommunityB.Id}")).StatusCode);

        var pages = await app.PagesAsAsync(World.AdminA);
        var export = await pages.Http.GetByteArrayAsync($"/social-orgs?handler=Export&UnitId={a1}&HasLeagueBranch=true");
        var rows = new MemoryStream(export).Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        var row = Assert.Single(rows);
        Assert.Equal("'=HYPERLINK(\"http://x\")", row["组织名称"]);
        Assert.Equal("0571-****4321", row["联系电话"]);
        Assert.Equal("已入库", row["入库审核"]);
        Assert.True(await app.AsSystemAsync((_, db) => db.AuditEntries.AnyAsync(e => e.Action == AuditAction.Export && e.EntityType == nameof(SocialOrganization))));
    }

    [Fact]
    public async Task ThePhoneIsMasked_ARevealIsAudited_AndTheBuildingRecordIsLinked()
    {
        var admin = await app.ApiAsAsync(World.AdminA);
        var id = await IdOf(await admin.PostJsonAsync("/api/v1/social-orgs", Org(app.World.CommunityA.Id, Code(401), name: "青藤社工", phone: "13698765432")));
        var detail = await (await admin.GetAsync($"/api/v1/social-orgs/{id}")).ReadJsonAsync();
        Assert.Equal("136****5432", detail.GetProperty("organization").GetProperty("contactPhoneMasked").GetString());
        Assert.DoesNotContain("13698765432", detail.GetRawText());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, detail.GetProperty("building").ValueKind);

        var revealed = await admin.PostJsonAsync($"/api/v1/social-orgs/{id}/reveal-phone", new { });
        Assert.Equal("13698765432", (await revealed.ReadJsonAsync()).GetProperty("contactPhone").GetString());
        Assert.True(await app.AsSystemAsync((_, db) => db.AuditEntries.AnyAsync(e => e.Action == AuditAction.Reveal && e.EntityId == id.ToString())));
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ApiAsAsync(World.CadreA)).PostJsonAsync($"/api/v1/social-orgs/{id}/reveal-phone", new { })).StatusCode);

        var building = await IdOf(await admin.PostJsonAsync("/api/v1/building/organizations", new
        {
            unitId = app.World.CommunityA.Id, kind = "SocialOrganization", name = "青藤社工服务中心", creditCode = Code(401), contactName = "王", contactPhone = "13912345678",
            staffCount = 10, youngStaffCount = 8, status = "NotBuilt",
        }));
        detail = await (await admin.GetAsync($"/api/v1/social-orgs/{id}")).ReadJsonAsync();
        Assert.Equal(building, detail.GetProperty("building").GetProperty("id").GetGuid());
        var pages = await app.PagesAsAsync(World.AdminA);
        Assert.Contains($"href=\"/building/{building}\"", await pages.Http.GetStringAsync($"/social-orgs/{id}"));
    }

    [Fact]
    public async Task AUnitEntersAndEditsOnItsPages_AndAShortRejectionReasonIsRefusedOnThePage()
    {
        var pages = await app.PagesAsAsync(World.AdminA);
        Assert.Contains("id=\"social-org-form\"", await pages.Http.GetStringAsync($"/social-orgs/new?unitId={app.World.CommunityA.Id}"));
        var form = new Dictionary<string, string?>
        {
            ["Input.UnitId"] = app.World.CommunityA.Id.ToString(), ["Input.Name"] = "青松户外运动社", ["Input.Field"] = "Sports", ["Input.LegalStatus"] = "Filed",
            ["Input.ContactName"] = "赵松", ["Input.ContactPhone"] = "13611112222", ["Input.MemberCount"] = "60", ["Input.YoungMemberCount"] = "70",
        };
        var refused = await pages.PostFormAsync("/social-orgs/new", form);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("不能超过成员人数（60）", await refused.Content.ReadAsStringAsync());
        form["Input.YoungMemberCount"] = "50";
        var created = await pages.PostFormAsync("/social-orgs/new", form);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = await app.AsSystemAsync((_, db) => db.SocialOrganizations.Where(o => o.Name == "青松户外运动社").Select(o => o.Id).SingleAsync());
        Assert.Equal(OrgReviewStatus.Approved, await app.AsSystemAsync((_, db) => db.SocialOrganizations.Where(o => o.Id == id).Select(o => o.ReviewStatus).SingleAsync()));

        Assert.Contains("136****2222", await pages.Http.GetStringAsync($"/social-orgs/{id}/edit"));
        form["Input.ContactPhone"] = "";
        form["Input.MemberCount"] = "66";
        form["Input.HasLeagueBranch"] = "true";
        Assert.Equal(HttpStatusCode.Redirect, (await pages.PostFormAsync($"/social-orgs/{id}/edit", form)).StatusCode);
        var stored = await app.AsSystemAsync((_, db) => db.SocialOrganizations.SingleAsync(o => o.Id == id));
        Assert.Equal((66, true, "136****2222"), (stored.MemberCount, stored.HasLeagueBranch, stored.ContactPhoneMasked));
        // A cadre reads the registry but has no edit page: sent to the 403 page.
        var cadreEdit = await (await app.PagesAsAsync(World.CadreA)).Http.GetAsync($"/social-orgs/{id}/edit");
        Assert.Equal(HttpStatusCode.Redirect, cadreEdit.StatusCode);
        Assert.Contains("403", cadreEdit.Headers.Location!.ToString());

        await RegisterAsync(app, RegisterForm(app.World.CommunityA.Code, "org-pine", name: "松针青年社"));
        var pending = await app.AsSystemAsync((_, db) => db.SocialOrganizations.Where(o => o.Name == "松针青年社").Select(o => o.Id).SingleAsync());
        var shortReason = await pages.PostFormAsync($"/social-orgs/{pending}?handler=Review", new() { ["approve"] = "false", ["reason"] = "不行" }, $"/social-orgs/{pending}");
        Assert.Equal(HttpStatusCode.BadRequest, shortReason.StatusCode);
        Assert.Contains("退回原因：请写明原因，至少 4 个字", await shortReason.Content.ReadAsStringAsync());
        var rejected = await pages.PostFormAsync($"/social-orgs/{pending}?handler=Review", new() { ["approve"] = "false", ["reason"] = "请补充负责人身份信息" }, $"/social-orgs/{pending}");
        Assert.Equal(HttpStatusCode.Redirect, rejected.StatusCode);
        Assert.Contains("请补充负责人身份信息", await pages.Http.GetStringAsync($"/social-orgs/{pending}"));
    }
}

public sealed class RegistryOnSqlite(SqliteApp app) : RegistryTests(app), IClassFixture<SqliteApp>;

public sealed class RegistryOnPostgres(PostgresApp app) : RegistryTests(app), IClassFixture<PostgresApp>;
