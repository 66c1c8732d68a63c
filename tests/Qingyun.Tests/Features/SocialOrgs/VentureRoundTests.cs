using System.Net;
using Microsoft.EntityFrameworkCore;
using Qingyun.Domain.SocialOrgs;
using Qingyun.Tests.Infrastructure;

namespace Qingyun.Tests.Features.SocialOrgs;

/// <summary>A whole 公益创投 round: draft, open, applications, review through an evaluation, awards by ranking, reports and payments.</summary>
public abstract class VentureRoundTests(QingyunApp app)
{
    [Fact]
    public async Task AWholeRound_RunsFromDraftToCompletedProjects_WithinBudgetCapsAndAwards()
    {
        var w = app.World;
        var admin = await app.ApiAsAsync(World.AdminA);
        var scheme = await VentureKit.SchemeAsync(app, w.CommunityA.Id);
        var roundId = await VentureKit.CreateRoundAsync(app, admin, w.CommunityA.Id, scheme.Id, budget: 100_000m, maxGrant: 50_000m, open: false);
        var first = await VentureKit.OrgAsync(app, w.CommunityA.Id);
        var second = await VentureKit.OrgAsync(app, w.BranchA1.Id);
        var third = await VentureKit.OrgAsync(app, w.CommunityA.Id);
        var quitter = await VentureKit.OrgAsync(app, w.CommunityA.Id);
        var late = await VentureKit.OrgAsync(app, w.CommunityA.Id);

        // A draft is the unit's alone: organizations cannot see it, let alone apply.
        var early = await first.Api.PostJsonAsync("/api/v1/me/applications", VentureKit.Application(app, roundId, 50_000m));
        Assert.Equal(HttpStatusCode.NotFound, early.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/venture-rounds/{roundId}/open", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"/api/v1/venture-rounds/{roundId}/open", null)).StatusCode);
        var listed = await (await first.Api.GetAsync("/api/v1/me/venture-rounds")).ReadJsonAsync();
        Assert.Contains(listed.GetProperty("items").EnumerateArray(), r => r.GetProperty("id").GetGuid() == roundId);

        var a1 = await VentureKit.ApplyAsync(app, first, roundId, 50_000m, "社区老人陪伴计划");
        var a2 = await VentureKit.ApplyAsync(app, second, roundId, 40_000m, "青少年课业辅导");
        var a3 = await VentureKit.ApplyAsync(app, third, roundId, 30_000m, "河道环保行动");
        var a4 = await VentureKit.ApplyAsync(app, quitter, roundId, 20_000m, "退出的项目");
        var a5 = await VentureKit.ApplyAsync(app, late, roundId, 20_000m, "不合格的项目");
        Assert.Equal(HttpStatusCode.OK, (await quitter.Api.PostAsync($"/api/v1/me/applications/{a4}/withdraw", null)).StatusCode);
        var noReason = await admin.PostJsonAsync($"/api/v1/venture-applications/{a5}/ineligible", new { reason = "" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("原因：不能为空", await noReason.ProblemTextAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostJsonAsync($"/api/v1/venture-applications/{a5}/ineligible", new { reason = "未按要求提交预算" })).StatusCode);

        // Review: not before the window closes unless closed early; exactly one evaluation with the submitted applications.
        var tooSoon = await admin.PostJsonAsync($"/api/v1/venture-rounds/{roundId}/start-review", new { early = false });
        Assert.Equal(HttpStatusCode.BadRequest, tooSoon.StatusCode);
        Assert.Contains("尚未过去", await tooSoon.ProblemTextAsync(), StringComparison.Ordinal);
        var started = await admin.PostJsonAsync($"/api/v1/venture-rounds/{roundId}/start-review", new { early = true });
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        var evaluationId = (await started.ReadJsonAsync()).GetProperty("evaluationId").GetGuid();
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostJsonAsync($"/api/v1/venture-rounds/{roundId}/start-review", new { early = true })).StatusCode);
        var (evaluations, subjects, roundEvaluation) = await app.AsSystemAsync(async (_, db) => (
            await db.Evaluations.Where(e => e.RoundId == roundId).ToListAsync(),
            await db.EvaluationSubjects.Where(s => s.EvaluationId == evaluationId).ToListAsync(),
            await db.VentureRounds.Where(r => r.Id == roundId).Select(r => r.EvaluationId).FirstAsync()));
        var evaluation = Assert.Single(evaluations);
        Assert.Equal(evaluationId, evaluation.Id);
        Assert.Equal(evaluationId, roundEvaluation);
        Assert.Equal(w.CommunityA.Id, evaluation.UnitId);
        Assert.Equal(scheme.Id, evaluation.SchemeId);
        Assert.Equal("2026年青年公益创投 评审", evaluation.Title);
        Assert.Equal(new[] { a1, a2, a3 }.Order(), subjects.Select(s => s.ApplicationId!.Value).Order());
        Assert.Contains(subjects, s => s.Label == "社区老人陪伴计划 — " + first.Name && s.OrganizationId == first.Id);

        // Awards wait for the closed evaluation, then follow its ranking.
        var waiting = await (await admin.GetAsync($"/api/v1/venture-rounds/{roundId}/awards")).ReadJsonAsync();
        Assert.False(waiting.GetProperty("evaluationClosed").GetBoolean());
        var notYet = await admin.PostJsonAsync($"/api/v1/venture-rounds/{roundId}/awards", new { awards = new[] { new { applicationId = a1, amount = 10_000m } } });
        Assert.Equal(HttpStatusCode.Conflict, notYet.StatusCode);
        await VentureKit.ScoreAndCloseAsync(app, evaluationId, scheme, new Dictionary<Guid, decimal> { [a1] = 7, [a2] = 9, [a3] = 8 });
        var board = await (await admin.GetAsync($"/api/v1/venture-rounds/{roundId}/awards")).ReadJsonAsync();
        var lines = board.GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal(new[] { a2, a3, a1 }, lines.Select(l => l.GetProperty("applicationId").GetGuid()));
        Assert.Equal(new[] { 90m, 80m, 70m }, lines.Select(l => l.GetProperty("total").GetDecimal()));
        Assert.Equal(new[] { 1, 2, 3 }, lines.Select(l => l.GetProperty("rank").GetInt32()));
        // Top-down within the budget of 100,000 and the cap of 50,000: 40,000 + 30,000 + the 30,000 left of the 50,000 asked.
        Assert.Equal(new[] { 40_000m, 30_000m, 30_000m }, lines.Select(l => l.GetProperty("proposed").GetDecimal()));

        var overRequest = await admin.PostJsonAsync($"/api/v1/venture-rounds/{roundId}/awards", new { awards = new[] { new { applicationId = a2, amount = 45_000m } } });
        Assert.Equal(HttpStatusCode.BadRequest, overRequest.StatusCode);
        Assert.Contains("立项资助：“青少年课业辅导”的资助金额不能超过申请金额 ¥40,000.00", await overRequest.ProblemTextAsync(), StringComparison.Ordinal);
        var overBudget = await admin.PostJsonAsync($"/api/v1/venture-rounds/{roundId}/awards", new
        {
            awards = new[] { new { applicationId = a1, amount = 50_000m }, new { applicationId = a2, amount = 40_000m }, new { applicationId = a3, amount = 30_000m } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, overBudget.StatusCode);
        Assert.Contains("资助合计 ¥120,000.00 超过资助总额 ¥100,000.00", await overBudget.ProblemTextAsync(), StringComparison.Ordinal);
        var notEvaluated = await admin.PostJsonAsync($"/api/v1/venture-rounds/{roundId}/awards", new { awards = new[] { new { applicationId = a4, amount = 10_000m } } });
        Assert.Equal(HttpStatusCode.BadRequest, notEvaluated.StatusCode);
        Assert.Contains("只能资助本轮评审过的申报", await notEvaluated.ProblemTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await app.AsSystemAsync((_, db) => db.LibraryProjects.CountAsync(p => p.ApplicationId == a1 || p.ApplicationId == a2 || p.ApplicationId == a3)));
        Assert.Equal(RoundStatus.Reviewing, await app.AsSystemAsync((_, db) => db.VentureRounds.Where(r => r.Id == roundId).Select(r => r.Status).FirstAsync()));

        var saved = await admin.PostJsonAsync($"/api/v1/venture-rounds/{roundId}/awards", new
        {
            awards = new[] { new { applicationId = a2, amount = 40_000m }, new { applicationId = a3, amount = 30_000m }, new { applicationId = a1, amount = 0m } },
        });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostJsonAsync($"/api/v1/venture-rounds/{roundId}/awards", new { awards = Array.Empty<object>() })).StatusCode);
        var (statuses, projects) = await app.AsSystemAsync(async (_, db) => (
            await db.VentureApplications.Where(a => a.RoundId == roundId).ToDictionaryAsync(a => a.Id, a => a.Status),
            await db.LibraryProjects.Where(p => p.ApplicationId == a2 || p.ApplicationId == a3 || p.ApplicationId == a1).ToListAsync()));
        Assert.Equal(ApplicationStatus.Awarded, statuses[a2]);
        Assert.Equal(ApplicationStatus.Awarded, statuses[a3]);
        Assert.Equal(ApplicationStatus.NotAwarded, statuses[a1]);
        Assert.Equal(ApplicationStatus.Withdrawn, statuses[a4]);
        Assert.Equal(ApplicationStatus.Ineligible, statuses[a5]);
        Assert.Equal(2, projects.Count);
        var project = projects.Single(p => p.ApplicationId == a2);
        Assert.Equal((w.CommunityA.Id, second.Id, "青少年课业辅导", 40_000m, OrgField.Volunteer), (project.UnitId, project.OrganizationId!.Value, project.Title, project.Budget!.Value, project.Field));

        // Reports: progress accepted, final returned then accepted — which completes the project and writes its outcome.
        var progress = await second.Api.PostJsonAsync($"/api/v1/me/applications/{a2}/reports", new { kind = "Progress", body = "已开展辅导 12 次", spent = 15_000m, beneficiaries = 30 });
        Assert.Equal(HttpStatusCode.Created, progress.StatusCode);
        var progressId = (await progress.ReadJsonAsync()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.Conflict, (await second.Api.PostJsonAsync($"/api/v1/me/applications/{a2}/reports", new { kind = "Final", body = "又一份" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await third.Api.PostJsonAsync($"/api/v1/me/applications/{a2}/reports", new { kind = "Final", body = "冒名" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/venture-reports/{progressId}/accept", null)).StatusCode);
        var final = await second.Api.PostJsonAsync($"/api/v1/me/applications/{a2}/reports", new { kind = "Final", body = "辅导 40 名青少年，成绩普遍提高", spent = 39_000m, beneficiaries = 40 });
        var finalId = (await final.ReadJsonAsync()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostJsonAsync($"/api/v1/venture-reports/{finalId}/return", new { reason = "请补充经费使用明细" })).StatusCode);
        Assert.Equal(ApplicationStatus.Awarded, await app.AsSystemAsync((_, db) => db.VentureApplications.Where(a => a.Id == a2).Select(a => a.Status).FirstAsync()));
        var again = await second.Api.PostJsonAsync($"/api/v1/me/applications/{a2}/reports", new { kind = "Final", body = "辅导 40 名青少年，成绩普遍提高；经费明细见附表", spent = 39_000m, beneficiaries = 40 });
        var againId = (await again.ReadJsonAsync()).GetProperty("id").GetGuid();

        // Payments never exceed the award.
        Assert.Equal(HttpStatusCode.Created, (await admin.PostJsonAsync($"/api/v1/venture-applications/{a2}/disbursements", new { on = VentureKit.Today(app), amount = 25_000m, reference = "PZ-2026-001" })).StatusCode);
        var beyond = await admin.PostJsonAsync($"/api/v1/venture-applications/{a2}/disbursements", new { on = VentureKit.Today(app), amount = 15_000.01m, reference = "PZ-2026-002" });
        Assert.Equal(HttpStatusCode.BadRequest, beyond.StatusCode);
        Assert.Contains("拨付金额：拨付合计不能超过资助金额 ¥40,000.00（已拨付 ¥25,000.00，最多还可拨付 ¥15,000.00）", await beyond.ProblemTextAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostJsonAsync($"/api/v1/venture-applications/{a2}/disbursements", new { on = VentureKit.Today(app), amount = 15_000m, reference = "PZ-2026-002" })).StatusCode);
        var notFunded = await admin.PostJsonAsync($"/api/v1/venture-applications/{a1}/disbursements", new { on = VentureKit.Today(app), amount = 1m, reference = "PZ-X" });
        Assert.Equal(HttpStatusCode.Conflict, notFunded.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/venture-reports/{againId}/accept", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"/api/v1/venture-reports/{againId}/accept", null)).StatusCode);
        var (done, outcome) = await app.AsSystemAsync(async (_, db) => (
            await db.VentureApplications.Where(a => a.Id == a2).Select(a => a.Status).FirstAsync(),
            await db.LibraryProjects.Where(p => p.ApplicationId == a2).Select(p => p.Outcome).FirstAsync()));
        Assert.Equal(ApplicationStatus.Completed, done);
        Assert.Equal("辅导 40 名青少年，成绩普遍提高；经费明细见附表", outcome);

        // The organization sees its own application, award, reports and payments.
        var own = await (await second.Api.GetAsync($"/api/v1/me/applications/{a2}")).ReadJsonAsync();
        Assert.Equal(40_000m, own.GetProperty("paid").GetDecimal());
        Assert.Equal(0m, own.GetProperty("remaining").GetDecimal());
        Assert.Equal(3, own.GetProperty("reports").GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await first.Api.GetAsync($"/api/v1/me/applications/{a2}")).StatusCode);

        // The round's figures, and closing: not while a funded project runs, unless by decision.
        var round = await (await admin.GetAsync($"/api/v1/venture-rounds/{roundId}")).ReadJsonAsync();
        var summary = round.GetProperty("summary");
        Assert.Equal((100_000m, 70_000m, 40_000m, 30_000m, 1), (summary.GetProperty("budget").GetDecimal(), summary.GetProperty("awarded").GetDecimal(),
            summary.GetProperty("paid").GetDecimal(), summary.GetProperty("toPay").GetDecimal(), summary.GetProperty("completed").GetInt32()));
        var running = await admin.PostJsonAsync($"/api/v1/venture-rounds/{roundId}/close", new { byDecision = false });
        Assert.Equal(HttpStatusCode.Conflict, running.StatusCode);
        Assert.Contains("还有 1 个资助项目未结项", await running.ProblemTextAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostJsonAsync($"/api/v1/venture-rounds/{roundId}/close", new { byDecision = true })).StatusCode);
    }

    [Fact]
    public async Task StartingTheReview_AfterTheWindow_NeedsNoEarlyClose_AndAnEmptyRoundIsRefused()
    {
        var w = app.World;
        var admin = await app.ApiAsAsync(World.AdminA);
        var scheme = await VentureKit.SchemeAsync(app, w.CommunityA.Id);
        var empty = await VentureKit.CreateRoundAsync(app, admin, w.CommunityA.Id, scheme.Id, fromDays: -10, untilDays: -1);
        var refused = await admin.PostJsonAsync($"/api/v1/venture-rounds/{empty}/start-review", new { early = false });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("没有待评审的申报", await refused.ProblemTextAsync(), StringComparison.Ordinal);
        Assert.Equal(RoundStatus.Open, await app.AsSystemAsync((_, db) => db.VentureRounds.Where(r => r.Id == empty).Select(r => r.Status).FirstAsync()));
        Assert.Equal(0, await app.AsSystemAsync((_, db) => db.Evaluations.CountAsync(e => e.RoundId == empty)));
    }
    [Fact]
    public async Task UnderConcurrency_TheReviewStartsOnce_AndPaymentsStopExactlyAtTheAward()
    {
        var w = app.World;
        var admin = await app.ApiAsAsync(World.AdminA);
        var scheme = await VentureKit.SchemeAsync(app, w.CommunityA.Id);
        var roundId = await VentureKit.CreateRoundAsync(app, admin, w.CommunityA.Id, scheme.Id, budget: 40_000m, maxGrant: 40_000m);
        var org = await VentureKit.OrgAsync(app, w.CommunityA.Id);
        var applicationId = await VentureKit.ApplyAsync(app, org, roundId, 40_000m);

        var starts = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
            (await (await app.ApiAsAsync(World.AdminA)).PostJsonAsync($"/api/v1/venture-rounds/{roundId}/start-review", new { early = true })).StatusCode));
        Assert.Single(starts, s => s == HttpStatusCode.OK);
        Assert.All(starts, s => Assert.True(s is HttpStatusCode.OK or HttpStatusCode.Conflict, s.ToString()));
        var evaluationId = await app.AsSystemAsync((_, db) => db.Evaluations.Where(e => e.RoundId == roundId).Select(e => e.Id).SingleAsync());
        Assert.Equal(1, await app.AsSystemAsync((_, db) => db.EvaluationSubjects.CountAsync(s => s.EvaluationId == evaluationId)));

        await VentureKit.ScoreAndCloseAsync(app, evaluationId, scheme, new Dictionary<Guid, decimal> { [applicationId] = 8 });
        var saved = await admin.PostJsonAsync($"/api/v1/venture-rounds/{roundId}/awards", new { awards = new[] { new { applicationId, amount = 40_000m } } });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);

        var clients = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => app.ApiAsAsync(World.AdminA)));
        var payments = await Task.WhenAll(clients.Select(async (c, i) =>
            (await c.PostJsonAsync($"/api/v1/venture-applications/{applicationId}/disbursements", new { on = VentureKit.Today(app), amount = 10_000m, reference = $"PZ-{i}" })).StatusCode));
        Assert.Equal(4, payments.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(2, payments.Count(s => s == HttpStatusCode.BadRequest));
        var paid = await app.AsSystemAsync(async (_, db) => (await db.VentureDisbursements.Where(d => d.ApplicationId == applicationId).Select(d => d.Amount).ToListAsync()).Sum());
        Assert.Equal(40_000m, paid);
    }
}

public sealed class VentureRoundOnSqlite(SqliteApp app) : VentureRoundTests(app), IClassFixture<SqliteApp>;

public sealed class VentureRoundOnPostgres(PostgresApp app) : VentureRoundTests(app), IClassFixture<PostgresApp>;
