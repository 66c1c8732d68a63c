using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qingyun.Domain.Access;
using Qingyun.Domain.Organization;
using Qingyun.Domain.People;
using Qingyun.Domain.Volunteering;
using Qingyun.Features.Volunteering;
using Qingyun.Security;
using Qingyun.Tests.Infrastructure;

namespace Qingyun.Tests.Features.Volunteering;

/// <summary>Volunteers and their hours, made directly as the system: the registration and recording flows are tested elsewhere.</summary>
internal static class CertificateWorld
{
    public sealed record TestVolunteer(Guid Id, Guid PersonId, string Number, string Name);

    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    public static string D(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static Task<TestVolunteer> VolunteerAsync(QingyunApp app, Guid unitId, string name, DateTimeOffset? registeredAt = null,
        VolunteerStatus status = VolunteerStatus.Active) => app.AsSystemAsync(async (sp, db) =>
    {
        var now = DateTimeOffset.UtcNow;
        var idNumber = TestIds.BornYearsAgo(25);
        IdNumber.TryParse(idNumber, Today, out var id, out _);
        var person = new Person { UnitId = unitId, Name = name, Gender = id.Gender, BirthDate = id.BirthDate, CreatedAt = now, UpdatedAt = now };
        sp.GetRequiredService<SensitiveData>().Protect(person, idNumber, null);
        db.People.Add(person);
        var volunteer = new Volunteer
        {
            PersonId = person.Id, UnitId = unitId, Number = VolunteerNumbers.New(Today), Channel = RegistrationChannel.Organization,
            Status = status, SensitiveConsentAt = now, RegisteredAt = registeredAt ?? now, RegisteredBy = "test", LedgerHead = "",
        };
        db.Volunteers.Add(volunteer);
        await db.SaveChangesAsync();
        return new TestVolunteer(volunteer.Id, person.Id, volunteer.Number, name);
    });

    /// <summary>One line of the hours record through the ledger (a correction when <paramref name="reverses"/> is given).</summary>
    public static Task<Guid> HoursAsync(QingyunApp app, Guid volunteerId, Guid unitId, int minutes, DateOnly on, Guid? reverses = null) =>
        app.AsSystemAsync(async (sp, db) =>
        {
            var entry = new ServiceEntry
            {
                VolunteerId = volunteerId, UnitId = unitId, Kind = reverses is null ? EntryKind.Manual : EntryKind.Reversal, Minutes = minutes,
                ServiceDate = on, Content = "社区志愿服务", ReversesEntryId = reverses, Reason = reverses is null ? null : "时长记错，更正",
                RecordedBy = "test", RecordedAt = DateTimeOffset.UtcNow,
            };
            Assert.True(await sp.GetRequiredService<ServiceLedger>().AppendAsync(db, entry, CancellationToken.None));
            return entry.Id;
        });

    /// <summary>A sign-in account for the volunteer's own person, holding the Volunteer role (no permissions).</summary>
    public static Task<string> AccountAsync(QingyunApp app, TestVolunteer v, Guid unitId) => app.AsSystemAsync(async (sp, db) =>
    {
        var userName = TestIds.Unique("vol");
        var user = new AppUser { UserName = userName, DisplayName = v.Name, HomeUnitId = unitId, PersonId = v.PersonId, CreatedAt = DateTimeOffset.UtcNow };
        var result = await sp.GetRequiredService<UserManager<AppUser>>().CreateAsync(user, QingyunApp.Password);
        Assert.True(result.Succeeded, string.Join(";", result.Errors.Select(e => e.Description)));
        db.Grants.Add(new Grant { UserId = user.Id, UnitId = unitId, Role = Role.Volunteer, GrantedAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync();
        return userName;
    });

    /// <summary>A fresh unit under <paramref name="parent"/>, so a list per unit starts empty.</summary>
    public static Task<OrgUnit> UnitAsync(QingyunApp app, OrgUnit parent, string name) => app.AsSystemAsync(async (_, db) =>
    {
        var id = Guid.CreateVersion7();
        var unit = new OrgUnit
        {
            Id = id, ParentId = parent.Id, Code = TestIds.Unique("SV"), Name = name, Kind = UnitKind.Community, BodyType = LeagueBodyType.Branch,
            Path = OrgUnit.PathFor(parent, id), Depth = parent.Depth + 1, RootId = parent.RootId, SortOrder = 9, CreatedAt = DateTimeOffset.UtcNow,
        };
        db.OrgUnits.Add(unit);
        await db.SaveChangesAsync();
        return unit;
    });
}

public abstract class CertificateTests(QingyunApp app)
{
    private static string D(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static object Issue(Guid unitId, string volunteerNumber, DateOnly? from = null, DateOnly? to = null) => new
    {
        unitId, volunteerNumber, from = from is { } f ? D(f) : null, to = to is { } t ? D(t) : null,
        content = "社区敬老院陪伴老人、整理图书", personInCharge = "王主任", contactPhone = "010-12345678",
    };

    private static async Task<JsonElement> OkJson(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.ReadJsonAsync();
    }

    private Task<int> CertificateCountAsync(Guid volunteerId) =>
        app.AsSystemAsync((_, db) => db.Certificates.IgnoreQueryFilters().CountAsync(c => c.VolunteerId == volunteerId));

    [Fact]
    public async Task ACertificateCountsOnlyTheIssuersOwnRecords_NetOfCorrections_WithinThePeriod()
    {
        var w = app.World;
        var v = await CertificateWorld.VolunteerAsync(app, w.CommunityA.Id, "赵志愿");
        var day = CertificateWorld.Today.AddDays(-30);
        await CertificateWorld.HoursAsync(app, v.Id, w.CommunityA.Id, 120, day);
        var wrong = await CertificateWorld.HoursAsync(app, v.Id, w.CommunityA.Id, 90, day.AddDays(1));
        await CertificateWorld.HoursAsync(app, v.Id, w.CommunityA.Id, -90, day.AddDays(1), reverses: wrong);
        await CertificateWorld.HoursAsync(app, v.Id, w.CommunityA.Id, 30, day.AddDays(2));
        await CertificateWorld.HoursAsync(app, v.Id, w.CommunityB.Id, 600, day.AddDays(1));
        await CertificateWorld.HoursAsync(app, v.Id, w.CommunityA.Id, 45, day.AddDays(-100));
        var api = await app.ApiAsAsync(World.AdminA);

        var inPeriod = await OkJson(await api.PostJsonAsync("/api/v1/certificates", Issue(w.CommunityA.Id, v.Number, day.AddDays(-5), day.AddDays(5))));
        Assert.Equal(150, inPeriod.GetProperty("minutes").GetInt64());
        Assert.Equal("2.5", inPeriod.GetProperty("hours").GetString());
        Assert.Equal(2, inPeriod.GetProperty("entryCount").GetInt32());
        Assert.Equal(D(day.AddDays(-5)), inPeriod.GetProperty("fromDate").GetString());
        Assert.Equal(w.CommunityA.Name, inPeriod.GetProperty("issuerName").GetString());
        Assert.Equal("赵*愿", inPeriod.GetProperty("holderNameMasked").GetString());
        Assert.Equal(v.Number, inPeriod.GetProperty("volunteerNumber").GetString());
        Assert.Matches("^ZS[0-9]{4}[2-9A-HJ-NP-Z]{10}$", inPeriod.GetProperty("number").GetString());
        Assert.Contains("*", inPeriod.GetProperty("holderIdMasked").GetString());

        var all = await OkJson(await api.PostJsonAsync("/api/v1/certificates", Issue(w.CommunityA.Id, v.Number)));
        Assert.Equal(195, all.GetProperty("minutes").GetInt64());
        Assert.Equal(D(day.AddDays(-100)), all.GetProperty("fromDate").GetString());
        Assert.Equal(D(day.AddDays(2)), all.GetProperty("toDate").GetString());
        Assert.NotEqual(inPeriod.GetProperty("number").GetString(), all.GetProperty("number").GetString());

        // The issue is audited like any write.
        var id = inPeriod.GetProperty("id").GetGuid().ToString();
        Assert.True(await app.AsSystemAsync((_, db) => db.AuditEntries.IgnoreQueryFilters().AnyAsync(a => a.EntityType == "Certificate" && a.EntityId == id)));
    }

    [Fact]
    public async Task IssuingForHoursRecordedByAnotherUnit_IsRefusedInChinese_AndNothingIsWritten()
    {
        var w = app.World;
        var v = await CertificateWorld.VolunteerAsync(app, w.CommunityA.Id, "钱志愿");
        await CertificateWorld.HoursAsync(app, v.Id, w.CommunityB.Id, 240, CertificateWorld.Today.AddDays(-3));
        var api = await app.ApiAsAsync(World.AdminA);

        var refused = await api.PostJsonAsync("/api/v1/certificates", Issue(w.CommunityA.Id, v.Number));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var text = await refused.ProblemTextAsync();
        Assert.Contains("志愿者编号", text);
        Assert.Contains("没有可证明的服务记录", text);
        Assert.Contains(w.CommunityA.Name, text);

        var badPhone = await api.PostJsonAsync("/api/v1/certificates", new { unitId = w.CommunityA.Id, volunteerNumber = v.Number, content = "", personInCharge = "", contactPhone = "12345" });
        Assert.Equal(HttpStatusCode.BadRequest, badPhone.StatusCode);
        var problems = await badPhone.ProblemTextAsync();
        Assert.Contains("服务内容：不能为空", problems);
        Assert.Contains("联系电话：应为 11 位手机号码或带区号的固定电话", problems);
        var unknown = await api.PostJsonAsync("/api/v1/certificates", Issue(w.CommunityA.Id, "209900000000"));
        Assert.Contains("找不到该志愿者编号", await unknown.ProblemTextAsync());
        Assert.Equal(0, await CertificateCountAsync(v.Id));
    }

    [Fact]
    public async Task ACertificateVerifiedPublicly_ShowsTheMaskedNameAndHours_ThenRevoked_ShowsRevoked()
    {
        var w = app.World;
        var v = await CertificateWorld.VolunteerAsync(app, w.CommunityA.Id, "孙晓明");
        await CertificateWorld.HoursAsync(app, v.Id, w.CommunityA.Id, 750, CertificateWorld.Today.AddDays(-10));
        var api = await app.ApiAsAsync(World.AdminA);
        var issued = await OkJson(await api.PostJsonAsync("/api/v1/certificates", Issue(w.CommunityA.Id, v.Number)));
        var number = issued.GetProperty("number").GetString()!;
        var id = issued.GetProperty("id").GetGuid();
        var anonymous = app.Anonymous();

        var page = await anonymous.Http.GetAsync($"/verify/{number}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("孙*明", html);
        Assert.Contains("12.5 小时", html);
        Assert.Contains(w.CommunityA.Name, html);
        Assert.Contains("data-state=\"Valid\"", html);
        Assert.DoesNotContain("孙晓明", html);
        Assert.DoesNotContain(v.Number, html);
        Assert.DoesNotContain("010-12345678", html);
        Assert.DoesNotContain("王主任", html);

        var json = await OkJson(await anonymous.Http.GetAsync($"/api/v1/certificates/verify/{number.ToLowerInvariant()}"));
        Assert.Equal("Valid", json.GetProperty("status").GetString());
        Assert.Equal("孙*明", json.GetProperty("holderNameMasked").GetString());
        Assert.Equal("12.5", json.GetProperty("hours").GetString());
        Assert.False(json.TryGetProperty("volunteerNumber", out _));
        Assert.False(json.TryGetProperty("holderName", out _));

        var noReason = await api.PostJsonAsync($"/api/v1/certificates/{id}/revoke", new { reason = " " });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("撤销原因", await noReason.ProblemTextAsync());
        var revoked = await OkJson(await api.PostJsonAsync($"/api/v1/certificates/{id}/revoke", new { reason = "服务时长核实有误" }));
        Assert.True(revoked.GetProperty("revoked").GetBoolean());
        Assert.Equal(HttpStatusCode.Conflict, (await api.PostJsonAsync($"/api/v1/certificates/{id}/revoke", new { reason = "再次撤销" })).StatusCode);

        html = await anonymous.Http.GetStringAsync($"/verify/{number}");
        Assert.Contains("已撤销", html);
        Assert.Contains("服务时长核实有误", html);
        Assert.Contains("data-state=\"Revoked\"", html);
        json = await OkJson(await anonymous.Http.GetAsync($"/api/v1/certificates/verify/{number}"));
        Assert.Equal("Revoked", json.GetProperty("status").GetString());
        Assert.Equal("服务时长核实有误", json.GetProperty("revokeReason").GetString());
        Assert.True(await app.AsSystemAsync((_, db) => db.AuditEntries.IgnoreQueryFilters()
            .AnyAsync(a => a.EntityType == "Certificate" && a.EntityId == id.ToString() && a.Action == Domain.Audit.AuditAction.Update)));
    }

    [Fact]
    public async Task AnUnknownNumber_ShowsNotFound()
    {
        var anonymous = app.Anonymous();
        var page = await anonymous.Http.GetAsync("/verify/ZS2026ABCDEFGHJK");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("未找到该证明", html);
        Assert.Contains("data-state=\"NotFound\"", html);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.Http.GetAsync("/verify/not-a-number")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.Http.GetAsync("/api/v1/certificates/verify/ZS2026ABCDEFGHJK")).StatusCode);
    }

    [Fact]
    public async Task AUnitOutOfScope_CanNeitherIssueNorRevoke()
    {
        var w = app.World;
        var v = await CertificateWorld.VolunteerAsync(app, w.CommunityA.Id, "李四");
        await CertificateWorld.HoursAsync(app, v.Id, w.CommunityA.Id, 60, CertificateWorld.Today.AddDays(-1));
        await CertificateWorld.HoursAsync(app, v.Id, w.CommunityB.Id, 60, CertificateWorld.Today.AddDays(-1));
        var adminA = await app.ApiAsAsync(World.AdminA);
        var adminB = await app.ApiAsAsync(World.AdminB);
        var issued = await OkJson(await adminA.PostJsonAsync("/api/v1/certificates", Issue(w.CommunityA.Id, v.Number)));
        Assert.Equal("李*", issued.GetProperty("holderNameMasked").GetString());
        var id = issued.GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.NotFound, (await adminB.PostJsonAsync("/api/v1/certificates", Issue(w.CommunityA.Id, v.Number))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await adminA.PostJsonAsync("/api/v1/certificates", Issue(w.CommunityB.Id, v.Number))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await adminB.PostJsonAsync($"/api/v1/certificates/{id}/revoke", new { reason = "越权" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await adminB.GetAsync($"/api/v1/certificates/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await adminB.GetAsync($"/api/v1/certificates/{id}/pdf")).StatusCode);
        var pagesB = await app.PagesAsAsync(World.AdminB);
        var revokeByPage = await pagesB.PostFormAsync($"/certificates/{id}?handler=Revoke", new() { ["Reason"] = "越权" }, tokenFrom: "/certificates");
        Assert.Equal(HttpStatusCode.NotFound, revokeByPage.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await pagesB.Http.GetAsync($"/certificates/{id}")).StatusCode);
        Assert.DoesNotContain(issued.GetProperty("number").GetString()!, await pagesB.Http.GetStringAsync("/certificates"));

        // B issues for its own hour, and A does not see B's certificate.
        var ofB = await OkJson(await adminB.PostJsonAsync("/api/v1/certificates", Issue(w.CommunityB.Id, v.Number)));
        Assert.Equal(60, ofB.GetProperty("minutes").GetInt64());
        Assert.Equal(HttpStatusCode.NotFound, (await adminA.GetAsync($"/api/v1/certificates/{ofB.GetProperty("id").GetGuid()}")).StatusCode);
        Assert.Null(await app.AsSystemAsync((_, db) => db.Certificates.IgnoreQueryFilters().Where(c => c.Id == id).Select(c => c.RevokedAt).SingleAsync()));
    }

    [Fact]
    public async Task ThePdf_StartsWithPdf_CarriesTheNumber_AndAVolunteerDownloadsTheirOwn()
    {
        var w = app.World;
        var v = await CertificateWorld.VolunteerAsync(app, w.CommunityA.Id, "周志愿");
        await CertificateWorld.HoursAsync(app, v.Id, w.CommunityA.Id, 180, CertificateWorld.Today.AddDays(-2));
        var api = await app.ApiAsAsync(World.AdminA);
        var issued = await OkJson(await api.PostJsonAsync("/api/v1/certificates", Issue(w.CommunityA.Id, v.Number)));
        var id = issued.GetProperty("id").GetGuid();
        var number = issued.GetProperty("number").GetString()!;

        var pdf = await api.GetAsync($"/api/v1/certificates/{id}/pdf");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        var bytes = await pdf.Content.ReadAsByteArrayAsync();
        Assert.Equal("%PDF-", System.Text.Encoding.ASCII.GetString(bytes, 0, 5));
        var raw = System.Text.Encoding.Latin1.GetString(bytes);
        Assert.Contains(number, raw);
        Assert.Contains("NotoSansCJK", raw.Replace(" ", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
        Assert.True(await app.AsSystemAsync((_, db) => db.AuditEntries.IgnoreQueryFilters().AnyAsync(a => a.EntityId == id.ToString() && a.Field == "Pdf")));

        // Revoked, the issuer still downloads it (marked).
        await OkJson(await api.PostJsonAsync($"/api/v1/certificates/{id}/revoke", new { reason = "重新出具" }));
        var revoked = await api.GetAsync($"/api/v1/certificates/{id}/pdf");
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.True((await revoked.Content.ReadAsByteArrayAsync()).Length > bytes.Length);

        // The volunteer sees and downloads their own, with no scope permission; others' stay hidden.
        var login = await CertificateWorld.AccountAsync(app, v, w.CommunityA.Id);
        var mine = await app.PagesAsAsync(login);
        var list = await mine.Http.GetStringAsync("/certificates/mine");
        Assert.Contains(number, list);
        var own = await mine.Http.GetAsync($"/certificates/mine?handler=Pdf&id={id}");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal("%PDF-", System.Text.Encoding.ASCII.GetString(await own.Content.ReadAsByteArrayAsync(), 0, 5));
        var notAnOrganizer = await mine.Http.GetAsync($"/certificates/{id}");
        Assert.Equal(HttpStatusCode.Redirect, notAnOrganizer.StatusCode);
        Assert.Contains("/error/403", notAnOrganizer.Headers.Location!.ToString());
        var stranger = await CertificateWorld.VolunteerAsync(app, w.CommunityA.Id, "吴志愿");
        var strangerPages = await app.PagesAsAsync(await CertificateWorld.AccountAsync(app, stranger, w.CommunityA.Id));
        Assert.Equal(HttpStatusCode.NotFound, (await strangerPages.Http.GetAsync($"/certificates/mine?handler=Pdf&id={id}")).StatusCode);
        Assert.DoesNotContain(number, await strangerPages.Http.GetStringAsync("/certificates/mine"));
        var ownApi = await app.ApiAsAsync(login);
        var items = (await OkJson(await ownApi.GetAsync("/api/v1/certificates/mine"))).GetProperty("items");
        Assert.Equal(number, Assert.Single(items.EnumerateArray()).GetProperty("number").GetString());
    }

    [Fact]
    public async Task TheIssuePage_IssuesAndShowsTheCertificate_AndRefusesInChinese()
    {
        var w = app.World;
        var v = await CertificateWorld.VolunteerAsync(app, w.CommunityA.Id, "郑志愿");
        await CertificateWorld.HoursAsync(app, v.Id, w.CommunityA.Id, 60, CertificateWorld.Today.AddDays(-2));
        var pages = await app.PagesAsAsync(World.AdminA);
        var form = new Dictionary<string, string?>
        {
            ["UnitId"] = w.CommunityA.Id.ToString(), ["VolunteerNumber"] = v.Number, ["Content"] = "垃圾分类宣传", ["PersonInCharge"] = "陈书记", ["ContactPhone"] = "13912345678",
        };
        var refused = await pages.PostFormAsync("/certificates/issue", new(form) { ["ContactPhone"] = "abc" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("联系电话：应为 11 位手机号码", await refused.Content.ReadAsStringAsync());
        var issued = await pages.PostFormAsync("/certificates/issue", form);
        Assert.Equal(HttpStatusCode.Redirect, issued.StatusCode);
        var details = await pages.Http.GetStringAsync(issued.Headers.Location!.ToString());
        Assert.Contains("郑志愿", details);
        Assert.Contains("1.0 小时", details);
        var number = await app.AsSystemAsync((_, db) => db.Certificates.IgnoreQueryFilters().Where(c => c.VolunteerId == v.Id).Select(c => c.Number).SingleAsync());
        Assert.Contains(number, await pages.Http.GetStringAsync($"/certificates?Search={v.Number}"));
        Assert.Contains(number, await pages.Http.GetStringAsync($"/certificates?Search={number[..8]}"));
    }
}

public sealed class CertificatesOnSqlite(SqliteApp app) : CertificateTests(app), IClassFixture<SqliteApp>;

public sealed class CertificatesOnPostgres(PostgresApp app) : CertificateTests(app), IClassFixture<PostgresApp>;
