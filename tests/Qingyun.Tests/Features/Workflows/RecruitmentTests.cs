using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Qingyun.Tests.Infrastructure;

namespace Qingyun.Tests.Features.Workflows;

/// <summary>团员发展 from application to the roster, and every refusal on the way.</summary>
public abstract class RecruitmentTests(QingyunApp app)
{
    internal static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    internal static string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal static ByteArrayContent Pdf(string text = "signed form")
    {
        var content = new ByteArrayContent(System.Text.Encoding.ASCII.GetBytes("%PDF-1.4\n% " + text + "\n%%EOF\n"));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        return content;
    }

    private static MultipartFormDataContent Form(Dictionary<string, string> fields, HttpContent? file, string fileField = "form")
    {
        var form = new MultipartFormDataContent();
        foreach (var (k, v) in fields)
        {
            form.Add(new StringContent(v), k);
        }
        if (file is not null)
        {
            form.Add(file, fileField, "form.pdf");
        }
        return form;
    }

    private async Task<HttpResponseMessage> ApplyAsync(HttpClient api, string idNumber, DateOnly appliedOn, HttpContent? file, Guid? unitId = null) =>
        await api.PostAsync("/api/v1/recruits", Form(new()
        {
            ["unitId"] = (unitId ?? app.World.CommunityA.Id).ToString(), ["name"] = "申请人", ["idNumber"] = idNumber, ["appliedOn"] = D(appliedOn),
        }, file));

    private static Task<HttpResponseMessage> StepAsync(HttpClient api, Guid id, string to, DateOnly on, HttpContent? file = null) =>
        api.PostAsync($"/api/v1/recruits/{id}/steps", Form(new() { ["to"] = to, ["on"] = D(on) }, file ?? Pdf()));

    private async Task<Guid> CandidateAsync(HttpClient api, DateOnly activistOn, int classes)
    {
        var created = await ApplyAsync(api, TestIds.BornYearsAgo(17), activistOn.AddDays(-20), Pdf());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.ReadJsonAsync()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await StepAsync(api, id, "Activist", activistOn)).StatusCode);
        for (var i = 0; i < classes; i++)
        {
            var c = await api.PostJsonAsync($"/api/v1/recruits/{id}/classes", new { on = D(activistOn.AddDays(7 * (i + 1))), topic = $"团课第{i + 1}讲", hours = 2 });
            Assert.Equal(HttpStatusCode.OK, c.StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await StepAsync(api, id, "Candidate", activistOn.AddDays(80))).StatusCode);
        return id;
    }

    [Fact]
    public async Task AYoungPerson_GoesFromApplicationToTheRoster_WithEveryStepDatedSignedAndProved()
    {
        var api = await app.ApiAsAsync(World.AdminA);
        var activistOn = Today.AddDays(-150);
        var id = await CandidateAsync(api, activistOn, classes: 8);
        var meeting = await StepAsync(api, id, "Proposed", Today.AddDays(-20));
        Assert.Equal(HttpStatusCode.OK, meeting.StatusCode);

        // The branch's own committee cannot approve: Community A's parent is the street.
        var selfApproval = await api.PostJsonAsync($"/api/v1/recruits/{id}/decision", new { approve = true, on = D(Today.AddDays(-10)) });
        Assert.Equal(HttpStatusCode.Forbidden, selfApproval.StatusCode);
        Assert.Contains("须由上级团委审批", await selfApproval.ProblemTextAsync());

        // The start page of whoever may approve lists it; the branch's own committee sees nothing to do.
        Assert.Contains("入团待批", await (await app.PagesAsAsync(World.DistrictAdmin)).Http.GetStringAsync("/"));
        Assert.DoesNotContain("入团待批", await (await app.PagesAsAsync(World.AdminA)).Http.GetStringAsync("/"));

        var district = await app.ApiAsAsync(World.DistrictAdmin);
        var approved = await district.PostJsonAsync($"/api/v1/recruits/{id}/decision", new { approve = true, on = D(Today.AddDays(-10)) });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var number = TestIds.Unique("R");
        var enrolled = await api.PostJsonAsync($"/api/v1/recruits/{id}/enrol", new { memberNumber = number, isStudent = true });
        Assert.Equal(HttpStatusCode.OK, enrolled.StatusCode);

        var details = await (await api.GetAsync($"/api/v1/recruits/{id}")).ReadJsonAsync();
        var steps = details.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(["Applied", "Activist", "Candidate", "Proposed", "Admitted", "Member"], steps.Select(s => s.GetProperty("stage").GetString()));
        Assert.All(steps.Take(4), s => Assert.NotEqual(System.Text.Json.JsonValueKind.Null, s.GetProperty("documentId").ValueKind));
        Assert.All(steps, s => Assert.False(string.IsNullOrEmpty(s.GetProperty("byUserName").GetString())));
        var membership = await app.AsSystemAsync((_, db) => db.Memberships.IgnoreQueryFilters().SingleAsync(m => m.MemberNumber == number));
        Assert.Equal(Today.AddDays(-10), membership.JoinedOn);
        Assert.Equal(app.World.CommunityA.Id, membership.UnitId);

        // The signed form downloads as uploaded, for those in scope only.
        var documentId = steps[0].GetProperty("documentId").GetGuid();
        var download = await (await app.PagesAsAsync(World.AdminA)).Http.GetAsync($"/documents/{documentId}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.StartsWith("%PDF-", await download.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.PagesAsAsync(World.AdminB)).Http.GetAsync($"/documents/{documentId}")).StatusCode);
    }

    [Fact]
    public async Task AnApplicantAged28OrUnder14_IsRefused_AndNothingIsWritten()
    {
        var api = await app.ApiAsAsync(World.AdminA);
        var before = await app.AsSystemAsync((_, db) => db.People.IgnoreQueryFilters().CountAsync());
        var old = await ApplyAsync(api, TestIds.BornYearsAgo(28), Today, Pdf());
        Assert.Equal(HttpStatusCode.BadRequest, old.StatusCode);
        Assert.Contains("申请日期：应在 14 至 28 周岁之间", await old.ProblemTextAsync());
        var young = await ApplyAsync(api, TestIds.BornYearsAgo(13, 300), Today, Pdf());
        Assert.Equal(HttpStatusCode.BadRequest, young.StatusCode);
        Assert.Equal(before, await app.AsSystemAsync((_, db) => db.People.IgnoreQueryFilters().CountAsync()));
        Assert.Equal(0, await app.AsSystemAsync((_, db) => db.Recruits.IgnoreQueryFilters().CountAsync(r => r.AppliedOn == Today)));
    }

    [Fact]
    public async Task TheSignedFormMustBeAPdf_AndTheApplicationNeedsOne()
    {
        var api = await app.ApiAsAsync(World.AdminA);
        var fake = new ByteArrayContent("PK\u0003\u0004 not a pdf"u8.ToArray());
        var notPdf = await ApplyAsync(api, TestIds.BornYearsAgo(16), Today, fake);
        Assert.Equal(HttpStatusCode.BadRequest, notPdf.StatusCode);
        Assert.Contains("签字表格（PDF）：请上传 PDF 文件", await notPdf.ProblemTextAsync());
        var none = await ApplyAsync(api, TestIds.BornYearsAgo(16), Today, null);
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.Contains("签字表格（PDF）：不能为空", await none.ProblemTextAsync());
        Assert.Equal(0, await app.AsSystemAsync((_, db) => db.Documents.IgnoreQueryFilters().CountAsync(d => d.Length < 20)));
    }

    [Fact]
    public async Task TheBranchMeeting_NeedsThreeMonthsAndEightClasses()
    {
        var api = await app.ApiAsAsync(World.AdminA);
        var id = await CandidateAsync(api, Today.AddDays(-100), classes: 5);
        var early = await StepAsync(api, id, "Proposed", Today.AddDays(-10));
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        var text = await early.ProblemTextAsync();
        Assert.Contains("入团积极分子培养应满 3 个月", text);
        Assert.Contains("须参加 8 次团课，目前 5 次", text);
        var state = await (await api.GetAsync($"/api/v1/recruits/{id}")).ReadJsonAsync();
        Assert.Equal("Candidate", state.GetProperty("recruit").GetProperty("stage").GetString());

        // Steps go in order: a candidate cannot be made an activist again.
        var backwards = await StepAsync(api, id, "Activist", Today);
        Assert.Equal(HttpStatusCode.Conflict, backwards.StatusCode);
    }

    [Fact]
    public async Task ACaseOutsideScope_CannotBeSeenOrMoved()
    {
        var api = await app.ApiAsAsync(World.AdminA);
        var created = await ApplyAsync(api, TestIds.BornYearsAgo(18), Today.AddDays(-5), Pdf());
        var id = (await created.ReadJsonAsync()).GetProperty("id").GetGuid();
        var other = await app.ApiAsAsync(World.AdminB);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/recruits/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await StepAsync(other, id, "Activist", Today)).StatusCode);
        var intoB = await ApplyAsync(api, TestIds.BornYearsAgo(18), Today, Pdf(), app.World.CommunityB.Id);
        Assert.Equal(HttpStatusCode.NotFound, intoB.StatusCode);
    }
}

public sealed class RecruitmentOnSqlite(SqliteApp app) : RecruitmentTests(app), IClassFixture<SqliteApp>;

public sealed class RecruitmentOnPostgres(PostgresApp app) : RecruitmentTests(app), IClassFixture<PostgresApp>;
