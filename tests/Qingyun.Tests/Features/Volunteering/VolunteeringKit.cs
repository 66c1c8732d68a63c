using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qingyun.Domain.Access;
using Qingyun.Domain.People;
using Qingyun.Domain.Volunteering;
using Qingyun.Features.Volunteering;
using Qingyun.Infrastructure;
using Qingyun.Security;
using Qingyun.Tests.Infrastructure;

namespace Qingyun.Tests.Features.Volunteering;

public sealed record TestVolunteer(HttpClient Api, Guid Id, string Number, Guid PersonId, string IdNumber, string UserName);

public sealed record TestActivity(Guid Id, Guid PositionId, DateTimeOffset StartsAt, DateTimeOffset EndsAt);

/// <summary>A raced-for account made directly in the database: its volunteer and its API token.</summary>
public sealed record RawVolunteer(Guid Id, Guid PersonId, string Token);

/// <summary>
/// Volunteers and activities for the volunteering tests, made the way users make them: volunteers
/// register themselves over the API, the organizer of community A publishes project → activity → position.
/// </summary>
public static class VolunteeringKit
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static int _phone = RandomNumberGenerator.GetInt32(0, 40_000_000);
    private static int _name;

    public static string NewPhone() => "137" + Interlocked.Increment(ref _phone).ToString("D8", Inv);

    /// <summary>An adult's ID number unlikely to meet another test's (the birth day varies, not only the sequence).</summary>
    public static string AdultIdNumber() => TestIds.BornYearsAgo(20, RandomNumberGenerator.GetInt32(30, 3000));

    public static object Registration(QingyunApp app, string idNumber, string? userName = null, bool consent = true,
        string? guardianName = null, string? guardianPhone = null, bool guardianConsent = false, string? phone = null) => new
    {
        unitCode = app.World.CommunityA.Code,
        name = "志愿者" + "甲乙丙丁戊己庚辛壬癸"[Interlocked.Increment(ref _name) % 10],
        idNumber,
        phone = phone ?? NewPhone(),
        userName = userName ?? TestIds.Unique("vol"),
        password = QingyunApp.Password,
        profile = new
        {
            skills = "FirstAid, Tutoring", availability = "Weekend", areas = "Community", sensitiveConsent = consent,
            guardianName, guardianPhone, guardianConsent,
        },
    };

    /// <summary>A volunteer who registered on their phone, signed in with an API token.</summary>
    public static async Task<TestVolunteer> RegisterAsync(QingyunApp app, string? idNumber = null)
    {
        var id = idNumber ?? AdultIdNumber();
        var userName = TestIds.Unique("vol");
        using var anonymous = app.CreateClient();
        var response = await anonymous.PostJsonAsync("/api/v1/volunteers/register", Registration(app, id, userName));
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var json = await response.ReadJsonAsync();
        var volunteerId = json.GetProperty("id").GetGuid();
        var personId = await app.AsSystemAsync((_, db) => db.Volunteers.IgnoreQueryFilters().Where(v => v.Id == volunteerId).Select(v => v.PersonId).FirstAsync());
        return new TestVolunteer(await app.ApiAsAsync(userName), volunteerId, json.GetProperty("number").GetString()!, personId, id, userName);
    }

    public static async Task<Guid> IdOf(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.ReadJsonAsync()).GetProperty("id").GetGuid();
    }

    public static async Task<JsonElement> OkJson(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.ReadJsonAsync();
    }

    /// <summary>
    /// A published activity of community A (by its organizer) starting <paramref name="startsIn"/> from the
    /// app's clock and lasting <paramref name="length"/>, with one position of <paramref name="quota"/> places.
    /// </summary>
    public static async Task<TestActivity> PublishAsync(QingyunApp app, HttpClient organizer, TimeSpan startsIn, TimeSpan length, int quota = 10, bool publish = true)
    {
        var now = app.Clock.GetUtcNow();
        var today = now.ChinaDate();
        var projectId = await IdOf(await organizer.PostJsonAsync("/api/v1/service-projects", new
        {
            unitId = app.World.CommunityA.Id, name = "社区关爱行动", area = "Community", description = "测试项目",
            startsOn = today.AddDays(-1).ToString("yyyy-MM-dd", Inv), endsOn = today.AddDays(30).ToString("yyyy-MM-dd", Inv),
        }));
        // Whole seconds: the test can compare what it sent with what comes back.
        var starts = new DateTimeOffset((now + startsIn).UtcTicks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);
        var ends = starts + length;
        var activityId = await IdOf(await organizer.PostJsonAsync($"/api/v1/service-projects/{projectId}/activities", new
        {
            title = "敬老院陪伴", description = "陪老人聊天", place = "甲社区敬老院", startsAt = starts, endsAt = ends, contactName = "王老师",
        }));
        var positionId = await IdOf(await organizer.PostJsonAsync($"/api/v1/activities/{activityId}/positions", new
        {
            name = "陪伴员", duty = "陪伴老人", quota,
        }));
        if (publish)
        {
            await OkJson(await organizer.PostAsync($"/api/v1/activities/{activityId}/publish", null));
        }
        return new TestActivity(activityId, positionId, starts, ends);
    }

    /// <summary>The volunteer signs up; asserts the state the answer gives.</summary>
    public static async Task<Guid> SignUpAsync(TestVolunteer v, TestActivity a, string expectedState = "Confirmed")
    {
        var json = await OkJson(await v.Api.PostAsync($"/api/v1/me/volunteer/sign-ups/{a.PositionId}", null));
        Assert.Equal(expectedState, json.GetProperty("state").GetString());
        return json.GetProperty("id").GetGuid();
    }

    public static async Task<string> TokenAsync(HttpClient organizer, Guid activityId) =>
        (await OkJson(await organizer.GetAsync($"/api/v1/activities/{activityId}/code"))).GetProperty("token").GetString()!;

    public static Task<HttpResponseMessage> CheckAsync(TestVolunteer v, string token, string direction = "In") =>
        v.Api.PostJsonAsync("/api/v1/me/volunteer/check", new { token, direction });

    public static async Task<decimal> ConfirmedHoursAsync(TestVolunteer v) =>
        (await OkJson(await v.Api.GetAsync("/api/v1/me/volunteer"))).GetProperty("confirmedHours").GetDecimal();

    public static async Task<JsonElement> AttendanceOfAsync(HttpClient organizer, Guid activityId, Guid volunteerId) =>
        (await OkJson(await organizer.GetAsync($"/api/v1/activities/{activityId}/attendance")))
            .GetProperty("items").EnumerateArray().Single(x => x.GetProperty("volunteerId").GetGuid() == volunteerId);

    /// <summary>
    /// Many volunteers of community A made straight in the database (a person, an account with that
    /// person, the volunteer, an API token): registering hundreds over HTTP would spend the test on password hashing.
    /// </summary>
    public static Task<List<RawVolunteer>> ManyAsync(QingyunApp app, int count, int seed) => app.AsSystemAsync(async (sp, db) =>
    {
        var sensitive = sp.GetRequiredService<SensitiveData>();
        var now = DateTimeOffset.UtcNow;
        var unit = app.World.CommunityA.Id;
        var made = new List<RawVolunteer>();
        for (var i = 0; i < count; i++)
        {
            // A different birth day for each: the ID numbers cannot meet, here or in another test.
            var birth = new DateOnly(1980, 1, 1).AddDays(seed * 1000 + i);
            var first17 = $"320102{birth:yyyyMMdd}{i % 900 + 100:000}";
            var idNumber = first17 + IdNumber.CheckCharFor(first17);
            var person = new Person { UnitId = unit, Name = $"竞报{i}", Gender = Gender.Male, BirthDate = birth, CreatedAt = now, UpdatedAt = now };
            sensitive.Protect(person, idNumber, null);
            db.People.Add(person);
            var userName = $"race-{seed}-{i}";
            var user = new AppUser
            {
                UserName = userName, NormalizedUserName = userName.ToUpperInvariant(), DisplayName = person.Name, HomeUnitId = unit, PersonId = person.Id,
                SecurityStamp = Guid.NewGuid().ToString("N"), CreatedAt = now,
            };
            db.Users.Add(user);
            db.Grants.Add(new Grant { UserId = user.Id, UnitId = unit, Role = Role.Volunteer, GrantedAt = now });
            var volunteer = new Volunteer
            {
                PersonId = person.Id, UnitId = unit, Number = VolunteerNumbers.New(now.ChinaDate()), Skills = Skill.FirstAid,
                Availability = Availability.Weekend, ServiceAreas = ServiceArea.Community, Channel = RegistrationChannel.Organization,
                SensitiveConsentAt = now, RegisteredAt = now, LedgerHead = "",
            };
            db.Volunteers.Add(volunteer);
            var clear = ApiToken.ClearPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
            db.ApiTokens.Add(new ApiToken
            {
                UserId = user.Id, Name = "race", Hash = TokenAuthenticationHandler.Hash(clear), Hint = "qy_race", CreatedAt = now, ExpiresAt = now.AddDays(1),
            });
            made.Add(new RawVolunteer(volunteer.Id, person.Id, clear));
        }
        await db.SaveChangesAsync();
        return made;
    });

    public static HttpRequestMessage As(string token, HttpMethod method, string url)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }
}
