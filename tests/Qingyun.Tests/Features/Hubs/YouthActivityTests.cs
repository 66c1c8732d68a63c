using System.Net;
using Microsoft.EntityFrameworkCore;
using Qingyun.Data.Configurations;
using Qingyun.Domain.Hubs;
using Qingyun.Tests.Features.Volunteering;
using Qingyun.Tests.Infrastructure;
using static Qingyun.Tests.Features.Volunteering.VolunteeringKit;

namespace Qingyun.Tests.Features.Hubs;

public abstract class YouthActivityTests(QingyunApp app)
{
    private static readonly Guid Lecture = ActivityCategoryConfiguration.Defaults[0].Id;

    private async Task<Guid> PublishAsync(HttpClient organizer, TimeSpan startsIn, int? capacity = null, string audience = "AllYouth",
        int? minAge = null, int? maxAge = null, string attendance = "CheckIn")
    {
        var starts = app.Clock.GetUtcNow() + startsIn;
        var response = await organizer.PostJsonAsync("/api/v1/youth-activities", new
        {
            unitId = app.World.CommunityA.Id, publish = true, title = "青年汇·心理健康讲座", place = "社区青年汇活动室",
            startsAt = starts, endsAt = starts.AddHours(2), categoryId = Lecture, capacity, audience, minAge, maxAge, attendanceMode = attendance,
        });
        return await IdOf(response);
    }

    [Fact]
    public async Task ThirtyRacingForTenPlaces_GiveExactlyTen_AndTheRestAreToldItIsFull()
    {
        var organizer = await app.ApiAsAsync(World.AdminA);
        var id = await PublishAsync(organizer, TimeSpan.FromDays(3), capacity: 10);
        var people = await ManyAsync(app, 30, seed: app.Provider == "Sqlite" ? 11 : 12);
        using var http = app.CreateClient();
        var answers = await Task.WhenAll(people.Select(async p =>
        {
            using var request = As(p.Token, HttpMethod.Post, "/api/v1/me/registrations");
            request.Content = System.Net.Http.Json.JsonContent.Create(new { activityId = id });
            using var response = await http.SendAsync(request);
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }));

        Assert.Equal(10, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        Assert.Equal(20, answers.Count(a => a.StatusCode == HttpStatusCode.Conflict && a.Body.Contains("名额已满", StringComparison.Ordinal)));
        var (rows, registered) = await app.AsSystemAsync(async (_, db) => (
            await db.Registrations.CountAsync(r => r.ActivityId == id && r.State == RegistrationState.Registered),
            await db.Activities.Where(a => a.Id == id).Select(a => a.Registered).FirstAsync()));
        Assert.Equal(10, rows);
        Assert.Equal(10, registered);

        // One cancels: the place is free again and the next one gets it.
        var first = people.First(p => answers[people.IndexOf(p)].StatusCode == HttpStatusCode.OK);
        using (var cancel = await http.SendAsync(As(first.Token, HttpMethod.Delete, $"/api/v1/me/registrations/{id}")))
        {
            Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        }
        var late = people.First(p => answers[people.IndexOf(p)].StatusCode == HttpStatusCode.Conflict);
        using var again = As(late.Token, HttpMethod.Post, "/api/v1/me/registrations");
        again.Content = System.Net.Http.Json.JsonContent.Create(new { activityId = id });
        using var second = await http.SendAsync(again);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(10, await app.AsSystemAsync((_, db) => db.Activities.Where(a => a.Id == id).Select(a => a.Registered).FirstAsync()));
    }

    [Fact]
    public async Task PersonTimesCountEveryAttendance_AndARepeatedTapCountsOnce()
    {
        var organizer = await app.ApiAsAsync(World.AdminA);
        var people = await ManyAsync(app, 3, seed: app.Provider == "Sqlite" ? 13 : 14);
        using var http = app.CreateClient();
        var first = await PublishAsync(organizer, TimeSpan.FromMinutes(30));
        var second = await PublishAsync(organizer, TimeSpan.FromMinutes(40));
        var open = await PublishAsync(organizer, TimeSpan.FromMinutes(50), attendance: "Headcount");

        async Task<HttpStatusCode> CheckIn(RawVolunteer p, Guid activity)
        {
            var token = (await OkJson(await organizer.GetAsync($"/api/v1/activities/{activity}/code"))).GetProperty("token").GetString();
            using var request = As(p.Token, HttpMethod.Post, "/api/v1/me/check-ins");
            request.Content = System.Net.Http.Json.JsonContent.Create(new { token });
            using var response = await http.SendAsync(request);
            return response.StatusCode;
        }

        // The first person comes to both lectures and taps twice at the first; the others come once each.
        Assert.Equal(HttpStatusCode.OK, await CheckIn(people[0], first));
        Assert.Equal(HttpStatusCode.OK, await CheckIn(people[0], first));
        Assert.Equal(HttpStatusCode.OK, await CheckIn(people[1], first));
        Assert.Equal(HttpStatusCode.OK, await CheckIn(people[0], second));
        Assert.Equal(HttpStatusCode.OK, await CheckIn(people[2], second));
        Assert.Equal(HttpStatusCode.OK, (await organizer.PutJsonAsync($"/api/v1/youth-activities/{open}/headcount", new { headcount = 25 })).StatusCode);

        async Task<int> PersonTimes(Guid activity) => (await OkJson(await organizer.GetAsync($"/api/v1/youth-activities/{activity}"))).GetProperty("personTimes").GetInt32();
        Assert.Equal(2, await PersonTimes(first));
        Assert.Equal(2, await PersonTimes(second));
        Assert.Equal(25, await PersonTimes(open));
        var named = await app.AsSystemAsync((_, db) => db.Participations.Where(p => p.ActivityId == first || p.ActivityId == second).Select(p => p.PersonId).ToListAsync());
        Assert.Equal(4, named.Count);
        Assert.Equal(3, named.Distinct().Count());
    }

    [Fact]
    public async Task TheListIsTickedForRegisteredPeopleOnly_AndATickCanBeTakenBack()
    {
        var organizer = await app.ApiAsAsync(World.AdminA);
        var people = await ManyAsync(app, 2, seed: app.Provider == "Sqlite" ? 15 : 16);
        using var http = app.CreateClient();
        var id = await PublishAsync(organizer, TimeSpan.FromMinutes(20), attendance: "List");
        using (var request = As(people[0].Token, HttpMethod.Post, "/api/v1/me/registrations"))
        {
            request.Content = System.Net.Http.Json.JsonContent.Create(new { activityId = id });
            Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(request)).StatusCode);
        }

        var stranger = await organizer.PostJsonAsync($"/api/v1/youth-activities/{id}/attendance", new { personId = people[1].PersonId });
        Assert.Equal(HttpStatusCode.Conflict, stranger.StatusCode);
        Assert.Contains("未报名", await stranger.ProblemTextAsync(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await organizer.PostJsonAsync($"/api/v1/youth-activities/{id}/attendance", new { personId = people[0].PersonId })).StatusCode);
        var list = await OkJson(await organizer.GetAsync($"/api/v1/youth-activities/{id}/registrations"));
        Assert.True(list.EnumerateArray().Single().GetProperty("present").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await organizer.PostJsonAsync($"/api/v1/youth-activities/{id}/attendance", new { personId = people[0].PersonId, present = false })).StatusCode);
        list = await OkJson(await organizer.GetAsync($"/api/v1/youth-activities/{id}/registrations"));
        Assert.False(list.EnumerateArray().Single().GetProperty("present").GetBoolean());
    }

    [Fact]
    public async Task MembersOnlyAndAgeLimitsAreKept_AndRegistrationClosesAtTheStart()
    {
        var organizer = await app.ApiAsAsync(World.AdminA);
        var people = await ManyAsync(app, 1, seed: app.Provider == "Sqlite" ? 17 : 18);
        using var http = app.CreateClient();
        async Task<(HttpStatusCode, string)> Register(Guid activity)
        {
            using var request = As(people[0].Token, HttpMethod.Post, "/api/v1/me/registrations");
            request.Content = System.Net.Http.Json.JsonContent.Create(new { activityId = activity });
            using var response = await http.SendAsync(request);
            return (response.StatusCode, await response.ProblemTextAsync());
        }

        var members = await PublishAsync(organizer, TimeSpan.FromDays(1), audience: "MembersOnly");
        var (status, text) = await Register(members);
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("仅限团员", text, StringComparison.Ordinal);

        // The generated people were born from 1980 on: far above 14–18.
        var teens = await PublishAsync(organizer, TimeSpan.FromDays(1), minAge: 14, maxAge: 18);
        (status, text) = await Register(teens);
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("14–18", text, StringComparison.Ordinal);

        var soon = await PublishAsync(organizer, TimeSpan.FromMinutes(10));
        app.Clock.Advance(TimeSpan.FromMinutes(11));
        try
        {
            (status, text) = await Register(soon);
            Assert.Equal(HttpStatusCode.Conflict, status);
            Assert.Contains("不能再报名", text, StringComparison.Ordinal);
        }
        finally
        {
            app.Clock.Reset();
        }
        Assert.Equal(0, await app.AsSystemAsync((_, db) => db.Registrations.CountAsync(r => r.PersonId == people[0].PersonId)));
    }

    [Fact]
    public async Task ABadActivityIsRefusedFieldByField_AndNothingIsWritten()
    {
        var organizer = await app.ApiAsAsync(World.AdminA);
        var before = await app.AsSystemAsync((_, db) => db.Activities.CountAsync());
        var starts = app.Clock.GetUtcNow().AddDays(1);
        var response = await organizer.PostJsonAsync("/api/v1/youth-activities", new
        {
            unitId = app.World.CommunityA.Id, title = "", place = "活动室", startsAt = starts, endsAt = starts.AddHours(-1),
            capacity = 0, priceBand = "Free", price = 10, minAge = 20, maxAge = 15,
        });
        var text = await response.ProblemTextAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, text);
        foreach (var expected in new[] { "活动名称", "结束时间：必须晚于开始时间", "名额", "免费活动不收费", "最大年龄" })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }
        Assert.Equal(before, await app.AsSystemAsync((_, db) => db.Activities.CountAsync()));
    }

    [Fact]
    public async Task AnotherCommunitysAdminNeitherSeesNorManagesTheActivity()
    {
        var organizer = await app.ApiAsAsync(World.AdminA);
        var id = await PublishAsync(organizer, TimeSpan.FromDays(2));
        var other = await app.ApiAsAsync(World.AdminB);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/youth-activities/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostJsonAsync($"/api/v1/youth-activities/{id}/cancel", new { reason = "不办了" })).StatusCode);
        var month = app.Clock.GetUtcNow().AddDays(2);
        var calendar = await OkJson(await other.GetAsync($"/api/v1/youth-activities?year={month.Year}&month={month.Month}"));
        Assert.DoesNotContain(calendar.EnumerateArray(), x => x.GetProperty("id").GetGuid() == id);
    }
}

public sealed class YouthActivityOnSqlite(SqliteApp app) : YouthActivityTests(app), IClassFixture<SqliteApp>;

public sealed class YouthActivityOnPostgres(PostgresApp app) : YouthActivityTests(app), IClassFixture<PostgresApp>;
