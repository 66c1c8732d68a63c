using System.Net;
using Microsoft.EntityFrameworkCore;
using Qingyun.Tests.Infrastructure;
using static Qingyun.Tests.Features.Volunteering.VolunteeringKit;

namespace Qingyun.Tests.Features.Volunteering;

public abstract class VolunteerRegistrationTests(QingyunApp app)
{
    private async Task<HttpResponseMessage> RegisterAsync(object body)
    {
        using var anonymous = app.CreateClient();
        return await anonymous.PostJsonAsync("/api/v1/volunteers/register", body);
    }

    private Task<bool> AccountExistsAsync(string userName) =>
        app.AsSystemAsync((_, db) => db.Users.AnyAsync(u => u.UserName == userName));

    [Fact]
    public async Task AChildUnderFourteen_IsRefused_InChinese_NamingTheIdNumber_AndNothingIsWritten()
    {
        var userName = TestIds.Unique("child");
        var response = await RegisterAsync(Registration(app, TestIds.BornYearsAgo(13), userName, guardianName: "家长", guardianPhone: NewPhone(), guardianConsent: true));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var json = await response.ReadJsonAsync();
        Assert.True(json.GetProperty("errors").TryGetProperty("idNumber", out _));
        Assert.Contains("身份证号：未满14周岁不能注册为志愿者", json.GetProperty("detail").GetString());
        Assert.False(await AccountExistsAsync(userName));
    }

    [Fact]
    public async Task AMinorWithoutAGuardiansConsent_IsRefused_NamingTheGuardianFields_AndWithItIsRegistered()
    {
        var id = TestIds.BornYearsAgo(16);
        var userName = TestIds.Unique("minor");
        var refused = await RegisterAsync(Registration(app, id, userName));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var json = await refused.ReadJsonAsync();
        var errors = json.GetProperty("errors");
        Assert.True(errors.TryGetProperty("guardianName", out _));
        Assert.True(errors.TryGetProperty("guardianPhone", out _));
        Assert.True(errors.TryGetProperty("guardianConsent", out _));
        var detail = json.GetProperty("detail").GetString()!;
        Assert.Contains("监护人姓名：未满18周岁须填写", detail);
        Assert.Contains("监护人手机号：未满18周岁须填写", detail);
        Assert.Contains("监护人同意：未满18周岁须经监护人同意", detail);
        Assert.False(await AccountExistsAsync(userName));

        var accepted = await RegisterAsync(Registration(app, id, userName, guardianName: "李家长", guardianPhone: NewPhone(), guardianConsent: true));
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
    }

    [Fact]
    public async Task WithoutConsentToSensitiveData_RegistrationIsRefused()
    {
        var userName = TestIds.Unique("noconsent");
        var response = await RegisterAsync(Registration(app, AdultIdNumber(), userName, consent: false));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("敏感个人信息单独同意：必须勾选同意后才能注册", await response.ProblemTextAsync());
        Assert.False(await AccountExistsAsync(userName));
    }

    [Fact]
    public async Task TheVolunteerNumber_IsTwelveDigits_NotTheIdNumber_AndNoAnswerCarriesTheIdNumber()
    {
        var id = AdultIdNumber();
        var userName = TestIds.Unique("vol");
        var response = await RegisterAsync(Registration(app, id, userName));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadAsStringAsync();
        var json = await response.ReadJsonAsync();
        var number = json.GetProperty("number").GetString()!;

        Assert.Matches("^[0-9]{12}$", number);
        Assert.DoesNotContain(number, id);
        Assert.DoesNotContain(id, created);
        Assert.DoesNotContain(id[6..14], created); // not even the birth date part

        var me = await app.ApiAsAsync(userName);
        var own = await me.GetStringAsync("/api/v1/me/volunteer");
        Assert.Contains(number, own);
        Assert.DoesNotContain(id, own);

        var organizer = await app.ApiAsAsync(World.AdminA);
        var seen = await organizer.GetStringAsync($"/api/v1/volunteers/{json.GetProperty("id").GetGuid()}");
        Assert.Contains(number, seen);
        Assert.DoesNotContain(id, seen);
        var listed = await organizer.GetStringAsync($"/api/v1/volunteers/?q={number}");
        Assert.Contains(number, listed);
        Assert.DoesNotContain(id, listed);
    }

    [Fact]
    public async Task ARegistrationWithoutAProfile_IsRefusedForLackOfConsent()
    {
        var response = await RegisterAsync(new { unitCode = app.World.CommunityA.Code, name = "无资料", idNumber = AdultIdNumber(), phone = NewPhone(), userName = TestIds.Unique("bare"), password = QingyunApp.Password });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("敏感个人信息单独同意", await response.ProblemTextAsync());
    }

    [Fact]
    public async Task ASecondRegistrationWithTheSameIdNumber_IsRefusedAsAConflict()
    {
        var id = AdultIdNumber();
        Assert.Equal(HttpStatusCode.Created, (await RegisterAsync(Registration(app, id))).StatusCode);

        var userName = TestIds.Unique("again");
        var again = await RegisterAsync(Registration(app, id, userName));

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("身份证号：该身份证号已在平台登记", await again.ProblemTextAsync());
        Assert.False(await AccountExistsAsync(userName));
    }
}

public sealed class VolunteerRegistrationOnSqlite(SqliteApp app) : VolunteerRegistrationTests(app), IClassFixture<SqliteApp>;

public sealed class VolunteerRegistrationOnPostgres(PostgresApp app) : VolunteerRegistrationTests(app), IClassFixture<PostgresApp>;
