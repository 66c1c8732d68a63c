using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qingyun.Domain.Organization;
using Qingyun.Domain.People;
using Qingyun.Domain.Volunteering;
using Qingyun.Features.Training;
using Qingyun.Features.Volunteering;
using Qingyun.Infrastructure;
using Qingyun.Security;
using Qingyun.Tests.Infrastructure;

namespace Qingyun.Tests.Features.Volunteering;

public abstract class TrainingTests(QingyunApp app)
{
    private static DateOnly Today => DateTimeOffset.UtcNow.ChinaDate();

    private sealed record TestVolunteer(Guid Id, string Number);

    /// <summary>A registered volunteer of <paramref name="unit"/>, with <paramref name="serviceMinutes"/> on their hours record.</summary>
    private Task<TestVolunteer> NewVolunteerAsync(OrgUnit unit, int serviceMinutes = 0) => app.AsSystemAsync(async (sp, db) =>
    {
        var idNumber = TestIds.BornYearsAgo(25);
        IdNumber.TryParse(idNumber, Today, out var id, out _);
        var now = DateTimeOffset.UtcNow;
        var person = new Person { UnitId = unit.Id, Name = "培训志愿者", Gender = id.Gender, BirthDate = id.BirthDate, CreatedAt = now, UpdatedAt = now };
        sp.GetRequiredService<SensitiveData>().Protect(person, idNumber, null);
        db.People.Add(person);
        var v = new Volunteer
        {
            PersonId = person.Id, UnitId = unit.Id, Number = VolunteerNumbers.New(Today), Channel = RegistrationChannel.Self,
            SensitiveConsentAt = now, RegisteredAt = now, LedgerHead = "",
        };
        db.Volunteers.Add(v);
        await db.SaveChangesAsync();
        if (serviceMinutes > 0)
        {
            await sp.GetRequiredService<ServiceLedger>().AppendAsync(db, new ServiceEntry
            {
                VolunteerId = v.Id, UnitId = unit.Id, Kind = EntryKind.Manual, Minutes = serviceMinutes, ServiceDate = Today,
                Content = "社区服务", RecordedBy = "test", RecordedAt = now,
            }, CancellationToken.None);
        }
        return new TestVolunteer(v.Id, v.Number);
    });

    private Task<Volunteer> VolunteerAsync(Guid id) => app.AsSystemAsync((_, db) => db.Volunteers.AsNoTracking().FirstAsync(v => v.Id == id));

    private static async Task<Guid> IdOf(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.ReadJsonAsync()).GetProperty("id").GetGuid();
    }

    /// <summary>A course of community A with one session that ran from three hours ago to one hour ago (120 minutes).</summary>
    private async Task<(HttpClient Api, Guid CourseId, Guid SessionId)> CourseWithSessionAsync(string name)
    {
        var api = await app.ApiAsAsync(World.AdminA);
        var courseId = await IdOf(await api.PostJsonAsync("/api/v1/training/courses",
            new { unitId = app.World.CommunityA.Id, name, description = "急救知识与实操", minutes = 120 }));
        var now = DateTimeOffset.UtcNow;
        var sessionId = await IdOf(await api.PostJsonAsync($"/api/v1/training/courses/{courseId}/sessions",
            new { startsAt = now.AddHours(-3), endsAt = now.AddHours(-1), place = "社区活动室", teacher = "李老师" }));
        return (api, courseId, sessionId);
    }

    private static Task<HttpResponseMessage> RecordAsync(HttpClient api, Guid sessionId, string number, bool attended, bool completed) =>
        api.PutJsonAsync($"/api/v1/training/sessions/{sessionId}/records", new { volunteerNumber = number, attended, completed });

    [Fact]
    public async Task TrainingMinutes_AreCreditedApartFromServiceMinutes_AndTheServiceRecordIsUntouched()
    {
        var v = await NewVolunteerAsync(app.World.CommunityA, serviceMinutes: 90);
        var (api, _, sessionId) = await CourseWithSessionAsync("应急救护培训-分开");

        var response = await RecordAsync(api, sessionId, v.Number, attended: true, completed: false);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(120, (await response.ReadJsonAsync()).GetProperty("minutes").GetInt32());

        var after = await VolunteerAsync(v.Id);
        Assert.Equal(120, after.TrainingMinutes);
        Assert.Equal(90, after.ConfirmedMinutes);
        Assert.Equal(1, after.EntryCount);
        Assert.Equal(1, await app.AsSystemAsync((_, db) => db.ServiceEntries.CountAsync(e => e.VolunteerId == v.Id)));
    }

    [Fact]
    public async Task RecordingAVolunteerTwice_UpdatesTheOneRecord_AndAdjustsTheTrainingTotal()
    {
        var v = await NewVolunteerAsync(app.World.CommunityA);
        var (api, _, sessionId) = await CourseWithSessionAsync("应急救护培训-两次");

        Assert.Equal(HttpStatusCode.OK, (await RecordAsync(api, sessionId, v.Number, true, false)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await RecordAsync(api, sessionId, v.Number, true, true)).StatusCode);
        Assert.Equal(120, (await VolunteerAsync(v.Id)).TrainingMinutes);
        var record = Assert.Single(await app.AsSystemAsync((_, db) => db.TrainingRecords.Where(r => r.VolunteerId == v.Id).ToListAsync()));
        Assert.True(record.Completed);

        // Marked absent after all: the record stays one, its minutes and the total drop to zero.
        var absent = await RecordAsync(api, sessionId, v.Number, false, false);
        Assert.Equal(-120, (await absent.ReadJsonAsync()).GetProperty("minutesChange").GetInt32());
        Assert.Equal(0, (await VolunteerAsync(v.Id)).TrainingMinutes);
        Assert.Equal(1, await app.AsSystemAsync((_, db) => db.TrainingRecords.CountAsync(r => r.VolunteerId == v.Id)));

        var session = await (await api.GetAsync($"/api/v1/training/sessions/{sessionId}")).ReadJsonAsync();
        var row = Assert.Single(session.GetProperty("records").EnumerateArray());
        Assert.Equal(v.Number, row.GetProperty("volunteerNumber").GetString());
        Assert.False(row.GetProperty("attended").GetBoolean());
    }

    [Fact]
    public async Task Completion_IsSeenByTrainingRules_OnlyForTheCompletedCourse()
    {
        var v = await NewVolunteerAsync(app.World.CommunityB);
        var (api, courseId, sessionId) = await CourseWithSessionAsync("应急救护培训-结业");
        var (_, otherCourseId, _) = await CourseWithSessionAsync("应急救护培训-另一门");

        Task<bool> Completed(Guid course) => app.AsSystemAsync((_, db) => TrainingRules.HasCompletedAsync(db, v.Id, course, CancellationToken.None));
        Assert.False(await Completed(courseId));

        // Attended only: not yet completed.
        await RecordAsync(api, sessionId, v.Number, true, false);
        Assert.False(await Completed(courseId));

        // A volunteer registered in community B trains with A; the rule sees it regardless of scope.
        await RecordAsync(api, sessionId, v.Number, true, true);
        Assert.True(await Completed(courseId));
        Assert.False(await Completed(otherCourseId));

        var course = await (await api.GetAsync($"/api/v1/training/courses/{courseId}")).ReadJsonAsync();
        Assert.Equal(1, course.GetProperty("course").GetProperty("completions").GetInt32());

        var own = await app.AsSystemAsync((sp, db) => sp.GetRequiredService<OwnTraining>().ForAsync(v.Id, 120, CancellationToken.None));
        var item = Assert.Single(own.Items);
        Assert.Equal("应急救护培训-结业", item.CourseName);
        Assert.True(item.Completed);
        Assert.Equal(120, item.Minutes);
    }

    [Fact]
    public async Task BadTrainingInput_IsRefusedInChinese_NamingTheFieldAndTheRule()
    {
        var v = await NewVolunteerAsync(app.World.CommunityA);
        var (api, courseId, sessionId) = await CourseWithSessionAsync("应急救护培训-拒绝");

        var same = await api.PostJsonAsync("/api/v1/training/courses", new { unitId = app.World.CommunityA.Id, name = "应急救护培训-拒绝", minutes = 60 });
        Assert.Equal(HttpStatusCode.Conflict, same.StatusCode);
        Assert.Contains("课程名称：本单位已有同名课程", await same.ProblemTextAsync());

        var now = DateTimeOffset.UtcNow;
        var backwards = await api.PostJsonAsync($"/api/v1/training/courses/{courseId}/sessions", new { startsAt = now, endsAt = now.AddHours(-1), place = "活动室" });
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
        Assert.Contains("结束时间：应晚于开始时间", await backwards.ProblemTextAsync());

        var notAttended = await RecordAsync(api, sessionId, v.Number, attended: false, completed: true);
        Assert.Equal(HttpStatusCode.BadRequest, notAttended.StatusCode);
        Assert.Contains("已结业：未参加培训的不能记为结业", await notAttended.ProblemTextAsync());

        var unknown = await RecordAsync(api, sessionId, "209900000000", true, false);
        Assert.Contains("志愿者编号：找不到该志愿者编号", await unknown.ProblemTextAsync());

        var future = await IdOf(await api.PostJsonAsync($"/api/v1/training/courses/{courseId}/sessions",
            new { startsAt = now.AddDays(2), endsAt = now.AddDays(2).AddHours(2), place = "活动室" }));
        var early = await RecordAsync(api, future, v.Number, true, false);
        Assert.Contains("培训尚未开始", await early.ProblemTextAsync());

        Assert.Equal(0, await app.AsSystemAsync((_, db) => db.TrainingRecords.CountAsync(r => r.VolunteerId == v.Id)));
        Assert.Equal(0, (await VolunteerAsync(v.Id)).TrainingMinutes);
    }

    [Fact]
    public async Task AnotherCommunitysCourses_AreInvisible_AndCannotBeScheduledOrRecorded()
    {
        var v = await NewVolunteerAsync(app.World.CommunityA);
        var (_, courseId, sessionId) = await CourseWithSessionAsync("应急救护培训-外单位");
        var b = await app.ApiAsAsync(World.AdminB);

        Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync($"/api/v1/training/courses/{courseId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync($"/api/v1/training/sessions/{sessionId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await RecordAsync(b, sessionId, v.Number, true, true)).StatusCode);
        var now = DateTimeOffset.UtcNow;
        Assert.Equal(HttpStatusCode.NotFound, (await b.PostJsonAsync($"/api/v1/training/courses/{courseId}/sessions",
            new { startsAt = now, endsAt = now.AddHours(1), place = "乙社区" })).StatusCode);
        var list = await (await b.GetAsync("/api/v1/training/courses")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("应急救护培训-外单位", list);
        Assert.Equal(HttpStatusCode.NotFound, (await b.PostJsonAsync("/api/v1/training/courses",
            new { unitId = app.World.CommunityA.Id, name = "越权课程", minutes = 30 })).StatusCode);
    }

    [Fact]
    public async Task OnTheAttendanceGrid_AnOrganizerAddsAVolunteerByNumber_AndTicksCompletion()
    {
        var v = await NewVolunteerAsync(app.World.CommunityA);
        var (_, courseId, sessionId) = await CourseWithSessionAsync("应急救护培训-页面");
        var pages = await app.PagesAsAsync(World.AdminA);

        var index = await pages.Http.GetStringAsync("/training");
        Assert.Contains($"/training/courses/{courseId}", index);
        Assert.Contains($"/training/sessions/{sessionId}", await pages.Http.GetStringAsync($"/training/courses/{courseId}"));

        var url = $"/training/sessions/{sessionId}";
        var added = await pages.PostFormAsync(url, new() { ["VolunteerNumber"] = v.Number, ["Attended"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var ticked = await pages.PostFormAsync(url, new() { ["VolunteerNumber"] = v.Number, ["Attended"] = "true", ["Completed"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, ticked.StatusCode);

        var grid = WebUtility.HtmlDecode(await pages.Http.GetStringAsync(url));
        Assert.Contains(v.Number, grid);
        Assert.Contains("参加 1 人 · 结业 1 人", grid);
        Assert.Equal(120, (await VolunteerAsync(v.Id)).TrainingMinutes);

        var refused = await pages.PostFormAsync(url, new() { ["VolunteerNumber"] = "209900000001", ["Attended"] = "true" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("志愿者须先在青云注册", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
    }
}

public sealed class TrainingOnSqlite(SqliteApp app) : TrainingTests(app), IClassFixture<SqliteApp>;

public sealed class TrainingOnPostgres(PostgresApp app) : TrainingTests(app), IClassFixture<PostgresApp>;
