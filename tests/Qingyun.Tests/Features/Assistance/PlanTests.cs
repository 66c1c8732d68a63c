using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Qingyun.Domain.Assistance;
using Qingyun.Domain.Audit;
using Qingyun.Tests.Infrastructure;
using static Qingyun.Tests.Features.Assistance.PlanKit;
using static Qingyun.Tests.Features.Volunteering.VolunteeringKit;

namespace Qingyun.Tests.Features.Assistance;

/// <summary>服务计划书: written by the case owner, approved by the unit, printed as a Chinese PDF; seen only through the case.</summary>
public abstract class PlanTests(QingyunApp app)
{
    private static async Task<Guid> CreatedPlanAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.ReadJsonAsync()).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task TheOwnerWritesAMonthlyPlan_SubmitsIt_AndOnlyTheUnitsAdministratorApprovesIt()
    {
        var c = await CaseAsync(app);
        var owner = await app.ApiAsAsync(World.CadreA);
        var created = await owner.PostJsonAsync($"/api/v1/assistance/cases/{c.Id}/plans", YearPlan(app));
        var planId = await CreatedPlanAsync(created);
        var plan = await OkJson(await owner.GetAsync($"/api/v1/assistance/cases/{c.Id}/plans/{planId}"));
        Assert.Equal("Draft", plan.GetProperty("state").GetString());
        var due = plan.GetProperty("dueDates").EnumerateArray().Select(x => x.GetString()).ToList();
        var year = Today(app).Year;
        Assert.Equal(12, due.Count);
        Assert.Equal($"{year}-01-31", due[0]);
        Assert.Equal(D(new DateOnly(year, 3, 1).AddDays(-1)), due[1]);
        Assert.Equal($"{year}-12-31", due[11]);

        // Approval before submission is refused; the owner submits.
        var admin = await app.ApiAsAsync(World.AdminA);
        var early = await admin.PostJsonAsync($"/api/v1/assistance/cases/{c.Id}/plans/{planId}/decision", new { approve = true });
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("服务计划：该计划不在待审批状态", await early.ProblemTextAsync());
        Assert.Equal("Submitted", (await OkJson(await owner.PostAsync($"/api/v1/assistance/cases/{c.Id}/plans/{planId}/submit", null))).GetProperty("state").GetString());

        // The owner is not an administrator: approving their own plan is 403, and nothing changes.
        var self = await owner.PostJsonAsync($"/api/v1/assistance/cases/{c.Id}/plans/{planId}/decision", new { approve = true });
        Assert.Equal(HttpStatusCode.Forbidden, self.StatusCode);
        Assert.Contains("个案负责人不能自行审批", await self.ProblemTextAsync());
        Assert.Equal(PlanState.Submitted, await app.AsSystemAsync((_, db) => db.CasePlans.Where(p => p.Id == planId).Select(p => p.State).SingleAsync()));

        // Returned with a note, resubmitted, approved.
        var noNote = await admin.PostJsonAsync($"/api/v1/assistance/cases/{c.Id}/plans/{planId}/decision", new { approve = false });
        Assert.Equal(HttpStatusCode.BadRequest, noNote.StatusCode);
        Assert.Contains("退回意见：不能为空", await noNote.ProblemTextAsync());
        var returned = await OkJson(await admin.PostJsonAsync($"/api/v1/assistance/cases/{c.Id}/plans/{planId}/decision", new { approve = false, note = "请补充心理辅导措施" }));
        Assert.Equal("Draft", returned.GetProperty("state").GetString());
        Assert.Equal("请补充心理辅导措施", returned.GetProperty("returnNote").GetString());
        await OkJson(await owner.PostAsync($"/api/v1/assistance/cases/{c.Id}/plans/{planId}/submit", null));
        var approved = await OkJson(await admin.PostJsonAsync($"/api/v1/assistance/cases/{c.Id}/plans/{planId}/decision", new { approve = true }));
        Assert.Equal("Approved", approved.GetProperty("state").GetString());
        Assert.Equal(World.AdminA, approved.GetProperty("approvedBy").GetString());
        Assert.Equal(JsonValueKind.Null, approved.GetProperty("returnNote").ValueKind);

        // A second plan for the same period start is refused.
        var twice = await owner.PostJsonAsync($"/api/v1/assistance/cases/{c.Id}/plans", YearPlan(app));
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Contains("开始日期：该个案已有从", await twice.ProblemTextAsync());

        // Every opening of the case was audited as a read.
        Assert.True(await app.AsSystemAsync((_, db) => db.AuditEntries.IgnoreQueryFilters().CountAsync(a => a.EntityId == c.Id.ToString() && a.Action == AuditAction.Read)) >= 8);
    }

    [Theory]
    [InlineData("goal-outside", "帮扶目标：第 1 项目标的目标日期应在计划期内")]
    [InlineData("no-goals", "帮扶目标：至少填写一项目标")]
    [InlineData("visits-zero", "计划走访次数：应在 1 到 36")]
    [InlineData("visits-huge", "计划走访次数：应在 1 到 36")]
    [InlineData("end-before-start", "结束日期：必须晚于开始日期")]
    [InlineData("too-long", "结束日期：计划期最长 2 年")]
    [InlineData("goal-no-date", "帮扶目标：第 2 项目标没有填写目标日期")]
    public async Task ARefusedPlan_NamesTheFieldAndTheRule_AndWritesNothing(string what, string message)
    {
        var c = await CaseAsync(app);
        var owner = await app.ApiAsAsync(World.CadreA);
        var (s, e) = ThisYear(app);
        object body = what switch
        {
            "goal-outside" => YearPlan(app, goals: [new { text = "明年的目标", targetOn = D(e.AddDays(1)) }]),
            "no-goals" => YearPlan(app, goals: [new { text = "  ", targetOn = (string?)null }]),
            "visits-zero" => YearPlan(app, visits: 0),
            "visits-huge" => YearPlan(app, visits: 400),
            "end-before-start" => YearPlan(app, end: s.AddDays(-1)),
            "too-long" => YearPlan(app, end: s.AddYears(2)),
            _ => YearPlan(app, goals: [new { text = "按时上学", targetOn = D(s.AddMonths(3)) }, new { text = "没有日期的目标", targetOn = (string?)null }]),
        };
        var response = await owner.PostJsonAsync($"/api/v1/assistance/cases/{c.Id}/plans", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.ProblemTextAsync());
        Assert.Equal(0, await app.AsSystemAsync((_, db) => db.CasePlans.CountAsync(p => p.CaseId == c.Id)));
    }

    [Fact]
    public async Task ChangingAnApprovedPlan_SendsItBackToDraft_ButMarkingAGoalAchievedDoesNot()
    {
        var c = await CaseAsync(app);
        var owner = await app.ApiAsAsync(World.CadreA);
        var admin = await app.ApiAsAsync(World.AdminA);
        var planId = await CreatedPlanAsync(await owner.PostJsonAsync($"/api/v1/assistance/cases/{c.Id}/plans", YearPlan(app)));
        await OkJson(await owner.PostAsync($"/api/v1/assistance/cases/{c.Id}/plans/{planId}/submit", null));
        await OkJson(await admin.PostJsonAsync($"/api/v1/assistance/cases/{c.Id}/plans/{planId}/decision", new { approve = true }));

        var (s, _) = ThisYear(app);
        var before = await owner.PostJsonAsync($"/api/v1/assistance/cases/{c.Id}/plans/{planId}/goals/1", new { achievedOn = D(s.AddDays(-1)) });
        Assert.Equal(HttpStatusCode.BadRequest, before.StatusCode);
        Assert.Contains("达成日期：不能早于计划开始日期", await before.ProblemTextAsync());
        var future = await owner.PostJsonAsync($"/api/v1/assistance/cases/{c.Id}/plans/{planId}/goals/1", new { achievedOn = D(Today(app).AddDays(1)) });
        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
        var marked = await OkJson(await owner.PostJsonAsync($"/api/v1/assistance/cases/{c.Id}/plans/{planId}/goals/1", new { achievedOn = D(Today(app)) }));
        Assert.Equal("Approved", marked.GetProperty("state").GetString());
        Assert.Equal(D(Today(app)), marked.GetProperty("goals")[0].GetProperty("achievedOn").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await owner.PostJsonAsync($"/api/v1/assistance/cases/{c.Id}/plans/{planId}/goals/3", new { achievedOn = D(Today(app)) })).StatusCode);

        // The owner's page says what an edit would do.
        var pages = await app.PagesAsAsync(World.CadreA);
        var html = await pages.Http.GetStringAsync($"/assistance/{c.Id}/plan?planId={planId}");
        Assert.Contains("修改计划内容后将退回草拟状态", html);
        Assert.Contains("目标达成 1 / 2 项", html);

        // Saving the same content changes nothing; new content goes back to draft, the reached goal keeps its mark.
        Assert.Equal("Approved", (await OkJson(await owner.PutJsonAsync($"/api/v1/assistance/cases/{c.Id}/plans/{planId}", YearPlan(app)))).GetProperty("state").GetString());
        var changed = new
        {
            startsOn = D(s), endsOn = D(new DateOnly(s.Year, 12, 31)), visitsPlanned = 4,
            goals = new object[] { new { text = "数学成绩提高到及格线以上", targetOn = D(new DateOnly(s.Year, 6, 30)) }, new { text = "参加一次夏令营", targetOn = D(new DateOnly(s.Year, 8, 31)) } },
            resources = "学习用品一套", measures = "每季度入户走访一次",
        };
        var edited = await OkJson(await owner.PutJsonAsync($"/api/v1/assistance/cases/{c.Id}/plans/{planId}", changed));
        Assert.Equal("Draft", edited.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, edited.GetProperty("approvedBy").ValueKind);
        Assert.Equal(D(Today(app)), edited.GetProperty("goals")[0].GetProperty("achievedOn").GetString());
        Assert.Equal(JsonValueKind.Null, edited.GetProperty("goals")[1].GetProperty("achievedOn").ValueKind);
        Assert.Equal($"{s.Year}-03-31", edited.GetProperty("dueDates")[0].GetString());
        var stored = await app.AsSystemAsync((_, db) => db.CasePlans.AsNoTracking().SingleAsync(p => p.Id == planId));
        Assert.Equal(PlanState.Draft, stored.State);
        Assert.Null(stored.ApprovedAt);
        Assert.Equal(4, stored.VisitsPlanned);
        Assert.Equal("参加一次夏令营", stored.Goals[1].Text);
    }

    [Fact]
    public async Task TheProgress_CountsVisitsLoggedInThePeriod_AgainstThoseDueByToday()
    {
        var c = await CaseAsync(app);
        var owner = await app.ApiAsAsync(World.CadreA);
        var (s, _) = ThisYear(app);
        var planId = await CreatedPlanAsync(await owner.PostJsonAsync($"/api/v1/assistance/cases/{c.Id}/plans", YearPlan(app)));
        await AddVisitAsync(app, c, s.AddDays(-3)); // before the period: not counted
        await AddVisitAsync(app, c, s);
        await AddVisitAsync(app, c, Today(app));
        var dueNow = new CasePlan { StartsOn = s, EndsOn = new DateOnly(s.Year, 12, 31), VisitsPlanned = 12 }.DueBy(Today(app));

        var progress = (await OkJson(await owner.GetAsync($"/api/v1/assistance/cases/{c.Id}/plans/{planId}"))).GetProperty("progress");
        Assert.Equal(2, progress.GetProperty("visitsLogged").GetInt32());
        Assert.Equal(dueNow, progress.GetProperty("visitsDue").GetInt32());
        Assert.Equal(12, progress.GetProperty("visitsPlanned").GetInt32());
        Assert.Equal(dueNow > 2, progress.GetProperty("behind").GetBoolean());
        Assert.Equal(0, progress.GetProperty("goalsAchieved").GetInt32());
        Assert.Equal(2, progress.GetProperty("goalsTotal").GetInt32());

        var html = await (await app.PagesAsAsync(World.CadreA)).Http.GetStringAsync($"/assistance/{c.Id}/plan");
        Assert.Contains($"data-logged=\"2\" data-due=\"{dueNow}\" data-planned=\"12\"", html);
    }

    [Fact]
    public async Task ThePlanPrints_AsAChinesePdfInTheProgrammesName_AndTheDownloadIsAudited()
    {
        var c = await CaseAsync(app);
        var owner = await app.ApiAsAsync(World.CadreA);
        var planId = await CreatedPlanAsync(await owner.PostJsonAsync($"/api/v1/assistance/cases/{c.Id}/plans", YearPlan(app)));

        var pdf = await owner.GetAsync($"/api/v1/assistance/cases/{c.Id}/plans/{planId}/pdf");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        var bytes = await pdf.Content.ReadAsByteArrayAsync();
        Assert.Equal("%PDF-", Encoding.ASCII.GetString(bytes, 0, 5));
        var raw = Encoding.Latin1.GetString(bytes);
        Assert.Contains("NotoSansCJK", raw.Replace(" ", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
        // The document's title is the programme's plan, in Chinese; the plan's id is its keyword.
        Assert.Contains(PdfHexString("阳光牵手服务计划书"), raw.Replace(" ", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
        Assert.Contains(planId.ToString(), raw);
        Assert.Equal(1, PageCount(raw));
        Assert.True(await app.AsSystemAsync((_, db) => db.AuditEntries.IgnoreQueryFilters()
            .AnyAsync(a => a.EntityId == planId.ToString() && a.Action == AuditAction.Download && a.Field == "Pdf")));

        // The page's download is the same paper.
        var pages = await app.PagesAsAsync(World.CadreA);
        var fromPage = await pages.Http.GetAsync($"/assistance/{c.Id}/plan?handler=Pdf&planId={planId}");
        Assert.Equal(HttpStatusCode.OK, fromPage.StatusCode);
        Assert.Equal("%PDF-", Encoding.ASCII.GetString(await fromPage.Content.ReadAsByteArrayAsync(), 0, 5));

        // A long plan flows onto more pages.
        var (s, e) = ThisYear(app);
        var goals = Enumerable.Range(1, 30).Select(i => new { text = $"第{i}项目标：" + new string('学', 120), targetOn = D(s.AddYears(1).AddDays(i)) }).ToArray();
        var longPlan = await CreatedPlanAsync(await owner.PostJsonAsync($"/api/v1/assistance/cases/{c.Id}/plans",
            new { startsOn = D(s.AddYears(1)), endsOn = D(e.AddYears(1)), visitsPlanned = 52, goals, resources = new string('物', 1500), measures = new string('措', 1500) }));
        var longPdf = await owner.GetAsync($"/api/v1/assistance/cases/{c.Id}/plans/{longPlan}/pdf");
        Assert.Equal(HttpStatusCode.OK, longPdf.StatusCode);
        Assert.True(PageCount(Encoding.Latin1.GetString(await longPdf.Content.ReadAsByteArrayAsync())) >= 3);
    }

    private static int PageCount(string raw) => System.Text.RegularExpressions.Regex.Count(raw, @"/Type\s*/Page\b");

    [Fact]
    public async Task APairedVolunteer_ReadsTheirCasesPlan_CannotChangeIt_AndGets404OnAnotherCase()
    {
        var x = await CaseAsync(app);
        var y = await CaseAsync(app);
        var v = await RegisterAsync(app);
        await PairAsync(app, x, v);
        var admin = await app.ApiAsAsync(World.AdminA);
        var planX = await CreatedPlanAsync(await admin.PostJsonAsync($"/api/v1/assistance/cases/{x.Id}/plans", YearPlan(app)));
        var planY = await CreatedPlanAsync(await admin.PostJsonAsync($"/api/v1/assistance/cases/{y.Id}/plans", YearPlan(app)));

        // X: read, not write.
        var list = await OkJson(await v.Api.GetAsync($"/api/v1/assistance/cases/{x.Id}/plans"));
        Assert.Equal(planX, list.GetProperty("items")[0].GetProperty("id").GetGuid());
        var put = await v.Api.PutJsonAsync($"/api/v1/assistance/cases/{x.Id}/plans/{planX}", YearPlan(app, visits: 24));
        Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
        Assert.Contains("结对志愿者只能查看", await put.ProblemTextAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await v.Api.PostJsonAsync($"/api/v1/assistance/cases/{x.Id}/plans", YearPlan(app, start: ThisYear(app).Start.AddYears(1), end: ThisYear(app).End.AddYears(1)))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await v.Api.PostAsync($"/api/v1/assistance/cases/{x.Id}/plans/{planX}/submit", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await v.Api.PostJsonAsync($"/api/v1/assistance/cases/{x.Id}/plans/{planX}/goals/1", new { achievedOn = D(Today(app)) })).StatusCode);
        Assert.Equal(12, await app.AsSystemAsync((_, db) => db.CasePlans.Where(p => p.Id == planX).Select(p => p.VisitsPlanned).SingleAsync()));
        Assert.Equal(HttpStatusCode.OK, (await v.Api.GetAsync($"/api/v1/assistance/cases/{x.Id}/plans/{planX}/pdf")).StatusCode);

        // Y: not there at all.
        Assert.Equal(HttpStatusCode.Forbidden, (await v.Api.GetAsync($"/api/v1/assistance/cases/{y.Id}/plans")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await v.Api.GetAsync($"/api/v1/assistance/cases/{y.Id}/plans/{planY}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await v.Api.GetAsync($"/api/v1/assistance/cases/{y.Id}/plans/{planY}/pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await v.Api.PutJsonAsync($"/api/v1/assistance/cases/{y.Id}/plans/{planY}", YearPlan(app))).StatusCode);
        // Nor through X with Y's plan id.
        Assert.Equal(HttpStatusCode.NotFound, (await v.Api.GetAsync($"/api/v1/assistance/cases/{x.Id}/plans/{planY}/pdf")).StatusCode);

        // The pages answer the same.
        var pages = await app.PagesAsAsync(v.UserName);
        var html = await pages.Http.GetStringAsync($"/assistance/{x.Id}/plan");
        Assert.Contains(x.Name, html);
        Assert.DoesNotContain("id=\"edit-plan\"", html);
        Assert.DoesNotContain("id=\"submit-plan\"", html);
        Assert.DoesNotContain(x.IdNumber, html);
        Assert.Equal(HttpStatusCode.Forbidden, (await pages.Http.GetAsync($"/assistance/{y.Id}/plan")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await pages.Http.GetAsync($"/assistance/{y.Id}/plan?handler=Pdf&planId={planY}")).StatusCode);
        var token = await pages.TokenAsync($"/assistance/{x.Id}/plan");
        var postY = await pages.Http.PostAsync($"/assistance/{y.Id}/plan?handler=Submit&planId={planY}", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Forbidden, postY.StatusCode);
        var postX = await pages.Http.PostAsync($"/assistance/{x.Id}/plan?handler=Submit&planId={planX}", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Forbidden, postX.StatusCode);
        Assert.Equal(PlanState.Draft, await app.AsSystemAsync((_, db) => db.CasePlans.Where(p => p.Id == planX).Select(p => p.State).SingleAsync()));
    }

    [Fact]
    public async Task AnAdministratorOfCommunityB_Gets404_OnCommunityAsCase()
    {
        var c = await CaseAsync(app);
        var admin = await app.ApiAsAsync(World.AdminA);
        var planId = await CreatedPlanAsync(await admin.PostJsonAsync($"/api/v1/assistance/cases/{c.Id}/plans", YearPlan(app)));
        await OkJson(await admin.PostAsync($"/api/v1/assistance/cases/{c.Id}/plans/{planId}/submit", null));

        var other = await app.ApiAsAsync(World.AdminB);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"/api/v1/assistance/cases/{c.Id}/plans")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"/api/v1/assistance/cases/{c.Id}/plans/{planId}/pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.PostJsonAsync($"/api/v1/assistance/cases/{c.Id}/plans/{planId}/decision", new { approve = true })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.PostJsonAsync($"/api/v1/assistance/cases/{c.Id}/plans", YearPlan(app))).StatusCode);
        var pages = await app.PagesAsAsync(World.AdminB);
        Assert.Equal(HttpStatusCode.Forbidden, (await pages.Http.GetAsync($"/assistance/{c.Id}/plan")).StatusCode);
        Assert.Equal(PlanState.Submitted, await app.AsSystemAsync((_, db) => db.CasePlans.Where(p => p.Id == planId).Select(p => p.State).SingleAsync()));
        // The district above A approves it: CasesManage over the subtree.
        var district = await app.ApiAsAsync(World.DistrictAdmin);
        Assert.Equal("Approved", (await OkJson(await district.PostJsonAsync($"/api/v1/assistance/cases/{c.Id}/plans/{planId}/decision", new { approve = true }))).GetProperty("state").GetString());
    }

    [Fact]
    public async Task OnThePage_TheOwnerWritesAPlan_SeesTheRefusalInChinese_ThenSubmitsIt()
    {
        var c = await CaseAsync(app);
        var pages = await app.PagesAsAsync(World.CadreA);
        var (s, e) = ThisYear(app);
        var form = await pages.Http.GetStringAsync($"/assistance/{c.Id}/plan");
        Assert.Contains("id=\"plan-form\"", form);
        Assert.Contains("该个案还没有服务计划书", form);
        Assert.Contains(s.AddMonths(1).AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), form); // the schedule preview

        var fields = new Dictionary<string, string?>
        {
            ["StartsOn"] = D(s), ["EndsOn"] = D(e), ["VisitsPlanned"] = "12",
            ["Goals[0].Text"] = "顺利升入初中", ["Goals[0].TargetOn"] = D(e.AddDays(10)),
            ["Goals[1].Text"] = "", ["Goals[1].TargetOn"] = "",
            ["Resources"] = "学习用品", ["Measures"] = "每月走访",
        };
        var refused = await pages.PostFormAsync($"/assistance/{c.Id}/plan?handler=Save", fields, $"/assistance/{c.Id}/plan");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var text = await refused.Content.ReadAsStringAsync();
        Assert.Contains("帮扶目标：第 1 项目标的目标日期应在计划期内", text);
        Assert.Contains("顺利升入初中", text); // what was typed stays in the form
        Assert.Equal(0, await app.AsSystemAsync((_, db) => db.CasePlans.CountAsync(p => p.CaseId == c.Id)));

        fields["Goals[0].TargetOn"] = D(new DateOnly(s.Year, 9, 1));
        var saved = await pages.PostFormAsync($"/assistance/{c.Id}/plan?handler=Save", fields, $"/assistance/{c.Id}/plan");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var planId = await app.AsSystemAsync((_, db) => db.CasePlans.Where(p => p.CaseId == c.Id).Select(p => p.Id).SingleAsync());
        Assert.Single(await app.AsSystemAsync((_, db) => db.CasePlans.AsNoTracking().Where(p => p.Id == planId).Select(p => p.Goals).SingleAsync()));

        var submitted = await pages.PostFormAsync($"/assistance/{c.Id}/plan?handler=Submit&planId={planId}", new(), $"/assistance/{c.Id}/plan");
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        var html = await pages.Http.GetStringAsync($"/assistance/{c.Id}/plan?planId={planId}");
        Assert.Contains("data-state=\"Submitted\"", html);
        Assert.Contains("等待所属组织审批", html);
        Assert.DoesNotContain("id=\"approve-plan\"", html);

        var admin = await app.PagesAsAsync(World.AdminA);
        Assert.Contains("id=\"approve-plan\"", await admin.Http.GetStringAsync($"/assistance/{c.Id}/plan?planId={planId}"));
        var approved = await admin.PostFormAsync($"/assistance/{c.Id}/plan?handler=Approve&planId={planId}", new(), $"/assistance/{c.Id}/plan");
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        Assert.Equal(PlanState.Approved, await app.AsSystemAsync((_, db) => db.CasePlans.Where(p => p.Id == planId).Select(p => p.State).SingleAsync()));
    }
}

public sealed class PlanOnSqlite(SqliteApp app) : PlanTests(app), IClassFixture<SqliteApp>;

public sealed class PlanOnPostgres(PostgresApp app) : PlanTests(app), IClassFixture<PostgresApp>;
