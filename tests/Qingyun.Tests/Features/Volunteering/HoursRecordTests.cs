using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qingyun.Cli;
using Qingyun.Features.Volunteering;
using Qingyun.Infrastructure;
using Qingyun.Tests.Infrastructure;
using static Qingyun.Tests.Features.Volunteering.VolunteeringKit;

namespace Qingyun.Tests.Features.Volunteering;

public abstract class HoursRecordTests(QingyunApp app)
{
    private static readonly TimeSpan StartsIn = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan Length = TimeSpan.FromHours(2);

    /// <summary>A volunteer with a place in a two-hour activity of community A starting in half an hour, checked in now (early).</summary>
    private async Task<(HttpClient Organizer, TestActivity Activity, TestVolunteer Volunteer)> CheckedInAsync()
    {
        var organizer = await app.ApiAsAsync(World.AdminA);
        var activity = await PublishAsync(app, organizer, StartsIn, Length);
        var volunteer = await RegisterAsync(app);
        await SignUpAsync(volunteer, activity);
        await OkJson(await CheckAsync(volunteer, await TokenAsync(organizer, activity.Id)));
        return (organizer, activity, volunteer);
    }

    private static async Task<int> ConfirmAsync(HttpClient organizer, Guid activityId) =>
        (await OkJson(await organizer.PostJsonAsync($"/api/v1/activities/{activityId}/attendance/confirm", new { }))).GetProperty("confirmed").GetInt32();

    private static async Task<JsonElement[]> RecordAsync(TestVolunteer v) =>
        [.. (await OkJson(await v.Api.GetAsync("/api/v1/me/volunteer/record"))).GetProperty("items").EnumerateArray()];

    /// <summary>A manual line of community A for the volunteer, by its organizer.</summary>
    private async Task<Guid> ManualLineAsync(HttpClient organizer, TestVolunteer v, decimal hours, string content = "社区清扫")
    {
        var response = await organizer.PostJsonAsync("/api/v1/service-records", new
        {
            unitId = app.World.CommunityA.Id, volunteerNumber = v.Number, serviceDate = app.Clock.ChinaToday().AddDays(-3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            hours, content, reason = "纸质签到表补录",
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadJsonAsync()).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task HoursRunFromCheckInToCheckOut_ClippedToTheScheduledTime_AndConfirmingTwiceAddsNothing()
    {
        try
        {
            var (organizer, activity, volunteer) = await CheckedInAsync(); // checked in half an hour early
            app.Clock.Advance(StartsIn + Length + TimeSpan.FromMinutes(30)); // and out half an hour after the end
            var token = await TokenAsync(organizer, activity.Id);
            var outcome = await OkJson(await CheckAsync(volunteer, token, "Out"));
            Assert.Equal("CheckedOut", outcome.GetProperty("state").GetString());
            Assert.Equal(120, outcome.GetProperty("minutes").GetInt32());
            Assert.Equal(0m, await ConfirmedHoursAsync(volunteer));

            Assert.Equal(1, await ConfirmAsync(organizer, activity.Id));
            Assert.Equal(2m, await ConfirmedHoursAsync(volunteer));
            var line = Assert.Single(await RecordAsync(volunteer));
            Assert.Equal(120, line.GetProperty("minutes").GetInt32());
            Assert.Equal(World.AdminA, line.GetProperty("recordedBy").GetString());

            Assert.Equal(0, await ConfirmAsync(organizer, activity.Id));
            Assert.Equal(2m, await ConfirmedHoursAsync(volunteer));
            Assert.Single(await RecordAsync(volunteer));
            var again = await OkJson(await CheckAsync(volunteer, await TokenAsync(organizer, activity.Id), "Out"));
            Assert.True(again.GetProperty("alreadyRecorded").GetBoolean());
            Assert.Equal(2m, await ConfirmedHoursAsync(volunteer));
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    [Fact]
    public async Task AForgottenCheckOut_IsFlaggedAndNotCredited_UntilTheOrganizerSetsIt()
    {
        try
        {
            var (organizer, activity, volunteer) = await CheckedInAsync();
            app.Clock.Advance(StartsIn + Length + TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1));

            var row = await AttendanceOfAsync(organizer, activity.Id, volunteer.Id);
            Assert.True(row.GetProperty("missingCheckOut").GetBoolean());
            Assert.Equal("CheckedIn", row.GetProperty("state").GetString());
            Assert.Equal(0, await ConfirmAsync(organizer, activity.Id));
            Assert.Equal(0m, await ConfirmedHoursAsync(volunteer));
            var tooLate = await CheckAsync(volunteer, await TokenAsync(organizer, activity.Id), "Out");
            Assert.Equal(HttpStatusCode.Conflict, tooLate.StatusCode);
            Assert.Contains("签退时间已过", await tooLate.ProblemTextAsync());

            var attendanceId = row.GetProperty("id").GetGuid();
            var noNote = await organizer.PostJsonAsync($"/api/v1/activities/attendance/{attendanceId}/check-out", new { at = activity.EndsAt - TimeSpan.FromMinutes(30) });
            Assert.Equal(HttpStatusCode.BadRequest, noNote.StatusCode);
            var set = await OkJson(await organizer.PostJsonAsync($"/api/v1/activities/attendance/{attendanceId}/check-out",
                new { at = activity.EndsAt - TimeSpan.FromMinutes(30), note = "志愿者忘记签退，按现场负责人记录补签" }));
            Assert.Equal(90, set.GetProperty("minutes").GetInt32());

            row = await AttendanceOfAsync(organizer, activity.Id, volunteer.Id);
            Assert.False(row.GetProperty("missingCheckOut").GetBoolean());
            Assert.Equal("Organizer", row.GetProperty("checkOutMethod").GetString());
            Assert.Equal("志愿者忘记签退，按现场负责人记录补签", row.GetProperty("note").GetString());
            var confirmed = await OkJson(await organizer.PostJsonAsync($"/api/v1/activities/{activity.Id}/attendance/confirm", new { attendanceIds = new[] { attendanceId } }));
            Assert.Equal(1, confirmed.GetProperty("confirmed").GetInt32());
            Assert.Equal(1.5m, await ConfirmedHoursAsync(volunteer));
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    [Fact]
    public async Task ADisputeAnsweredWithACorrection_LeavesTheOriginal_AReversalWithItsReason_AndTheRightLine()
    {
        var organizer = await app.ApiAsAsync(World.AdminA);
        var volunteer = await RegisterAsync(app);
        var lineId = await ManualLineAsync(organizer, volunteer, 3m);
        Assert.Equal(3m, await ConfirmedHoursAsync(volunteer));

        var dispute = await OkJson(await volunteer.Api.PostJsonAsync($"/api/v1/me/volunteer/disputes/{lineId}", new { reason = "我服务了4小时，签到表漏记", claimedHours = 4m }));
        Assert.Equal("Open", dispute.GetProperty("state").GetString());
        var again = await volunteer.Api.PostJsonAsync($"/api/v1/me/volunteer/disputes/{lineId}", new { reason = "再提一次" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        var disputeId = dispute.GetProperty("id").GetGuid();
        var listed = await OkJson(await organizer.GetAsync("/api/v1/disputes"));
        Assert.Contains(listed.GetProperty("items").EnumerateArray(), d => d.GetProperty("id").GetGuid() == disputeId);
        var answered = await OkJson(await organizer.PostJsonAsync($"/api/v1/disputes/{disputeId}/answer",
            new { correct = true, answer = "经核实为4小时，予以更正", rightHours = 4m }));
        Assert.Equal("Corrected", answered.GetProperty("state").GetString());

        var record = await RecordAsync(volunteer);
        Assert.Equal(3, record.Length);
        Assert.Equal(lineId, record[0].GetProperty("id").GetGuid());
        Assert.Equal(180, record[0].GetProperty("minutes").GetInt32());
        Assert.Equal("Reversal", record[1].GetProperty("kind").GetString());
        Assert.Equal(-180, record[1].GetProperty("minutes").GetInt32());
        Assert.Equal(lineId, record[1].GetProperty("reversesEntryId").GetGuid());
        Assert.Equal("经核实为4小时，予以更正", record[1].GetProperty("reason").GetString());
        Assert.Equal(World.AdminA, record[1].GetProperty("recordedBy").GetString());
        Assert.Equal(answered.GetProperty("correctionEntryId").GetGuid(), record[1].GetProperty("id").GetGuid());
        Assert.Equal(240, record[2].GetProperty("minutes").GetInt32());
        Assert.Equal(4m, await ConfirmedHoursAsync(volunteer));

        var reverseTheReversal = await organizer.PostJsonAsync($"/api/v1/service-records/{record[1].GetProperty("id").GetGuid()}/correction", new { reason = "撤回更正" });
        Assert.Equal(HttpStatusCode.Conflict, reverseTheReversal.StatusCode);
        Assert.Contains("冲销记录不能再冲销", await reverseTheReversal.ProblemTextAsync());
        var twice = await organizer.PostJsonAsync($"/api/v1/service-records/{lineId}/correction", new { reason = "再冲销一次" });
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Contains("该记录已被冲销", await twice.ProblemTextAsync());
        Assert.Equal(3, (await RecordAsync(volunteer)).Length);
        Assert.Equal(4m, await ConfirmedHoursAsync(volunteer));

        var answerAgain = await organizer.PostJsonAsync($"/api/v1/disputes/{disputeId}/answer", new { correct = false, answer = "再答一次" });
        Assert.Equal(HttpStatusCode.Conflict, answerAgain.StatusCode);
    }

    [Fact]
    public async Task TenLinesRecordedAtOnceForOneVolunteer_AllCount_InOneUnbrokenChain()
    {
        var organizer = await app.ApiAsAsync(World.AdminA);
        var volunteer = await RegisterAsync(app);

        await Task.WhenAll(Enumerable.Range(1, 10).Select(i => ManualLineAsync(organizer, volunteer, 0.5m * i, $"并发补录{i}")));

        var record = await RecordAsync(volunteer);
        Assert.Equal(Enumerable.Range(1, 10), record.Select(e => e.GetProperty("sequence").GetInt32()));
        Assert.Equal(27.5m, await ConfirmedHoursAsync(volunteer));
        var problems = await app.AsSystemAsync((sp, db) => sp.GetRequiredService<ServiceLedger>().VerifyAsync(db, null, CancellationToken.None));
        Assert.DoesNotContain(problems, p => p.VolunteerNumber == volunteer.Number);
    }

    [Fact]
    public async Task AVolunteerCannotDisputeSomeoneElsesLine()
    {
        var organizer = await app.ApiAsAsync(World.AdminA);
        var owner = await RegisterAsync(app);
        var other = await RegisterAsync(app);
        var lineId = await ManualLineAsync(organizer, owner, 1m);

        var response = await other.Api.PostJsonAsync($"/api/v1/me/volunteer/disputes/{lineId}", new { reason = "不是我的" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain((await OkJson(await organizer.GetAsync("/api/v1/disputes"))).GetProperty("items").EnumerateArray(),
            d => d.GetProperty("entryId").GetGuid() == lineId);
    }

    [Fact]
    public async Task TheHashChain_CatchesALineChangedInTheDatabase_AndALineDeleted()
    {
        var organizer = await app.ApiAsAsync(World.AdminA);
        var volunteer = await RegisterAsync(app);
        await ManualLineAsync(organizer, volunteer, 2m, "助老服务");
        var second = await ManualLineAsync(organizer, volunteer, 1.5m, "环保宣传");
        await ManualLineAsync(organizer, volunteer, 1m, "图书整理");
        await OkJson(await organizer.PostJsonAsync($"/api/v1/service-records/{second}/correction", new { reason = "重复登记" }));

        var intact = new StringWriter();
        Assert.Equal(0, await VerifyLedger.RunAsync(app.Services, intact));
        Assert.Contains("未发现改动", intact.ToString());
        var problems = await app.AsSystemAsync((sp, db) => sp.GetRequiredService<ServiceLedger>().VerifyAsync(db, null, CancellationToken.None));
        Assert.Empty(problems);

        // Someone with database access gives the second line ten hours.
        await app.AsSystemAsync((_, db) => db.ServiceEntries.IgnoreQueryFilters().Where(e => e.Id == second)
            .ExecuteUpdateAsync(u => u.SetProperty(e => e.Minutes, 600)));
        problems = await app.AsSystemAsync((sp, db) => sp.GetRequiredService<ServiceLedger>().VerifyAsync(db, null, CancellationToken.None));
        var mine = problems.Where(p => p.VolunteerNumber == volunteer.Number).ToList();
        Assert.Contains(mine, p => p.What == "Altered" && p.Sequence == 2);
        Assert.Contains(mine, p => p.What == "TotalMismatch");
        var altered = new StringWriter();
        Assert.Equal(2, await VerifyLedger.RunAsync(app.Services, altered));
        Assert.Contains($"志愿者 {volunteer.Number} 第 2 条：内容被改动", altered.ToString());

        // ... and deletes the last line (the reversal) to hide it.
        await app.AsSystemAsync((_, db) => db.ServiceEntries.IgnoreQueryFilters().Where(e => e.VolunteerId == volunteer.Id && e.Sequence == 4).ExecuteDeleteAsync());
        problems = await app.AsSystemAsync((sp, db) => sp.GetRequiredService<ServiceLedger>().VerifyAsync(db, null, CancellationToken.None));
        Assert.Contains(problems, p => p.VolunteerNumber == volunteer.Number && p.What == "HeadMismatch");
        Assert.Equal(2, await VerifyLedger.RunAsync(app.Services, new StringWriter()));
    }
}

public sealed class HoursRecordOnSqlite(SqliteApp app) : HoursRecordTests(app), IClassFixture<SqliteApp>;

public sealed class HoursRecordOnPostgres(PostgresApp app) : HoursRecordTests(app), IClassFixture<PostgresApp>;
