using System.Net;
using Microsoft.EntityFrameworkCore;
using Qingyun.Domain.Assistance;
using Qingyun.Tests.Infrastructure;
using static Qingyun.Tests.Features.Assistance.PlanKit;
using static Qingyun.Tests.Features.Volunteering.VolunteeringKit;

namespace Qingyun.Tests.Features.Assistance;

/// <summary>帮扶资源: scholarships applied for, approved and paid with amount checks; partner resources recorded; the ledger and its totals.</summary>
public abstract class SupportTests(QingyunApp app)
{
    private object Scholarship(decimal? amount, string kind = "Scholarship", DateOnly? on = null) => new
    {
        kind, name = "希望之星助学金", sponsor = "团区委 1+1 助学", amount, appliedOn = D(on ?? Today(app)),
    };

    [Fact]
    public async Task AScholarship_IsAppliedFor_ApprovedByTheUnit_AndPaidAtMostTheAmountApproved()
    {
        var c = await CaseAsync(app);
        var owner = await app.ApiAsAsync(World.CadreA);
        var admin = await app.ApiAsAsync(World.AdminA);
        var url = $"/api/v1/assistance/cases/{c.Id}/support";

        foreach (var (amount, message) in new (decimal?, string)[]
        {
            (0m, "申请金额（元）：应大于 0、不超过 ¥10,000,000.00，最多两位小数"),
            (-5m, "申请金额（元）：应大于 0"),
            (12.345m, "最多两位小数"),
            (10_000_000.01m, "不超过 ¥10,000,000.00"),
            (null, "申请金额（元）：不能为空"),
        })
        {
            var refused = await owner.PostJsonAsync(url, Scholarship(amount));
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains(message, await refused.ProblemTextAsync());
        }
        var goods = await owner.PostJsonAsync(url, Scholarship(100m, "Goods"));
        Assert.Equal(HttpStatusCode.BadRequest, goods.StatusCode);
        Assert.Contains("资源类别：申请只用于助学金、救助金", await goods.ProblemTextAsync());
        var unknown = await owner.PostJsonAsync(url, Scholarship(100m, "Community"));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("资源类别：不是有效的选项", await unknown.ProblemTextAsync());
        var future = await owner.PostJsonAsync(url, Scholarship(100m, on: Today(app).AddDays(1)));
        Assert.Contains("申请日期：不能晚于今天", await future.ProblemTextAsync());
        Assert.Equal(0, await app.AsSystemAsync((_, db) => db.CaseSupports.CountAsync(s => s.CaseId == c.Id)));

        var applied = await owner.PostJsonAsync(url, Scholarship(1234.5m, on: Today(app).AddDays(-10)));
        Assert.Equal(HttpStatusCode.Created, applied.StatusCode);
        var id = (await applied.ReadJsonAsync()).GetProperty("id").GetGuid();

        // Paying before approval, or approving as the owner, is refused.
        Assert.Equal(HttpStatusCode.Conflict, (await owner.PostJsonAsync($"{url}/{id}/delivery", new { deliveredOn = D(Today(app)), deliveredAmount = 100m })).StatusCode);
        var self = await owner.PostJsonAsync($"{url}/{id}/decision", new { approve = true, decidedOn = D(Today(app)) });
        Assert.Equal(HttpStatusCode.Forbidden, self.StatusCode);
        Assert.Contains("个案负责人不能自行审批", await self.ProblemTextAsync());
        var early = await admin.PostJsonAsync($"{url}/{id}/decision", new { approve = true, decidedOn = D(Today(app).AddDays(-11)) });
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.Contains("审批日期：不能早于", await early.ProblemTextAsync());

        var approved = await OkJson(await admin.PostJsonAsync($"{url}/{id}/decision", new { approve = true, decidedOn = D(Today(app).AddDays(-5)), note = "符合条件" }));
        Assert.Equal("Approved", approved.GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostJsonAsync($"{url}/{id}/decision", new { approve = false, decidedOn = D(Today(app)), note = "重复" })).StatusCode);

        var over = await owner.PostJsonAsync($"{url}/{id}/delivery", new { deliveredOn = D(Today(app)), deliveredAmount = 1234.51m, paymentReference = "ZF-001" });
        Assert.Equal(HttpStatusCode.BadRequest, over.StatusCode);
        Assert.Contains("发放金额（元）：不能超过批准金额 ¥1,234.50", await over.ProblemTextAsync());
        Assert.Equal(SupportState.Approved, await app.AsSystemAsync((_, db) => db.CaseSupports.Where(s => s.Id == id).Select(s => s.State).SingleAsync()));

        var paid = await OkJson(await owner.PostJsonAsync($"{url}/{id}/delivery", new { deliveredOn = D(Today(app)), deliveredAmount = 1000m, paymentReference = "ZF-2026-001" }));
        Assert.Equal("Delivered", paid.GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await owner.PostJsonAsync($"{url}/{id}/delivery", new { deliveredOn = D(Today(app)), deliveredAmount = 234.5m })).StatusCode);

        var list = await OkJson(await owner.GetAsync(url));
        var totals = list.GetProperty("totals");
        Assert.Equal(1234.5m, totals.GetProperty("applied").GetDecimal());
        Assert.Equal(1234.5m, totals.GetProperty("approved").GetDecimal());
        Assert.Equal(1000m, totals.GetProperty("delivered").GetDecimal());
        var stored = await app.AsSystemAsync((_, db) => db.CaseSupports.AsNoTracking().SingleAsync(s => s.Id == id));
        Assert.Equal(1234.5m, stored.Amount);
        Assert.Equal(1000m, stored.DeliveredAmount);
        Assert.Equal("ZF-2026-001", stored.PaymentReference);

        var html = await (await app.PagesAsAsync(World.CadreA)).Http.GetStringAsync($"/assistance/{c.Id}/support");
        Assert.Contains("¥1,234.50", html);
        Assert.Contains("¥1,000.00", html);
        Assert.Contains("ZF-2026-001", html);
    }

    [Fact]
    public async Task TwoPaymentsOfTheSameGrantAtOnce_OnlyOneIsRecorded()
    {
        var c = await CaseAsync(app);
        var admin = await app.ApiAsAsync(World.AdminA);
        var other = await app.ApiAsAsync(World.AdminA);
        var url = $"/api/v1/assistance/cases/{c.Id}/support";
        var id = (await (await admin.PostJsonAsync(url, Scholarship(600m, "Grant"))).ReadJsonAsync()).GetProperty("id").GetGuid();
        await OkJson(await admin.PostJsonAsync($"{url}/{id}/decision", new { approve = true, decidedOn = D(Today(app)) }));
        var answers = await Task.WhenAll(
            admin.PostJsonAsync($"{url}/{id}/delivery", new { deliveredOn = D(Today(app)), deliveredAmount = 600m, paymentReference = "ZF-1" }),
            other.PostJsonAsync($"{url}/{id}/delivery", new { deliveredOn = D(Today(app)), deliveredAmount = 500m, paymentReference = "ZF-2" }));
        Assert.Single(answers, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Single(answers, r => r.StatusCode == HttpStatusCode.Conflict);
        var stored = await app.AsSystemAsync((_, db) => db.CaseSupports.AsNoTracking().SingleAsync(s => s.Id == id));
        Assert.Equal(SupportState.Delivered, stored.State);
        var winner = answers.Single(r => r.StatusCode == HttpStatusCode.OK);
        Assert.Equal((await winner.ReadJsonAsync()).GetProperty("paymentReference").GetString(), stored.PaymentReference);
    }

    [Fact]
    public async Task ARejection_NeedsANote()
    {
        var c = await CaseAsync(app);
        var owner = await app.ApiAsAsync(World.CadreA);
        var admin = await app.ApiAsAsync(World.AdminA);
        var url = $"/api/v1/assistance/cases/{c.Id}/support";
        var id = (await (await owner.PostJsonAsync(url, Scholarship(800m, "Grant"))).ReadJsonAsync()).GetProperty("id").GetGuid();
        var bare = await admin.PostJsonAsync($"{url}/{id}/decision", new { approve = false, decidedOn = D(Today(app)) });
        Assert.Equal(HttpStatusCode.BadRequest, bare.StatusCode);
        Assert.Contains("意见：不能为空", await bare.ProblemTextAsync());
        var rejected = await OkJson(await admin.PostJsonAsync($"{url}/{id}/decision", new { approve = false, decidedOn = D(Today(app)), note = "本年度名额已满" }));
        Assert.Equal("Rejected", rejected.GetProperty("state").GetString());
        var totals = (await OkJson(await owner.GetAsync(url))).GetProperty("totals");
        Assert.Equal(800m, totals.GetProperty("applied").GetDecimal());
        Assert.Equal(0m, totals.GetProperty("approved").GetDecimal());
    }

    [Fact]
    public async Task PartnerResources_AreRecordedAsDelivered_AndThePairedVolunteerOnlyReadsThem()
    {
        var x = await CaseAsync(app);
        var y = await CaseAsync(app);
        var v = await RegisterAsync(app);
        await PairAsync(app, x, v);
        var owner = await app.ApiAsAsync(World.CadreA);
        var url = $"/api/v1/assistance/cases/{x.Id}/support/resources";

        var money = await owner.PostJsonAsync(url, new { kind = "Scholarship", sponsor = "区妇联", items = "助学金", deliveredOn = D(Today(app)) });
        Assert.Equal(HttpStatusCode.BadRequest, money.StatusCode);
        Assert.Contains("资源类别：应为物资、培训、服务或其他", await money.ProblemTextAsync());
        var noItems = await owner.PostJsonAsync(url, new { kind = "Goods", sponsor = "区妇联", deliveredOn = D(Today(app)) });
        Assert.Contains("物资或内容：不能为空", await noItems.ProblemTextAsync());
        var created = await owner.PostJsonAsync(url, new { kind = "Goods", sponsor = "区妇联", items = "运动服 8套", value = 960m, deliveredOn = D(Today(app)) });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var json = await created.ReadJsonAsync();
        Assert.Equal("Delivered", json.GetProperty("state").GetString());
        Assert.Equal("运动服 8套", json.GetProperty("name").GetString());

        // The volunteer reads X's support, changes nothing, and does not reach Y.
        var read = await OkJson(await v.Api.GetAsync($"/api/v1/assistance/cases/{x.Id}/support"));
        Assert.Equal(960m, read.GetProperty("totals").GetProperty("resourceValue").GetDecimal());
        var apply = await v.Api.PostJsonAsync($"/api/v1/assistance/cases/{x.Id}/support", Scholarship(100m));
        Assert.Equal(HttpStatusCode.Forbidden, apply.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await v.Api.PostJsonAsync(url, new { kind = "Goods", sponsor = "某单位", items = "书包", deliveredOn = D(Today(app)) })).StatusCode);
        Assert.Equal(1, await app.AsSystemAsync((_, db) => db.CaseSupports.CountAsync(s => s.CaseId == x.Id)));
        Assert.Equal(HttpStatusCode.Forbidden, (await v.Api.GetAsync($"/api/v1/assistance/cases/{y.Id}/support")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await v.Api.PostJsonAsync($"/api/v1/assistance/cases/{y.Id}/support", Scholarship(100m))).StatusCode);

        var pages = await app.PagesAsAsync(v.UserName);
        var html = await pages.Http.GetStringAsync($"/assistance/{x.Id}/support");
        Assert.Contains("区妇联", html);
        Assert.Contains("运动服 8套", html);
        Assert.Contains("只能查看帮扶资源", html);
        Assert.DoesNotContain("id=\"apply-form\"", html);
        Assert.Equal(HttpStatusCode.Forbidden, (await pages.Http.GetAsync($"/assistance/{y.Id}/support")).StatusCode);
        var token = await pages.TokenAsync($"/assistance/{x.Id}/support");
        var post = await pages.Http.PostAsync($"/assistance/{x.Id}/support?handler=Apply", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Kind"] = "Scholarship", ["Name"] = "希望之星", ["Sponsor"] = "团区委", ["Amount"] = "100", ["AppliedOn"] = D(Today(app)),
        }));
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        var postY = await pages.Http.PostAsync($"/assistance/{y.Id}/support?handler=Apply", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Kind"] = "Scholarship", ["Name"] = "希望之星", ["Sponsor"] = "团区委", ["Amount"] = "100", ["AppliedOn"] = D(Today(app)),
        }));
        Assert.Equal(HttpStatusCode.Forbidden, postY.StatusCode);
        Assert.Equal(0, await app.AsSystemAsync((_, db) => db.CaseSupports.CountAsync(s => s.CaseId == y.Id)));

        // The ledger shows the volunteer only X's items.
        var ledger = await pages.Http.GetStringAsync("/assistance/support");
        Assert.Contains(x.Name, ledger);
        Assert.DoesNotContain(y.Name, ledger);
    }

    [Fact]
    public async Task TheLedger_ListsTheItemsOfTheCasesInScope_ByUnitKindStateAndYear_WithTotals()
    {
        var a = await CaseAsync(app);
        var b = await CaseAsync(app, owner: World.AdminB, unitId: app.World.CommunityB.Id);
        var year = Today(app).Year - 2;
        var lastYear = new DateOnly(year, 5, 4);
        var adminA = await app.ApiAsAsync(World.AdminA);
        var adminB = await app.ApiAsAsync(World.AdminB);
        var s1 = (await (await adminA.PostJsonAsync($"/api/v1/assistance/cases/{a.Id}/support", Scholarship(2000m, on: lastYear))).ReadJsonAsync()).GetProperty("id").GetGuid();
        await OkJson(await adminA.PostJsonAsync($"/api/v1/assistance/cases/{a.Id}/support/{s1}/decision", new { approve = true, decidedOn = D(lastYear.AddDays(10)) }));
        await OkJson(await adminA.PostJsonAsync($"/api/v1/assistance/cases/{a.Id}/support/{s1}/delivery", new { deliveredOn = D(lastYear.AddDays(20)), deliveredAmount = 2000m, paymentReference = "ZF-A" }));
        Assert.Equal(HttpStatusCode.Created, (await adminA.PostJsonAsync($"/api/v1/assistance/cases/{a.Id}/support", Scholarship(500.25m, "Grant", lastYear))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await adminA.PostJsonAsync($"/api/v1/assistance/cases/{a.Id}/support/resources", new { kind = "Training", sponsor = "区人社局", items = "电脑培训 1期", value = 300m, deliveredOn = D(lastYear) })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await adminB.PostJsonAsync($"/api/v1/assistance/cases/{b.Id}/support", Scholarship(9999m, on: lastYear))).StatusCode);

        var all = await OkJson(await adminA.GetAsync($"/api/v1/assistance/support?year={year}"));
        Assert.Equal(3, all.GetProperty("items").GetArrayLength());
        var totals = all.GetProperty("totals");
        Assert.Equal(2500.25m, totals.GetProperty("applied").GetDecimal());
        Assert.Equal(2000m, totals.GetProperty("approved").GetDecimal());
        Assert.Equal(2000m, totals.GetProperty("delivered").GetDecimal());
        Assert.Equal(300m, totals.GetProperty("resourceValue").GetDecimal());
        Assert.Equal(a.Name, all.GetProperty("items")[0].GetProperty("beneficiary").GetString());

        Assert.Equal(1, (await OkJson(await adminA.GetAsync($"/api/v1/assistance/support?year={year}&kind=Grant"))).GetProperty("items").GetArrayLength());
        Assert.Equal(1, (await OkJson(await adminA.GetAsync($"/api/v1/assistance/support?year={year}&state=Delivered&kind=Scholarship"))).GetProperty("items").GetArrayLength());
        Assert.Equal(3, (await OkJson(await adminA.GetAsync($"/api/v1/assistance/support?year={year}&unitId={app.World.CommunityA.Id}"))).GetProperty("items").GetArrayLength());
        Assert.Equal(0, (await OkJson(await adminA.GetAsync($"/api/v1/assistance/support?year={year - 1}"))).GetProperty("items").GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await adminA.GetAsync($"/api/v1/assistance/support?unitId={app.World.CommunityB.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await adminB.GetAsync($"/api/v1/assistance/support?unitId={app.World.CommunityA.Id}")).StatusCode);

        // The street above both sees both; B sees only its own.
        var district = await OkJson(await (await app.ApiAsAsync(World.DistrictAdmin)).GetAsync($"/api/v1/assistance/support?year={year}"));
        Assert.Equal(4, district.GetProperty("items").GetArrayLength());
        var ofB = await OkJson(await adminB.GetAsync($"/api/v1/assistance/support?year={year}"));
        Assert.Equal(b.Name, Assert.Single(ofB.GetProperty("items").EnumerateArray()).GetProperty("beneficiary").GetString());

        var html = await (await app.PagesAsAsync(World.AdminA)).Http.GetStringAsync($"/assistance/support?year={year}");
        Assert.Contains(a.Name, html);
        Assert.DoesNotContain(b.Name, html);
        Assert.Contains("¥2,500.25", html);
        Assert.Contains("¥300.00", html);
        // The ledger read is audited as one line.
        Assert.True(await app.AsSystemAsync((_, db) => db.AuditEntries.IgnoreQueryFilters().AnyAsync(e => e.EntityType == nameof(AssistanceCase) && e.Field == "Support")));
    }
}

public sealed class SupportOnSqlite(SqliteApp app) : SupportTests(app), IClassFixture<SqliteApp>;

public sealed class SupportOnPostgres(PostgresApp app) : SupportTests(app), IClassFixture<PostgresApp>;
