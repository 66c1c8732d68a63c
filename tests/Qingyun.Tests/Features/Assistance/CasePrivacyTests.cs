using System.Net;
using Microsoft.EntityFrameworkCore;
using Qingyun.Domain.Audit;
using Qingyun.Tests.Features.Volunteering;
using Qingyun.Tests.Infrastructure;

namespace Qingyun.Tests.Features.Assistance;

/// <summary>Decision 012: a case is seen by its owner, the volunteer paired with it now and case administrators — nobody else.</summary>
public abstract class CasePrivacyTests(QingyunApp app)
{
    [Fact]
    public async Task VolunteerPairedWithOneCase_Gets403OnAnotherCase_OnEveryPageAndEndpoint()
    {
        var admin = await app.ApiAsAsync(World.AdminA);
        var mine = await CaseKit.OpenAsync(admin, app.World.CommunityA.Id, "小明");
        var other = await CaseKit.OpenAsync(admin, app.World.CommunityA.Id, "小红");
        var volunteer = await VolunteeringKit.RegisterAsync(app);
        await CaseKit.PairAsync(admin, mine, volunteer.Number);
        var pages = await app.PagesAsAsync(volunteer.UserName);

        // Their own case opens, on the phone page and the full page, and in their list.
        Assert.Equal(HttpStatusCode.OK, (await pages.Http.GetAsync($"/serve/cases/{mine}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await volunteer.Api.GetAsync($"/api/v1/assistance/cases/{mine}")).StatusCode);
        var list = await VolunteeringKit.OkJson(await volunteer.Api.GetAsync("/api/v1/me/cases"));
        Assert.Equal([mine], list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToArray());

        var before = await app.AsSystemAsync((_, db) => db.CaseVisits.CountAsync(v => v.CaseId == other));
        foreach (var url in new[] { $"/assistance/{other}", $"/serve/cases/{other}", $"/assistance/{other}/plan", $"/assistance/{other}/support" })
        {
            var page = await pages.Http.GetAsync(url);
            Assert.True(page.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound, $"GET {url}: {(int)page.StatusCode}");
            Assert.DoesNotContain("小红", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await pages.Http.GetAsync($"/assistance/{other}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await pages.Http.GetAsync($"/serve/cases/{other}")).StatusCode);
        foreach (var (handler, page) in new[] { ("Visit", "serve/cases"), ("Visit", "assistance"), ("Status", "assistance"), ("Pair", "assistance"), ("Reveal", "assistance") })
        {
            var post = await pages.PostFormAsync($"/{page}/{other}?handler={handler}", new()
            {
                ["VisitedOn"] = "2026-02-01", ["Form"] = "Home", ["Minutes"] = "60", ["Done"] = "越权记录", ["status"] = "Closed", ["note"] = "x",
                ["volunteerNumber"] = volunteer.Number, ["pairedOn"] = "2026-02-01",
            }, tokenFrom: $"/serve/cases/{mine}");
            Assert.True(post.StatusCode == HttpStatusCode.Forbidden, $"{handler} on /{page}: {(int)post.StatusCode} {await post.Content.ReadAsStringAsync()}");
        }
        var api = volunteer.Api;
        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync($"/api/v1/assistance/cases/{other}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync($"/api/v1/assistance/cases/{other}/visits")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.PostJsonAsync($"/api/v1/assistance/cases/{other}/visits",
            new { visitedOn = "2026-02-01", form = "Home", minutes = 60, done = "越权记录" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.PostJsonAsync($"/api/v1/assistance/cases/{other}/status", new { status = "Closed", note = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.PostJsonAsync($"/api/v1/assistance/cases/{other}/pairing", new { volunteerNumber = volunteer.Number, startedOn = "2026-02-01" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.PutJsonAsync($"/api/v1/assistance/cases/{other}", new { programme = "YouthRun" })).StatusCode);
        Assert.Equal(before, await app.AsSystemAsync((_, db) => db.CaseVisits.CountAsync(v => v.CaseId == other)));
    }

    [Fact]
    public async Task PairedVolunteer_LogsVisits_ButNeverSeesTheFullIdNumber_NorChangesTheCase()
    {
        var admin = await app.ApiAsAsync(World.AdminA);
        var idNumber = CaseKit.ChildIdNumber();
        var caseId = await CaseKit.OpenAsync(admin, app.World.CommunityA.Id, "小刚", idNumber);
        var volunteer = await VolunteeringKit.RegisterAsync(app);
        await CaseKit.PairAsync(admin, caseId, volunteer.Number);

        var json = await VolunteeringKit.OkJson(await volunteer.Api.GetAsync($"/api/v1/assistance/cases/{caseId}"));
        Assert.Equal("Volunteer", json.GetProperty("role").GetString());
        Assert.Contains("*", json.GetProperty("beneficiary").GetProperty("idNumber").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(idNumber, json.ToString(), StringComparison.Ordinal);
        var pages = await app.PagesAsAsync(volunteer.UserName);
        foreach (var url in new[] { $"/serve/cases/{caseId}", $"/assistance/{caseId}" })
        {
            Assert.DoesNotContain(idNumber, await (await pages.Http.GetAsync(url)).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await pages.PostFormAsync($"/assistance/{caseId}?handler=Reveal", [], tokenFrom: $"/assistance/{caseId}")).StatusCode);
        var reveal = await volunteer.Api.PostJsonAsync($"/api/v1/people/{json.GetProperty("case").GetProperty("personId").GetGuid()}/reveal", new { field = "IdNumber" });
        Assert.True(reveal.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, $"reveal answered {(int)reveal.StatusCode}");
        Assert.DoesNotContain(idNumber, await reveal.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var visit = await volunteer.Api.PostJsonAsync($"/api/v1/assistance/cases/{caseId}/visits",
            new { visitedOn = "2026-03-05", form = "Home", minutes = 90, done = "辅导数学作业", resourcesGiven = "文具一套", moneyGiven = 0 });
        Assert.Equal(HttpStatusCode.Created, visit.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await volunteer.Api.PostJsonAsync($"/api/v1/assistance/cases/{caseId}/status", new { status = "Closed", note = "结束" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await volunteer.Api.PostJsonAsync($"/api/v1/assistance/cases/{caseId}/pairing", new { volunteerNumber = volunteer.Number, startedOn = "2026-03-01" })).StatusCode);
    }

    [Fact]
    public async Task CadreWhoDoesNotOwnACase_SeesOnlyCounts_AndTheBeneficiaryIsNotInTheirPeopleList()
    {
        var admin = await app.ApiAsAsync(World.AdminA);
        var caseId = await CaseKit.OpenAsync(admin, app.World.CommunityA.Id, "小丽");
        var cadre = await app.ApiAsAsync(World.CadreA);

        Assert.Equal(HttpStatusCode.Forbidden, (await cadre.GetAsync($"/api/v1/assistance/cases/{caseId}")).StatusCode);
        var list = await VolunteeringKit.OkJson(await cadre.GetAsync($"/api/v1/assistance/cases?unitId={app.World.CommunityA.Id}"));
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == caseId);
        var people = await (await cadre.GetAsync($"/api/v1/people?unitId={app.World.CommunityA.Id}&name=小丽")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("小丽", people, StringComparison.Ordinal);
        var adminPeople = await (await admin.GetAsync($"/api/v1/people?unitId={app.World.CommunityA.Id}&name=小丽")).Content.ReadAsStringAsync();
        Assert.Contains("小丽", adminPeople, StringComparison.Ordinal);

        var figures = await VolunteeringKit.OkJson(await cadre.GetAsync($"/api/v1/assistance/figures?unitId={app.World.CommunityA.Id}&year=2026"));
        Assert.True(figures.GetProperty("beneficiaries").GetInt32() >= 1);
        Assert.DoesNotContain("小丽", figures.ToString(), StringComparison.Ordinal);

        // A case a cadre opens is theirs: they see it, the other cadre-less admin of B does not.
        var own = await CaseKit.OpenAsync(cadre, app.World.CommunityA.Id, "小强");
        Assert.Equal(HttpStatusCode.OK, (await cadre.GetAsync($"/api/v1/assistance/cases/{own}")).StatusCode);
        var adminB = await app.ApiAsAsync(World.AdminB);
        Assert.Equal(HttpStatusCode.Forbidden, (await adminB.GetAsync($"/api/v1/assistance/cases/{own}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await adminB.GetAsync($"/api/v1/assistance/figures?unitId={app.World.CommunityA.Id}")).StatusCode);
    }

    [Fact]
    public async Task EveryReadOfACase_IsAudited_AndAnExportNeedsAReason()
    {
        var admin = await app.ApiAsAsync(World.AdminA);
        var caseId = await CaseKit.OpenAsync(admin, app.World.CommunityA.Id, "小芳");
        int Reads() => app.AsSystemAsync((_, db) => db.AuditEntries.CountAsync(a => a.Action == AuditAction.Read && a.EntityId == caseId.ToString())).Result;
        var before = Reads();
        await admin.GetAsync($"/api/v1/assistance/cases/{caseId}");
        await admin.GetAsync($"/api/v1/assistance/cases/{caseId}/visits");
        var pages = await app.PagesAsAsync(World.AdminA);
        await pages.Http.GetAsync($"/assistance/{caseId}");
        Assert.Equal(before + 3, Reads());

        var url = $"/assistance?UnitId={app.World.CommunityA.Id}&handler=Export";
        var refused = await pages.PostFormAsync(url, new() { ["reason"] = "" }, tokenFrom: "/assistance");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var refusedText = await refused.Content.ReadAsStringAsync();
        Assert.True(refusedText.Contains("导出用途", StringComparison.Ordinal), refusedText[..Math.Min(3000, refusedText.Length)]);
        var exports = await app.AsSystemAsync((_, db) => db.AuditEntries.CountAsync(a => a.Action == AuditAction.Export && a.EntityType == "AssistanceCase"));
        var file = await pages.PostFormAsync(url, new() { ["reason"] = "区妇联助学金名单核对" }, tokenFrom: "/assistance");
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        var bytes = await file.Content.ReadAsByteArrayAsync();
        Assert.Equal((byte)'P', bytes[0]);
        var line = await app.AsSystemAsync((_, db) => db.AuditEntries.Where(a => a.Action == AuditAction.Export && a.EntityType == "AssistanceCase").OrderByDescending(a => a.At).FirstAsync());
        Assert.Equal(exports + 1, await app.AsSystemAsync((_, db) => db.AuditEntries.CountAsync(a => a.Action == AuditAction.Export && a.EntityType == "AssistanceCase")));
        Assert.Contains("区妇联助学金名单核对", line.Changes, StringComparison.Ordinal);

        // A cadre holds no CasesRead: no export at all.
        var cadrePages = await app.PagesAsAsync(World.CadreA);
        Assert.Equal(HttpStatusCode.Forbidden, (await cadrePages.PostFormAsync(url, new() { ["reason"] = "想看看名单" }, tokenFrom: "/assistance")).StatusCode);
    }
}

public sealed class CasePrivacyOnSqlite(SqliteApp app) : CasePrivacyTests(app), IClassFixture<SqliteApp>;

public sealed class CasePrivacyOnPostgres(PostgresApp app) : CasePrivacyTests(app), IClassFixture<PostgresApp>;
