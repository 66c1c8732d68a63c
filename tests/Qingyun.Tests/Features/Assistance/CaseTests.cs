using Microsoft.Extensions.DependencyInjection;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Qingyun.Domain.Notices;
using Qingyun.Features.Assistance;
using Qingyun.Infrastructure;
using Qingyun.Tests.Features.Volunteering;
using Qingyun.Tests.Infrastructure;

namespace Qingyun.Tests.Features.Assistance;

public abstract class CaseTests(QingyunApp app)
{
    [Fact]
    public async Task Intake_OfAChild_NeedsTheGuardiansRelation_AndRefusalsWriteNothing()
    {
        var admin = await app.ApiAsAsync(World.AdminA);
        var counts = await CountsAsync();
        var idNumber = CaseKit.ChildIdNumber();

        var noGuardian = await admin.PostJsonAsync("/api/v1/assistance/cases", CaseKit.Intake(app.World.CommunityA.Id, idNumber, relation: null));
        Assert.Equal(HttpStatusCode.BadRequest, noGuardian.StatusCode);
        Assert.Contains("与帮扶对象关系：未满18周岁须经监护人同意", await noGuardian.ProblemTextAsync(), StringComparison.Ordinal);

        var bad = await admin.PostJsonAsync("/api/v1/assistance/cases", new
        {
            unitId = app.World.CommunityA.Id, name = "", idNumber = "110105201503070000", programme = "SunshineHand", categories = Array.Empty<string>(),
            intakeOn = "2099-01-01", consentOn = "2026-01-01", consentBy = "王芳",
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var text = await bad.ProblemTextAsync();
        Assert.Contains("帮扶对象姓名：不能为空", text, StringComparison.Ordinal);
        Assert.Contains("帮扶对象类别：不能为空", text, StringComparison.Ordinal);
        Assert.Contains("需求：不能为空", text, StringComparison.Ordinal);
        Assert.Contains("受理日期：不能晚于今天", text, StringComparison.Ordinal);
        Assert.Contains("身份证号", text, StringComparison.Ordinal);
        var unknownCategory = await admin.PostJsonAsync("/api/v1/assistance/cases", CaseKit.Intake(app.World.CommunityA.Id, idNumber, categories: ["martian"]));
        Assert.Contains("帮扶对象类别：不是有效的选项", await unknownCategory.ProblemTextAsync(), StringComparison.Ordinal);
        Assert.Equal(counts, await CountsAsync());

        var created = await admin.PostJsonAsync("/api/v1/assistance/cases", CaseKit.Intake(app.World.CommunityA.Id, idNumber, "小雨"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var personId = (await created.ReadJsonAsync()).GetProperty("personId").GetGuid();
        Assert.True(await app.AsSystemAsync((_, db) => db.People.Where(p => p.Id == personId).Select(p => p.Protected).FirstAsync()));
        var again = await admin.PostJsonAsync("/api/v1/assistance/cases", CaseKit.Intake(app.World.CommunityA.Id, idNumber, "小雨"));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("已有未结案的个案", await again.ProblemTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangingTheVolunteer_KeepsTheHistory_AndMovesTheAccessAtOnce()
    {
        var admin = await app.ApiAsAsync(World.AdminA);
        var caseId = await CaseKit.OpenAsync(admin, app.World.CommunityA.Id, "小军");
        var first = await VolunteeringKit.RegisterAsync(app);
        var second = await VolunteeringKit.RegisterAsync(app);
        await CaseKit.PairAsync(admin, caseId, first.Number, "2026-02-01");
        Assert.Equal(HttpStatusCode.OK, (await first.Api.GetAsync($"/api/v1/assistance/cases/{caseId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await second.Api.GetAsync($"/api/v1/assistance/cases/{caseId}")).StatusCode);

        var early = await admin.PostJsonAsync($"/api/v1/assistance/cases/{caseId}/pairing", new { volunteerNumber = second.Number, startedOn = "2026-01-15" });
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.Contains("不能早于当前结对的开始日期（2026-02-01）", await early.ProblemTextAsync(), StringComparison.Ordinal);
        var both = await admin.PostJsonAsync($"/api/v1/assistance/cases/{caseId}/pairing", new { volunteerNumber = second.Number, teamId = Guid.NewGuid(), startedOn = "2026-05-01" });
        Assert.Equal(HttpStatusCode.BadRequest, both.StatusCode);

        await CaseKit.PairAsync(admin, caseId, second.Number, "2026-05-01");
        Assert.Equal(HttpStatusCode.Forbidden, (await first.Api.GetAsync($"/api/v1/assistance/cases/{caseId}")).StatusCode);
        var json = await VolunteeringKit.OkJson(await second.Api.GetAsync($"/api/v1/assistance/cases/{caseId}"));
        var pairings = json.GetProperty("pairings").EnumerateArray().ToList();
        Assert.Equal(2, pairings.Count);
        Assert.Equal("2026-05-01", pairings[0].GetProperty("startedOn").GetString());
        Assert.Equal(JsonValueKindNull, pairings[0].GetProperty("endedOn").ValueKind);
        Assert.Equal("2026-05-01", pairings[1].GetProperty("endedOn").GetString());
        Assert.Equal("Active", json.GetProperty("case").GetProperty("status").GetString());
        var told = await app.AsSystemAsync((_, db) => db.Notices.IgnoreQueryFilters().CountAsync(n => n.PersonId == second.PersonId && n.Kind == NoticeKind.CasePaired));
        Assert.Equal(1, told);

        // Closing ends the pairing: the volunteer loses the case.
        var close = await admin.PostJsonAsync($"/api/v1/assistance/cases/{caseId}/status", new { status = "Closed" });
        Assert.Contains("原因：不能为空", await close.ProblemTextAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostJsonAsync($"/api/v1/assistance/cases/{caseId}/status", new { status = "Closed", note = "对象升入高中，帮扶目标达成" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await second.Api.GetAsync($"/api/v1/assistance/cases/{caseId}")).StatusCode);
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;

    [Fact]
    public async Task OverdueVisits_AreFlaggedTheDayAfterTheyFallDue_AndToldOncePerDueDate()
    {
        try
        {
            var admin = await app.ApiAsAsync(World.AdminA);
            var caseId = await CaseKit.OpenAsync(admin, app.World.CommunityA.Id, "小北");
            var volunteer = await VolunteeringKit.RegisterAsync(app);
            await CaseKit.PairAsync(admin, caseId, volunteer.Number);
            var today = app.Clock.GetUtcNow().ChinaDate();
            // 12 visits over 360 days: one due every 30 days; the first is due today.
            var plan = await CaseKit.ApprovedPlanAsync(app, caseId, today.AddDays(-29), today.AddDays(330), 12);
            Assert.Equal(today, plan.DueOn(1));

            // Tokens expire by the app's clock: a fresh one after every move of the clock.
            async Task<System.Text.Json.JsonElement> ProgressAsync() =>
                (await VolunteeringKit.OkJson(await (await app.ApiAsAsync(volunteer.UserName)).GetAsync($"/api/v1/assistance/cases/{caseId}"))).GetProperty("progress");
            async Task<int> RunJobAsync() => await app.AsSystemAsync((sp, _) => OverdueVisitsJob.FlagAsync(sp, app.Clock, CancellationToken.None));
            Task<int> NoticesAsync() => app.AsSystemAsync((_, db) => db.Notices.IgnoreQueryFilters().CountAsync(n => n.Kind == NoticeKind.CaseVisitOverdue && n.Link!.Contains(caseId.ToString())));

            Assert.False((await ProgressAsync()).GetProperty("overdue").GetBoolean());
            Assert.Equal(0, await RunJobAsync());

            app.Clock.Advance(TimeSpan.FromDays(1));
            var p = await ProgressAsync();
            Assert.True(p.GetProperty("overdue").GetBoolean());
            Assert.Equal(1, p.GetProperty("due").GetInt32());
            Assert.Equal(today.ShowDate(), p.GetProperty("missedDueOn").GetString());
            Assert.Equal(2, await RunJobAsync()); // the volunteer and the owner
            Assert.Equal(0, await RunJobAsync());
            Assert.Equal(2, await NoticesAsync());
            admin = await app.ApiAsAsync(World.AdminA);
            var overdueList = await VolunteeringKit.OkJson(await admin.GetAsync($"/api/v1/assistance/cases?overdue=true&unitId={app.World.CommunityA.Id}"));
            Assert.Contains(overdueList.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == caseId);

            // A visit made (on the due day, logged late) clears the flag.
            var logged = await (await app.ApiAsAsync(volunteer.UserName)).PostJsonAsync($"/api/v1/assistance/cases/{caseId}/visits", new { visitedOn = today.ShowDate(), form = "Home", minutes = 60, done = "入户走访" });
            Assert.Equal(HttpStatusCode.Created, logged.StatusCode);
            Assert.False((await ProgressAsync()).GetProperty("overdue").GetBoolean());
            overdueList = await VolunteeringKit.OkJson(await admin.GetAsync($"/api/v1/assistance/cases?overdue=true&unitId={app.World.CommunityA.Id}"));
            Assert.DoesNotContain(overdueList.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == caseId);

            // The second visit is due 30 days later: not overdue on that day, overdue the day after, told again.
            app.Clock.Advance(TimeSpan.FromDays(29));
            Assert.False((await ProgressAsync()).GetProperty("overdue").GetBoolean());
            app.Clock.Advance(TimeSpan.FromDays(1));
            Assert.True((await ProgressAsync()).GetProperty("overdue").GetBoolean());
            Assert.Equal(2, await RunJobAsync());
            Assert.Equal(4, await NoticesAsync());
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    [Fact]
    public async Task Visits_AreCheckedFieldByField_AndCountInTheFigures()
    {
        var admin = await app.ApiAsAsync(World.AdminA);
        var caseId = await CaseKit.OpenAsync(admin, app.World.CommunityA.Id, "小东");
        var bad = await admin.PostJsonAsync($"/api/v1/assistance/cases/{caseId}/visits",
            new { visitedOn = "2025-12-01", form = "Home", minutes = 0, done = "", moneyGiven = 10.555 });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var text = await bad.ProblemTextAsync();
        Assert.Contains("帮扶日期：不能早于受理日期（2026-01-01）", text, StringComparison.Ordinal);
        Assert.Contains("时长（分钟）：应在 1 到 1440 之间", text, StringComparison.Ordinal);
        Assert.Contains("帮扶内容：不能为空", text, StringComparison.Ordinal);
        Assert.Contains("发放金额（元）", text, StringComparison.Ordinal);

        var before = await VolunteeringKit.OkJson(await admin.GetAsync($"/api/v1/assistance/figures?unitId={app.World.CommunityA.Id}&year=2026"));
        Assert.Equal(HttpStatusCode.Created, (await admin.PostJsonAsync($"/api/v1/assistance/cases/{caseId}/visits",
            new { visitedOn = "2026-03-01", form = "School", minutes = 45, done = "到校了解学习情况", moneyGiven = 200.5 })).StatusCode);
        var after = await VolunteeringKit.OkJson(await admin.GetAsync($"/api/v1/assistance/figures?unitId={app.World.CommunityA.Id}&year=2026"));
        Assert.Equal(before.GetProperty("visits").GetInt32() + 1, after.GetProperty("visits").GetInt32());
        Assert.Equal(before.GetProperty("visitMinutes").GetInt32() + 45, after.GetProperty("visitMinutes").GetInt32());
        Assert.Equal(before.GetProperty("moneyOnVisits").GetDecimal() + 200.5m, after.GetProperty("moneyOnVisits").GetDecimal());
    }

    private Task<(int Cases, int People)> CountsAsync() => app.AsSystemAsync(async (_, db) =>
        (await db.AssistanceCases.CountAsync(), await db.People.IgnoreQueryFilters().CountAsync()));
}

public sealed class CaseOnSqlite(SqliteApp app) : CaseTests(app), IClassFixture<SqliteApp>;

public sealed class CaseOnPostgres(PostgresApp app) : CaseTests(app), IClassFixture<PostgresApp>;

public abstract class BeneficiaryCategoryTests(QingyunApp app)
{
    [Fact]
    public async Task ASystemAdministratorAddsACategory_ALeagueAdminCannot_AndAnArchivedOneLeavesTheIntake()
    {
        var sys = await app.ApiAsAsync(World.SysAdmin);
        var admin = await app.ApiAsAsync(World.AdminA);
        var name = "服刑人员子女" + Random.Shared.Next(100, 999);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.PostJsonAsync("/api/v1/assistance/categories", new { name })).StatusCode);
        var empty = await sys.PostJsonAsync("/api/v1/assistance/categories", new { name = "" });
        Assert.Contains("名称：不能为空", await empty.ProblemTextAsync(), StringComparison.Ordinal);
        var created = await sys.PostJsonAsync("/api/v1/assistance/categories", new { name, nameEn = "Child of a prisoner" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var code = (await created.ReadJsonAsync()).GetProperty("code").GetString()!;
        var again = await sys.PostJsonAsync("/api/v1/assistance/categories", new { name });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("名称：已存在", await again.ProblemTextAsync(), StringComparison.Ordinal);

        var opened = await admin.PostJsonAsync("/api/v1/assistance/cases", CaseKit.Intake(app.World.CommunityA.Id, categories: [code]));
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);

        await app.AsSystemAsync(async (sp, _) =>
        {
            var categories = sp.GetRequiredService<BeneficiaryCategories>();
            var id = (await categories.AllAsync(CancellationToken.None)).Single(c => c.Code == code).Id;
            return (await categories.SetArchivedAsync(id, true, CancellationToken.None)).Ok;
        });
        var refused = await admin.PostJsonAsync("/api/v1/assistance/cases", CaseKit.Intake(app.World.CommunityA.Id, categories: [code]));
        Assert.Contains("帮扶对象类别：不是有效的选项", await refused.ProblemTextAsync(), StringComparison.Ordinal);
    }
}

public sealed class BeneficiaryCategoryOnSqlite(SqliteApp app) : BeneficiaryCategoryTests(app), IClassFixture<SqliteApp>;

public sealed class BeneficiaryCategoryOnPostgres(PostgresApp app) : BeneficiaryCategoryTests(app), IClassFixture<PostgresApp>;
