using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Qingyun.Domain.Notices;
using Qingyun.Features.Volunteering;
using Qingyun.Infrastructure;
using Qingyun.Tests.Infrastructure;
using static Qingyun.Tests.Features.Volunteering.VolunteeringKit;

namespace Qingyun.Tests.Features.Volunteering;

/// <summary>Reminders before the start, and what an organizer of another community cannot do.</summary>
public abstract class VolunteeringScopeTests(QingyunApp app)
{
    private Task<int> RemindAsync() => app.AsSystemAsync((sp, _) => ReminderJob.RemindDueAsync(sp, app.Clock, CancellationToken.None));

    [Fact]
    public async Task AConfirmedPlaceInAnActivityStartingWithinADay_IsRemindedExactlyOnce()
    {
        var organizer = await app.ApiAsAsync(World.AdminA);
        var soon = await PublishAsync(app, organizer, TimeSpan.FromHours(20), TimeSpan.FromHours(2));
        var later = await PublishAsync(app, organizer, TimeSpan.FromDays(3), TimeSpan.FromHours(2));
        var volunteer = await RegisterAsync(app);
        await SignUpAsync(volunteer, soon);
        await SignUpAsync(volunteer, later);

        await RemindAsync();
        await RemindAsync();

        var (notices, messages) = await app.AsSystemAsync(async (_, db) => (
            await db.Notices.Where(n => n.PersonId == volunteer.PersonId && n.Kind == NoticeKind.ActivityReminder).ToListAsync(),
            await db.OutgoingMessages.Where(m => m.PersonId == volunteer.PersonId).ToListAsync()));
        var notice = Assert.Single(notices);
        Assert.Equal($"/serve/activities/{soon.Id}", notice.Link);
        var message = Assert.Single(messages);
        Assert.Contains("敬老院陪伴", message.Body);
        Assert.NotNull(message.SentAt);
    }

    [Fact]
    public async Task AnOrganizerOfCommunityB_CannotPublishConfirmOrCorrect_CommunityAsThings()
    {
        var organizerA = await app.ApiAsAsync(World.AdminA);
        var organizerB = await app.ApiAsAsync(World.AdminB);
        var draft = await PublishAsync(app, organizerA, TimeSpan.FromHours(5), TimeSpan.FromHours(2), publish: false);
        var published = await PublishAsync(app, organizerA, TimeSpan.FromMinutes(30), TimeSpan.FromHours(2));
        var volunteer = await RegisterAsync(app);
        var signUpId = await SignUpAsync(volunteer, published);
        var line = await OkJson(await organizerA.PostJsonAsync("/api/v1/service-records", new
        {
            unitId = app.World.CommunityA.Id, volunteerNumber = volunteer.Number,
            serviceDate = app.Clock.ChinaToday().AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), hours = 2m, content = "社区服务", reason = "补录",
        }));
        var lineId = line.GetProperty("id").GetGuid();
        await OkJson(await CheckAsync(volunteer, await TokenAsync(organizerA, published.Id)));
        var attendanceId = (await AttendanceOfAsync(organizerA, published.Id, volunteer.Id)).GetProperty("id").GetGuid();
        var disputeId = (await OkJson(await volunteer.Api.PostJsonAsync($"/api/v1/me/volunteer/disputes/{lineId}", new { reason = "时长不对" }))).GetProperty("id").GetGuid();

        HttpStatusCode[] refused = [HttpStatusCode.NotFound, HttpStatusCode.Forbidden];
        async Task Refused(Task<HttpResponseMessage> call, string what)
        {
            var response = await call;
            Assert.True(refused.Contains(response.StatusCode), $"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        await Refused(organizerB.PostAsync($"/api/v1/activities/{draft.Id}/publish", null), "publish");
        await Refused(organizerB.PostJsonAsync($"/api/v1/activities/{draft.Id}/positions", new { name = "混入岗位", quota = 5 }), "add position");
        await Refused(organizerB.PostJsonAsync($"/api/v1/activities/{published.Id}/cancel", new { note = "不办了" }), "cancel");
        await Refused(organizerB.GetAsync($"/api/v1/activities/{published.Id}/code"), "code");
        await Refused(organizerB.GetAsync($"/api/v1/activities/{published.Id}/attendance"), "attendance");
        await Refused(organizerB.GetAsync($"/api/v1/activities/{published.Id}/sign-ups"), "sign-ups");
        await Refused(organizerB.PostJsonAsync($"/api/v1/activities/sign-ups/{signUpId}/remove", new { note = "移除" }), "remove sign-up");
        await Refused(organizerB.PostJsonAsync($"/api/v1/activities/{published.Id}/attendance/confirm", new { }), "confirm");
        await Refused(organizerB.PostJsonAsync($"/api/v1/activities/attendance/{attendanceId}/check-out", new { at = DateTimeOffset.UtcNow, note = "代签退" }), "set check-out");
        await Refused(organizerB.PostJsonAsync($"/api/v1/activities/attendance/{attendanceId}/reject", new { note = "不计" }), "reject");
        await Refused(organizerB.PostJsonAsync($"/api/v1/service-records/{lineId}/correction", new { reason = "改掉", rightHours = 10m }), "correct");
        await Refused(organizerB.PostJsonAsync($"/api/v1/disputes/{disputeId}/answer", new { correct = true, answer = "改", rightHours = 10m }), "answer");
        await Refused(organizerB.PostJsonAsync("/api/v1/service-records", new
        {
            unitId = app.World.CommunityA.Id, volunteerNumber = volunteer.Number,
            serviceDate = app.Clock.ChinaToday().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), hours = 8m, content = "代记", reason = "代记",
        }), "manual line for A");
        await Refused(organizerB.GetAsync($"/api/v1/volunteers/{volunteer.Id}"), "volunteer");

        // Nothing of A changed.
        var (state, lines, attendance, openDispute) = await app.AsSystemAsync(async (_, db) => (
            await db.Activities.Where(a => a.Id == draft.Id).Select(a => a.State).FirstAsync(),
            await db.ServiceEntries.CountAsync(e => e.VolunteerId == volunteer.Id),
            await db.Attendances.Where(a => a.Id == attendanceId).Select(a => a.State).FirstAsync(),
            await db.Disputes.Where(d => d.Id == disputeId).Select(d => d.State).FirstAsync()));
        Assert.Equal(Qingyun.Domain.Activities.ActivityState.Draft, state);
        Assert.Equal(1, lines);
        Assert.Equal(Qingyun.Domain.Volunteering.AttendanceState.CheckedIn, attendance);
        Assert.Equal(Qingyun.Domain.Volunteering.DisputeState.Open, openDispute);
        Assert.Equal(2m, await ConfirmedHoursAsync(volunteer));
    }
}

public sealed class VolunteeringScopeOnSqlite(SqliteApp app) : VolunteeringScopeTests(app), IClassFixture<SqliteApp>;

public sealed class VolunteeringScopeOnPostgres(PostgresApp app) : VolunteeringScopeTests(app), IClassFixture<PostgresApp>;
