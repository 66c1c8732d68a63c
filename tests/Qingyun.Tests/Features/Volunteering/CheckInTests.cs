using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Qingyun.Tests.Infrastructure;
using static Qingyun.Tests.Features.Volunteering.VolunteeringKit;

namespace Qingyun.Tests.Features.Volunteering;

public abstract class CheckInTests(QingyunApp app)
{
    private Task<int> AttendanceRowsAsync(Guid activityId, Guid volunteerId) =>
        app.AsSystemAsync((_, db) => db.Attendances.CountAsync(a => a.ActivityId == activityId && a.VolunteerId == volunteerId));

    [Fact]
    public async Task TheSameCheckInPostedFiveTimesAtOnce_RecordsOneAttendance_AndTheOthersSayItWasAlreadyRecorded()
    {
        var organizer = await app.ApiAsAsync(World.AdminA);
        var activity = await PublishAsync(app, organizer, TimeSpan.FromMinutes(30), TimeSpan.FromHours(2));
        var volunteer = await RegisterAsync(app);
        await SignUpAsync(volunteer, activity);
        var token = await TokenAsync(organizer, activity.Id);

        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(async _ =>
        {
            var response = await CheckAsync(volunteer, token);
            return await OkJson(response);
        }));

        Assert.Equal(1, await AttendanceRowsAsync(activity.Id, volunteer.Id));
        Assert.Single(answers.Select(a => a.GetProperty("id").GetGuid()).Distinct());
        Assert.Single(answers, a => !a.GetProperty("alreadyRecorded").GetBoolean());
        var later = await OkJson(await CheckAsync(volunteer, token));
        Assert.True(later.GetProperty("alreadyRecorded").GetBoolean());
        Assert.Equal(1, await AttendanceRowsAsync(activity.Id, volunteer.Id));
    }

    [Fact]
    public async Task ACodeWorksNow_ButNotTwoMinutesLater_NorForAnotherActivity_NorAsAWrongSixDigitCode()
    {
        var organizer = await app.ApiAsAsync(World.AdminA);
        var x = await PublishAsync(app, organizer, TimeSpan.FromMinutes(30), TimeSpan.FromHours(2));
        var y = await PublishAsync(app, organizer, TimeSpan.FromMinutes(40), TimeSpan.FromHours(1));
        var first = await RegisterAsync(app);
        var late = await RegisterAsync(app);
        var elsewhere = await RegisterAsync(app);
        await SignUpAsync(first, x);
        await SignUpAsync(late, x);
        await SignUpAsync(elsewhere, y);
        try
        {
            var code = await OkJson(await organizer.GetAsync($"/api/v1/activities/{x.Id}/code"));
            var token = code.GetProperty("token").GetString()!;
            var digits = code.GetProperty("digits").GetString()!;
            Assert.Matches("^[0-9]{6}$", digits);
            Assert.Contains(token, code.GetProperty("url").GetString());

            // Now: it works.
            var now = await OkJson(await CheckAsync(first, token));
            Assert.Equal("CheckedIn", now.GetProperty("state").GetString());

            // A volunteer of activity Y cannot use X's code to check into Y, nor a code with X's signature under Y's id.
            var foreign = await CheckAsync(elsewhere, token);
            Assert.Equal(HttpStatusCode.Conflict, foreign.StatusCode);
            var forged = await CheckAsync(elsewhere, Reaim(token, y.Id));
            Assert.Equal(HttpStatusCode.Conflict, forged.StatusCode);
            Assert.Contains("签到码已过期或不属于您可签到的活动", await forged.ProblemTextAsync());
            Assert.Equal(0, await AttendanceRowsAsync(y.Id, elsewhere.Id));

            // A wrong 6-digit code, and something that is not six digits.
            var wrong = ((int.Parse(digits, CultureInfo.InvariantCulture) + 500_000) % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
            var typed = await late.Api.PostJsonAsync("/api/v1/me/volunteer/check", new { digits = wrong, direction = "In" });
            Assert.Equal(HttpStatusCode.Conflict, typed.StatusCode);
            var shortCode = await late.Api.PostJsonAsync("/api/v1/me/volunteer/check", new { digits = "12345", direction = "In" });
            Assert.Equal(HttpStatusCode.BadRequest, shortCode.StatusCode);
            Assert.Contains("应为6位数字", await shortCode.ProblemTextAsync());
            Assert.Equal(0, await AttendanceRowsAsync(x.Id, late.Id));

            // The right digits work (this minute's code).
            var right = await OkJson(await late.Api.PostJsonAsync("/api/v1/me/volunteer/check", new { digits = (await OkJson(await organizer.GetAsync($"/api/v1/activities/{x.Id}/code"))).GetProperty("digits").GetString(), direction = "In" }));
            Assert.False(right.GetProperty("alreadyRecorded").GetBoolean());

            // Two minutes later the photographed token is refused, even to someone with a place.
            app.Clock.Advance(TimeSpan.FromMinutes(2));
            var replayed = await CheckAsync(late, token, "Out");
            Assert.Equal(HttpStatusCode.Conflict, replayed.StatusCode);
            var text = await replayed.ProblemTextAsync();
            Assert.Contains("签到码已过期", text);
            Assert.Contains("签到码：", text);
            var typedLate = await late.Api.PostJsonAsync("/api/v1/me/volunteer/check", new { digits, direction = "Out" });
            Assert.Equal(HttpStatusCode.Conflict, typedLate.StatusCode);
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    [Fact]
    public async Task CheckingInMoreThanAnHourBeforeTheStart_IsRefused()
    {
        var organizer = await app.ApiAsAsync(World.AdminA);
        var activity = await PublishAsync(app, organizer, TimeSpan.FromMinutes(90), TimeSpan.FromHours(2));
        var volunteer = await RegisterAsync(app);
        await SignUpAsync(volunteer, activity);

        var early = await CheckAsync(volunteer, await TokenAsync(organizer, activity.Id));

        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("不在签到时间内", await early.ProblemTextAsync());
        Assert.Equal(0, await AttendanceRowsAsync(activity.Id, volunteer.Id));
    }

    [Fact]
    public async Task SomeoneWithoutAPlace_CannotCheckIn()
    {
        var organizer = await app.ApiAsAsync(World.AdminA);
        var activity = await PublishAsync(app, organizer, TimeSpan.FromMinutes(30), TimeSpan.FromHours(2));
        var volunteer = await RegisterAsync(app);

        var response = await CheckAsync(volunteer, await TokenAsync(organizer, activity.Id));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("您没有该活动的录用名额", await response.ProblemTextAsync());
    }

    [Fact]
    public async Task SigningUpTwice_IsRefused_AndTakesNoSecondPlace()
    {
        var organizer = await app.ApiAsAsync(World.AdminA);
        var activity = await PublishAsync(app, organizer, TimeSpan.FromHours(3), TimeSpan.FromHours(2), quota: 3);
        var volunteer = await RegisterAsync(app);
        await SignUpAsync(volunteer, activity);

        var again = await volunteer.Api.PostAsync($"/api/v1/me/volunteer/sign-ups/{activity.PositionId}", null);

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("您已报名该活动", await again.ProblemTextAsync());
        var position = (await OkJson(await organizer.GetAsync($"/api/v1/activities/{activity.Id}"))).GetProperty("positions")[0];
        Assert.Equal(1, position.GetProperty("taken").GetInt32());
        Assert.Single((await OkJson(await organizer.GetAsync($"/api/v1/activities/{activity.Id}/sign-ups"))).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task TheOrganizerScansAVolunteersPersonalCode_Once_AndAnotherCommunitysOrganizerCannot()
    {
        var organizer = await app.ApiAsAsync(World.AdminA);
        var activity = await PublishAsync(app, organizer, TimeSpan.FromMinutes(20), TimeSpan.FromHours(2));
        var volunteer = await RegisterAsync(app);
        await SignUpAsync(volunteer, activity);
        var token = (await OkJson(await volunteer.Api.GetAsync("/api/v1/me/volunteer/code"))).GetProperty("token").GetString();

        var foreign = await (await app.ApiAsAsync(World.AdminB)).PostJsonAsync($"/api/v1/activities/{activity.Id}/scan", new { token, direction = "In" });
        Assert.True(foreign.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, $"{(int)foreign.StatusCode}");
        Assert.Equal(0, await AttendanceRowsAsync(activity.Id, volunteer.Id));

        var first = await OkJson(await organizer.PostJsonAsync($"/api/v1/activities/{activity.Id}/scan", new { token, direction = "In" }));
        Assert.False(first.GetProperty("alreadyRecorded").GetBoolean());
        var second = await OkJson(await organizer.PostJsonAsync($"/api/v1/activities/{activity.Id}/scan", new { token, direction = "In" }));
        Assert.True(second.GetProperty("alreadyRecorded").GetBoolean());
        Assert.Equal(1, await AttendanceRowsAsync(activity.Id, volunteer.Id));
        var row = await AttendanceOfAsync(organizer, activity.Id, volunteer.Id);
        Assert.Equal("PersonalCode", row.GetProperty("checkInMethod").GetString());
    }

    /// <summary>The token with another activity's id put in place of its own (the signature left as it was).</summary>
    private static string Reaim(string token, Guid activityId)
    {
        var b = token.Replace('-', '+').Replace('_', '/');
        var bytes = Convert.FromBase64String(b.PadRight(b.Length + (4 - b.Length % 4) % 4, '='));
        activityId.TryWriteBytes(bytes.AsSpan(0, 16));
        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}

public sealed class CheckInOnSqlite(SqliteApp app) : CheckInTests(app), IClassFixture<SqliteApp>;

public sealed class CheckInOnPostgres(PostgresApp app) : CheckInTests(app), IClassFixture<PostgresApp>;
