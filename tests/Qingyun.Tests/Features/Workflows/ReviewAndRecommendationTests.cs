using System.Net;
using Microsoft.EntityFrameworkCore;
using Qingyun.Domain.Organization;
using Qingyun.Tests.Infrastructure;

namespace Qingyun.Tests.Features.Workflows;

/// <summary>The yearly review and registration round, and 推优入党 with its printable form.</summary>
public abstract class ReviewAndRecommendationTests(QingyunApp app)
{
    /// <summary>A fresh branch under Community A with n members, so each test has its own round.</summary>
    private async Task<(Guid Unit, List<Guid> Members)> BranchWithMembersAsync(int n, int age = 22)
    {
        var admin = await app.ApiAsAsync(World.AdminA);
        var code = TestIds.Unique("P-D-S-A-X");
        var created = await admin.PostJsonAsync("/api/v1/units", new { parentId = app.World.CommunityA.Id, code, name = "评议测试团支部" + code, kind = UnitKind.Community.ToString(), bodyType = LeagueBodyType.Branch.ToString() });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var unit = (await created.ReadJsonAsync()).GetProperty("id").GetGuid();
        var members = new List<Guid>();
        for (var i = 0; i < n; i++)
        {
            var r = await admin.PostJsonAsync("/api/v1/members", new
            {
                unitId = unit, name = $"团员{i + 1}", idNumber = TestIds.BornYearsAgo(age), memberNumber = TestIds.Unique("V"), joinedOn = RecruitmentTests.D(RecruitmentTests.Today.AddYears(-(age - 15))),
            });
            Assert.Equal(HttpStatusCode.Created, r.StatusCode);
            members.Add((await r.ReadJsonAsync()).GetProperty("id").GetGuid());
        }
        return (unit, members);
    }

    private static object Entries(IEnumerable<Guid> members, Func<int, string?> grade, Func<int, bool> present) =>
        members.Select((m, i) => new { membershipId = m, present = present(i), grade = grade(i) }).ToList();

    [Fact]
    public async Task ARound_RefusesTooManyExcellent_AndAThinMeeting_ThenTheLevelAboveRegistersTheQualified()
    {
        var (unit, members) = await BranchWithMembersAsync(10);
        var api = await app.ApiAsAsync(World.AdminA);
        var year = RecruitmentTests.Today.Year;
        var opened = await api.PostJsonAsync("/api/v1/reviews", new { unitId = unit, year });
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var id = (await opened.ReadJsonAsync()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.Conflict, (await api.PostJsonAsync("/api/v1/reviews", new { unitId = unit, year })).StatusCode);
        var meeting = RecruitmentTests.D(RecruitmentTests.Today);

        // Four of ten "excellent" is 40%: refused, and nothing of the draft is kept.
        var tooMany = await api.PutJsonAsync($"/api/v1/reviews/{id}/entries", new { meetingOn = meeting, entries = Entries(members, i => i < 4 ? "Excellent" : "Qualified", _ => true) });
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Contains("“优秀”不得超过 30%（本次最多 3 人，现为 4 人）", await tooMany.ProblemTextAsync());
        Assert.Equal(0, await app.AsSystemAsync((_, db) => db.ReviewEntries.IgnoreQueryFilters().CountAsync(e => e.RoundId == id && e.Grade != null)));

        // Six of ten present is under two thirds: saved as a draft, but it cannot be submitted.
        var thin = await api.PutJsonAsync($"/api/v1/reviews/{id}/entries", new { meetingOn = meeting, entries = Entries(members, i => i < 3 ? "Excellent" : i == 9 ? "Unqualified" : "Qualified", i => i < 6) });
        Assert.Equal(HttpStatusCode.OK, thin.StatusCode);
        var submit = await api.PostJsonAsync($"/api/v1/reviews/{id}/submit", new { });
        Assert.Equal(HttpStatusCode.BadRequest, submit.StatusCode);
        Assert.Contains("到会 6 人，应到 10 人，须有三分之二（至少 7 人）到会", await submit.ProblemTextAsync());

        Assert.Equal(HttpStatusCode.OK, (await api.PutJsonAsync($"/api/v1/reviews/{id}/entries", new { meetingOn = meeting, entries = Entries(members, i => i < 3 ? "Excellent" : i == 9 ? "Unqualified" : "Qualified", i => i < 7) })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.PostJsonAsync($"/api/v1/reviews/{id}/submit", new { })).StatusCode);
        // Submitted: the branch can no longer change it, and only the level above decides.
        Assert.Equal(HttpStatusCode.Conflict, (await api.PutJsonAsync($"/api/v1/reviews/{id}/entries", new { meetingOn = meeting, entries = Entries(members, _ => "Qualified", _ => true) })).StatusCode);
        var cadre = await app.ApiAsAsync(World.AdminB);
        Assert.Equal(HttpStatusCode.NotFound, (await cadre.PostJsonAsync($"/api/v1/reviews/{id}/decision", new { approve = true })).StatusCode);
        var approved = await api.PostJsonAsync($"/api/v1/reviews/{id}/decision", new { approve = true });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);

        var registered = await app.AsSystemAsync((_, db) => db.Memberships.IgnoreQueryFilters().Where(m => members.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.RegisteredYear));
        Assert.Equal(9, registered.Count(kv => kv.Value == year));
        Assert.Null(registered[members[9]]);
    }

    [Fact]
    public async Task ARecommendation_IsVotedApprovedAndPrintedAsAChinesePdf()
    {
        var (unit, members) = await BranchWithMembersAsync(1, age: 24);
        var (_, young) = await BranchWithMembersAsync(1, age: 16);
        var api = await app.ApiAsAsync(World.AdminA);
        var tooYoung = await api.PostJsonAsync("/api/v1/recommendations", new { membershipId = young[0], nominatedOn = RecruitmentTests.D(RecruitmentTests.Today) });
        Assert.Equal(HttpStatusCode.BadRequest, tooYoung.StatusCode);
        Assert.Contains("推优时应已满 18 周岁", await tooYoung.ProblemTextAsync());

        var nominated = await api.PostJsonAsync("/api/v1/recommendations", new { membershipId = members[0], nominatedOn = RecruitmentTests.D(RecruitmentTests.Today.AddDays(-20)), reason = "工作积极，服务群众，表现突出。" });
        Assert.Equal(HttpStatusCode.Created, nominated.StatusCode);
        var id = (await nominated.ReadJsonAsync()).GetProperty("id").GetGuid();

        MultipartFormDataContent Meeting(int total, int present, int votes)
        {
            var f = new MultipartFormDataContent
            {
                { new StringContent(RecruitmentTests.D(RecruitmentTests.Today.AddDays(-10))), "meetingOn" }, { new StringContent(total.ToString()), "membersTotal" },
                { new StringContent(present.ToString()), "membersPresent" }, { new StringContent(votes.ToString()), "votesFor" },
            };
            f.Add(RecruitmentTests.Pdf("minutes"), "minutes", "minutes.pdf");
            return f;
        }
        var weak = await api.PostAsync($"/api/v1/recommendations/{id}/meeting", Meeting(30, 18, 15));
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        var text = await weak.ProblemTextAsync();
        Assert.Contains("须有三分之二（至少 20 人）到会", text);
        Assert.Contains("赞成票须超过应到会团员的半数（至少 16 票）", text);
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/v1/recommendations/{id}/meeting", Meeting(30, 25, 22))).StatusCode);

        Assert.Equal(HttpStatusCode.Conflict, (await api.GetAsync($"/api/v1/recommendations/{id}/form.pdf")).StatusCode);
        var approved = await api.PostJsonAsync($"/api/v1/recommendations/{id}/decision", new { approve = true, on = RecruitmentTests.D(RecruitmentTests.Today.AddDays(-5)), partyOrganization = "测试社区党委" });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal(RecruitmentTests.D(RecruitmentTests.Today.AddDays(-5).AddMonths(12).AddDays(-1)), (await approved.ReadJsonAsync()).GetProperty("validUntil").GetString());

        var pdf = await api.GetAsync($"/api/v1/recommendations/{id}/form.pdf");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        var bytes = await pdf.Content.ReadAsByteArrayAsync();
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(bytes, 0, 5));
        // The Chinese glyphs are embedded from a CJK font, not drawn as empty boxes.
        Assert.Contains("NotoSansCJK", System.Text.Encoding.Latin1.GetString(bytes).Replace(" ", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
        Assert.True(bytes.Length > 5_000);
        Assert.True(await app.AsSystemAsync((_, db) => db.AuditEntries.IgnoreQueryFilters().AnyAsync(a => a.EntityId == id.ToString() && a.Field == "Form")));

        var outcome = await api.PostJsonAsync($"/api/v1/recommendations/{id}/outcome", new { outcome = "Activist", on = RecruitmentTests.D(RecruitmentTests.Today) });
        Assert.Equal("Closed", (await outcome.ReadJsonAsync()).GetProperty("state").GetString());
        Assert.Equal(unit, await app.AsSystemAsync((_, db) => db.Recommendations.IgnoreQueryFilters().Where(r => r.Id == id).Select(r => r.UnitId).SingleAsync()));
    }
}

public sealed class ReviewAndRecommendationOnSqlite(SqliteApp app) : ReviewAndRecommendationTests(app), IClassFixture<SqliteApp>;

public sealed class ReviewAndRecommendationOnPostgres(PostgresApp app) : ReviewAndRecommendationTests(app), IClassFixture<PostgresApp>;
