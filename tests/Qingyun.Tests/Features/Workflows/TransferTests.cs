using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qingyun.Domain.Notices;
using Qingyun.Domain.Rosters;
using Qingyun.Tests.Infrastructure;

namespace Qingyun.Tests.Features.Workflows;

/// <summary>组织关系转接: within a scope, across scopes through the common ancestor, rejected, lapsed.</summary>
public abstract class TransferTests(QingyunApp app)
{
    private async Task<(Guid Id, string Number)> EnrolAsync(Guid unitId, string admin = World.AdminA)
    {
        var api = await app.ApiAsAsync(admin);
        var number = TestIds.Unique("T");
        var r = await api.PostJsonAsync("/api/v1/members", new
        {
            unitId, name = "转接团员", idNumber = TestIds.BornYearsAgo(22), memberNumber = number, joinedOn = RecruitmentTests.D(RecruitmentTests.Today.AddYears(-5)),
        });
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        return ((await r.ReadJsonAsync()).GetProperty("id").GetGuid(), number);
    }

    private Task<Membership> MembershipAsync(Guid id) => app.AsSystemAsync((_, db) => db.Memberships.IgnoreQueryFilters().AsNoTracking().SingleAsync(m => m.Id == id));

    [Fact]
    public async Task WithinOneScope_TheReceiverAccepts_AndTheMemberMovesWithTheirHistory()
    {
        var (id, _) = await EnrolAsync(app.World.BranchA1.Id);
        var api = await app.ApiAsAsync(World.AdminA);
        var started = await api.PostJsonAsync("/api/v1/transfers", new { membershipId = id, toUnitCode = app.World.CommunityA.Code.ToLowerInvariant(), reason = "Employment" });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var transfer = await started.ReadJsonAsync();
        Assert.Equal("Pending", transfer.GetProperty("state").GetString());
        var tid = transfer.GetProperty("id").GetGuid();

        // A second request for the same member is refused while this one is open.
        var twice = await api.PostJsonAsync("/api/v1/transfers", new { membershipId = id, toUnitCode = app.World.CommunityA.Code, reason = "Employment" });
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Contains("已有进行中的转接申请", await twice.ProblemTextAsync());

        var accepted = await api.PostJsonAsync($"/api/v1/transfers/{tid}/decision", new { accept = true });
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal("Accepted", (await accepted.ReadJsonAsync()).GetProperty("state").GetString());
        var m = await MembershipAsync(id);
        Assert.Equal(app.World.CommunityA.Id, m.UnitId);
        var history = await (await api.GetAsync($"/api/v1/members/{id}")).ReadJsonAsync();
        Assert.Contains(history.GetProperty("history").EnumerateArray(), e => e.GetProperty("kind").GetString() == "Transferred");
        Assert.Contains(history.GetProperty("history").EnumerateArray(), e => e.GetProperty("kind").GetString() == "Joined");

        // Answering twice changes nothing.
        Assert.Equal(HttpStatusCode.Conflict, (await api.PostJsonAsync($"/api/v1/transfers/{tid}/decision", new { accept = true })).StatusCode);
    }

    [Fact]
    public async Task ATransferToABranchOutsideScope_GoesThroughTheCommonAncestor_AndOnlyTheReceiverCanAccept()
    {
        var (id, _) = await EnrolAsync(app.World.BranchA1.Id);
        var adminA = await app.ApiAsAsync(World.AdminA);
        var started = await adminA.PostJsonAsync("/api/v1/transfers", new { membershipId = id, toUnitCode = app.World.CommunityB.Code, reason = "FurtherStudy" });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var t = await started.ReadJsonAsync();
        Assert.Equal("AwaitingAncestor", t.GetProperty("state").GetString());
        Assert.Equal(app.World.Street.Id, t.GetProperty("ancestorUnitId").GetGuid());
        var tid = t.GetProperty("id").GetGuid();

        // Neither end may push it through itself: the street (their common ancestor) routes it.
        var bySender = await adminA.PostJsonAsync($"/api/v1/transfers/{tid}/decision", new { accept = true });
        Assert.Equal(HttpStatusCode.Forbidden, bySender.StatusCode);
        Assert.Contains("共同上级团委", await bySender.ProblemTextAsync());
        var adminB = await app.ApiAsAsync(World.AdminB);
        Assert.Equal(HttpStatusCode.Forbidden, (await adminB.PostJsonAsync($"/api/v1/transfers/{tid}/decision", new { accept = true })).StatusCode);
        Assert.Equal(app.World.BranchA1.Id, (await MembershipAsync(id)).UnitId);

        var district = await app.ApiAsAsync(World.DistrictAdmin);
        var forwarded = await district.PostJsonAsync($"/api/v1/transfers/{tid}/decision", new { accept = true });
        Assert.Equal("Pending", (await forwarded.ReadJsonAsync()).GetProperty("state").GetString());
        // Now the receiving side answers; the sender still cannot.
        Assert.Equal(HttpStatusCode.Forbidden, (await adminA.PostJsonAsync($"/api/v1/transfers/{tid}/decision", new { accept = true })).StatusCode);
        var accepted = await adminB.PostJsonAsync($"/api/v1/transfers/{tid}/decision", new { accept = true });
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(app.World.CommunityB.Id, (await MembershipAsync(id)).UnitId);
        // The member left admin A's scope with the move.
        Assert.Equal(HttpStatusCode.NotFound, (await adminA.GetAsync($"/api/v1/members/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await adminB.GetAsync($"/api/v1/members/{id}")).StatusCode);
        var told = await app.AsSystemAsync((_, db) => db.Notices.IgnoreQueryFilters().CountAsync(n => n.Link == $"/transfers/{tid}" && n.Kind == NoticeKind.TransferAccepted));
        Assert.Equal(2, told);
        // The move is in the audit log, visible to the receiving side.
        var line = await app.AsSystemAsync((_, db) => db.AuditEntries.IgnoreQueryFilters().SingleAsync(a => a.EntityId == id.ToString() && a.Changes!.Contains(tid.ToString())));
        Assert.Equal(app.World.CommunityB.Id, line.UnitId);
        Assert.Equal(World.AdminB, line.UserName);
    }

    [Fact]
    public async Task TheReceiverMayStart_NamingTheMemberByNumberAndName_AndTheSenderRejectsWithAReason()
    {
        var (id, number) = await EnrolAsync(app.World.BranchA1.Id);
        var adminA = await app.ApiAsAsync(World.AdminA);
        var wrongName = await adminA.PostJsonAsync("/api/v1/transfers", new { toUnitId = app.World.CommunityA.Id, memberNumber = number, memberName = "别人", reason = "Relocation" });
        Assert.Equal(HttpStatusCode.NotFound, wrongName.StatusCode);
        Assert.Contains("团员编号与姓名不符", await wrongName.ProblemTextAsync());

        var started = await adminA.PostJsonAsync("/api/v1/transfers", new { toUnitId = app.World.CommunityA.Id, memberNumber = number, memberName = "转接团员", reason = "Relocation" });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var tid = (await started.ReadJsonAsync()).GetProperty("id").GetGuid();
        var noReason = await adminA.PostJsonAsync($"/api/v1/transfers/{tid}/decision", new { accept = false });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("说明：不能为空", await noReason.ProblemTextAsync());
        var rejected = await adminA.PostJsonAsync($"/api/v1/transfers/{tid}/decision", new { accept = false, note = "该团员仍在本支部工作" });
        Assert.Equal("Rejected", (await rejected.ReadJsonAsync()).GetProperty("state").GetString());
        Assert.Equal(app.World.BranchA1.Id, (await MembershipAsync(id)).UnitId);
    }

    [Fact]
    public async Task AnUnansweredRequest_LapsesAfterItsDays_BothSidesAreTold_AndALateAnswerIsRefused()
    {
        var (id, _) = await EnrolAsync(app.World.BranchA1.Id);
        var adminA = await app.ApiAsAsync(World.AdminA);
        var started = await adminA.PostJsonAsync("/api/v1/transfers", new { membershipId = id, toUnitId = app.World.CommunityA.Id, toUnitCode = app.World.CommunityA.Code, reason = "Unemployed" });
        var t = await started.ReadJsonAsync();
        var tid = t.GetProperty("id").GetGuid();
        var days = (t.GetProperty("dueAt").GetDateTimeOffset() - t.GetProperty("startedAt").GetDateTimeOffset()).TotalDays;
        Assert.Equal(10, days, 3);

        // Eleven days pass without an answer.
        await app.AsSystemAsync(async (_, db) => await db.Transfers.IgnoreQueryFilters().Where(x => x.Id == tid)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.StartedAt, DateTimeOffset.UtcNow.AddDays(-11)).SetProperty(x => x.DueAt, DateTimeOffset.UtcNow.AddDays(-1))));
        var late = await adminA.PostJsonAsync($"/api/v1/transfers/{tid}/decision", new { accept = true });
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("超期失效", await late.ProblemTextAsync());
        Assert.Equal("Lapsed", (await (await adminA.GetAsync($"/api/v1/transfers/{tid}")).ReadJsonAsync()).GetProperty("state").GetString());
        Assert.Equal(app.World.BranchA1.Id, (await MembershipAsync(id)).UnitId);
        var notices = await app.AsSystemAsync((_, db) => db.Notices.IgnoreQueryFilters().Where(n => n.Link == $"/transfers/{tid}" && n.Kind == NoticeKind.TransferLapsed).Select(n => n.UnitId).ToListAsync());
        Assert.Equal(new[] { app.World.BranchA1.Id, app.World.CommunityA.Id }.Order(), notices.Order());
        // The inbox shows it in Chinese.
        var inbox = await (await app.PagesAsAsync(World.AdminA)).Http.GetStringAsync("/notices");
        Assert.Contains("的转接申请超期未办理，已失效", inbox);
        // A new request can be started after a lapse.
        var again = await adminA.PostJsonAsync("/api/v1/transfers", new { membershipId = id, toUnitCode = app.World.CommunityA.Code, reason = "Unemployed" });
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
    }

    [Fact]
    public async Task AMemberAsksFromTheirOwnAccount_AndTheCommonAncestorRoutesIt()
    {
        var (id, number) = await EnrolAsync(app.World.BranchA1.Id);
        var userName = TestIds.Unique("member").ToLowerInvariant();
        await app.AsSystemAsync(async (sp, db) =>
        {
            var personId = await db.Memberships.IgnoreQueryFilters().Where(m => m.Id == id).Select(m => m.PersonId).SingleAsync();
            var user = new Qingyun.Security.AppUser { UserName = userName, DisplayName = "转接团员", HomeUnitId = app.World.BranchA1.Id, PersonId = personId, CreatedAt = DateTimeOffset.UtcNow };
            var created = await sp.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Qingyun.Security.AppUser>>().CreateAsync(user, QingyunApp.Password);
            Assert.True(created.Succeeded);
            return 0;
        });
        // The member sees their own record on 我的团籍 without any role.
        var pages = await app.PagesAsAsync(userName);
        var mine = await pages.Http.GetStringAsync("/account/membership");
        Assert.Contains(number, mine);
        var asked = await pages.PostFormAsync("/account/membership", new() { ["ToUnitCode"] = app.World.CommunityB.Code, ["Reason"] = "Employment", ["Note"] = "到乙社区工作" });
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        var t = await app.AsSystemAsync((_, db) => db.Transfers.IgnoreQueryFilters().SingleAsync(x => x.MembershipId == id));
        Assert.Equal(TransferState.AwaitingAncestor, t.State);
        Assert.Equal(TransferSide.Member, t.StartedBy);
        Assert.Equal(app.World.Street.Id, t.AncestorUnitId);
        // A second request is refused while the first is open, through the API too.
        var api = await app.ApiAsAsync(userName);
        var again = await api.PostJsonAsync("/api/v1/me/transfer", new { toUnitCode = app.World.CommunityB.Code, reason = "Employment" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        // An account with no membership is told so, in Chinese.
        var none = await (await app.ApiAsAsync(World.AdminB)).PostJsonAsync("/api/v1/me/transfer", new { toUnitCode = app.World.CommunityA.Code, reason = "Employment" });
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        Assert.Contains("您的账号没有关联团员身份", await none.ProblemTextAsync());
    }

    [Fact]
    public async Task OutsiderAndBadInput_AreRefusedNamingTheField()
    {
        var (id, _) = await EnrolAsync(app.World.BranchA1.Id);
        var adminB = await app.ApiAsAsync(World.AdminB);
        Assert.Equal(HttpStatusCode.NotFound, (await adminB.PostJsonAsync("/api/v1/transfers", new { membershipId = id, toUnitCode = app.World.CommunityB.Code, reason = "Employment" })).StatusCode);
        var adminA = await app.ApiAsAsync(World.AdminA);
        var unknown = await adminA.PostJsonAsync("/api/v1/transfers", new { membershipId = id, toUnitCode = "NO-SUCH", reason = "Employment" });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("转入组织代码：找不到组织代码“NO-SUCH”", await unknown.ProblemTextAsync());
        var same = await adminA.PostJsonAsync("/api/v1/transfers", new { membershipId = id, toUnitCode = app.World.BranchA1.Code, reason = "Other" });
        Assert.Equal(HttpStatusCode.BadRequest, same.StatusCode);
        var text = await same.ProblemTextAsync();
        Assert.Contains("转入组织与现所在组织相同", text);
        Assert.Contains("选择“其他”原因时请填写说明", text);
        Assert.Equal(0, await app.AsSystemAsync((_, db) => db.Transfers.IgnoreQueryFilters().CountAsync(t => t.MembershipId == id)));
    }
}

public sealed class TransfersOnSqlite(SqliteApp app) : TransferTests(app), IClassFixture<SqliteApp>;

public sealed class TransfersOnPostgres(PostgresApp app) : TransferTests(app), IClassFixture<PostgresApp>;
