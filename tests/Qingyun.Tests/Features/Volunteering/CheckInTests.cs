using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qingyun.Domain.Audit;
using Qingyun.Domain.Volunteering;
using Qingyun.Features.Volunteering;
using Qingyun.Security;
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
    public async Task SomeoneWhoIsNotAVolunteer_IsToldToRegisterFirst_BesideAVolunteerWhoChecksIn_AndForACodeOfNoActivity()
    {
        var organizer = await app.ApiAsAsync(World.AdminA);
        var activity = await PublishAsync(app, organizer, TimeSpan.FromMinutes(30), TimeSpan.FromHours(2));
        var volunteer = await RegisterAsync(app);
        await SignUpAsync(volunteer, activity);
        // An account with a person but no volunteer registration.
        var stranger = await RegisterAsync(app);
        await app.AsSystemAsync((_, db) => db.Volunteers.IgnoreQueryFilters().Where(v => v.Id == stranger.Id).ExecuteDeleteAsync());
        var token = await TokenAsync(organizer, activity.Id);

        // At the same moment, so the two are read together when they fall in one group.
        var both = await Task.WhenAll(CheckAsync(stranger, token), CheckAsync(volunteer, token));
        var (refused, accepted) = (both[0], both[1]);
        var noActivity = await CheckAsync(stranger, Reaim(token, Guid.CreateVersion7()));
        var volunteerWithNoActivity = await CheckAsync(volunteer, Reaim(token, Guid.CreateVersion7()));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("请先注册为志愿者", await refused.ProblemTextAsync());
        Assert.Equal("CheckedIn", (await OkJson(accepted)).GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, noActivity.StatusCode);
        Assert.Contains("请先注册为志愿者", await noActivity.ProblemTextAsync());
        Assert.Equal(HttpStatusCode.Conflict, volunteerWithNoActivity.StatusCode);
        Assert.Contains("签到码已过期", await volunteerWithNoActivity.ProblemTextAsync());
        Assert.Equal(1, await app.AsSystemAsync((_, db) => db.Attendances.CountAsync(a => a.ActivityId == activity.Id)));
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

    [Fact]
    public async Task ARushAtTheGate_RecordsEveryCheckInOnce_EachWithItsOwnVolunteerInTheAuditLog()
    {
        var organizer = await app.ApiAsAsync(World.AdminA);
        var activity = await PublishAsync(app, organizer, TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), quota: 40);
        var racers = await ManyAsync(app, 40, seed: app.Provider == "Sqlite" ? 23 : 24);
        using var http = app.CreateClient();
        foreach (var r in racers)
        {
            using var signUp = await http.SendAsync(As(r.Token, HttpMethod.Post, $"/api/v1/me/volunteer/sign-ups/{activity.PositionId}"));
            Assert.Equal(HttpStatusCode.OK, signUp.StatusCode);
        }
        var token = await TokenAsync(organizer, activity.Id);

        var answers = await Task.WhenAll(racers.Select(async r =>
        {
            var request = As(r.Token, HttpMethod.Post, "/api/v1/me/volunteer/check");
            request.Content = JsonContent.Create(new { token, direction = "In" });
            using var response = await http.SendAsync(request);
            return (r, Body: await OkJson(response));
        }));

        Assert.All(answers, a => Assert.False(a.Body.GetProperty("alreadyRecorded").GetBoolean()));
        var ids = answers.ToDictionary(a => a.Body.GetProperty("id").GetGuid(), a => a.r);
        Assert.Equal(40, ids.Count);
        var (rows, lines) = await app.AsSystemAsync(async (_, db) => (
            await db.Attendances.Where(a => a.ActivityId == activity.Id).AsNoTracking().ToListAsync(),
            await db.AuditEntries.Where(e => e.EntityType == "Attendance").AsNoTracking().ToListAsync()));
        Assert.Equal(40, rows.Count);
        Assert.Equal(ids.Keys.Order(), rows.Select(a => a.Id).Order());
        foreach (var row in rows)
        {
            // Written together, audited one by one: each line names the volunteer whose token checked in.
            var line = Assert.Single(lines, e => e.EntityId == row.Id.ToString());
            Assert.Equal(AuditAction.Create, line.Action);
            Assert.Equal(row.VolunteerId, ids[row.Id].Id);
            Assert.Equal(await app.AsSystemAsync((_, db) => db.Users.Where(u => u.PersonId == ids[row.Id].PersonId).Select(u => u.UserName).FirstAsync()), line.UserName);
            Assert.Equal(activity.Id.ToString(), JsonDocument.Parse(line.Changes!).RootElement.GetProperty("ActivityId")[1].GetString());
        }
    }

    /// <summary>
    /// A check-in group describes its new rows for the audit log without tracking them: each line must say exactly what
    /// SaveChanges' own line would have said, secrets starred and nulls kept.
    /// </summary>
    [Fact]
    public async Task AnAuditLineOfARowWrittenInBulk_SaysWhatSaveChangesWouldHaveSaid()
    {
        var who = new AuditActor(Guid.NewGuid(), "门口扫码", "10.0.0.8");
        var at = DateTimeOffset.UtcNow;
        var attendance = new Attendance
        {
            ActivityId = Guid.NewGuid(), PositionId = Guid.NewGuid(), VolunteerId = Guid.NewGuid(), UnitId = app.World.CommunityA.Id,
            CheckedInAt = at, CheckInMethod = CheckMethod.ActivityCode, CheckedOutAt = at.AddHours(2), CheckOutMethod = CheckMethod.TypedCode,
            State = AttendanceState.CheckedOut, Minutes = 120, Note = "补录 \"说明\"",
        };
        var person = new Domain.People.Person
        {
            UnitId = app.World.BranchA1.Id, Name = "王小明", IdNumberCipher = [1, 2, 3], IdNumberIndex = "blind", IdNumberMasked = "1101********0016",
            PhoneCipher = null, PhoneIndex = "p", PhoneMasked = "138****0000", CreatedAt = at, UpdatedAt = at,
        };
        var (bulk, tracked) = await app.AsSystemAsync((_, db) =>
        {
            AuditEntry[] bulk = [
                AuditInterceptor.Created(db.Model.FindEntityType(typeof(Attendance))!, attendance, who, at),
                AuditInterceptor.Created(db.Model.FindEntityType(typeof(Domain.People.Person))!, person, who, at)];
            AuditEntry[] tracked = [AuditInterceptor.Created(db.Attendances.Add(attendance), who, at), AuditInterceptor.Created(db.People.Add(person), who, at)];
            db.ChangeTracker.Clear();
            return Task.FromResult((bulk, tracked));
        });
        for (var i = 0; i < bulk.Length; i++)
        {
            Assert.Equal(tracked[i].Changes, bulk[i].Changes);
            Assert.Equal((tracked[i].EntityType, tracked[i].EntityId, tracked[i].UnitId, tracked[i].Action, tracked[i].UserId, tracked[i].UserName, tracked[i].Ip),
                (bulk[i].EntityType, bulk[i].EntityId, bulk[i].UnitId, bulk[i].Action, bulk[i].UserId, bulk[i].UserName, bulk[i].Ip));
        }
        Assert.Contains("\"IdNumberCipher\":[null,\"***\"]", bulk[1].Changes);
        Assert.Contains("\"PhoneCipher\":[null,null]", bulk[1].Changes);
        Assert.Contains("\"CheckOutMethod\":[null,\"TypedCode\"]", bulk[0].Changes);
    }

    [Fact]
    public async Task ACheckInAnotherHostAlreadyWrote_GetsThatRow_AndTheCheckInsWrittenWithItStillGoIn()
    {
        var organizer = await app.ApiAsAsync(World.AdminA);
        var activity = await PublishAsync(app, organizer, TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), quota: 5);
        var three = await ManyAsync(app, 3, seed: app.Provider == "Sqlite" ? 25 : 26);
        var now = DateTimeOffset.UtcNow;
        Attendance New(RawVolunteer v) => new()
        {
            ActivityId = activity.Id, PositionId = activity.PositionId, VolunteerId = v.Id, UnitId = app.World.CommunityA.Id,
            CheckedInAt = now, CheckInMethod = CheckMethod.ActivityCode,
        };
        // Another host's check-in of the first volunteer, already committed.
        var elsewhere = New(three[0]);
        await app.AsSystemAsync(async (_, db) =>
        {
            db.Attendances.Add(elsewhere);
            return await db.SaveChangesAsync();
        });

        // The three are handed to the writer at once, so they usually share a group; the outcome must not depend on it.
        var outcomes = await app.AsSystemAsync((sp, db) =>
        {
            var writer = sp.GetRequiredService<CheckInWriter>();
            var who = new AuditActor(null, "gate", null);
            return Task.WhenAll(three.Select(v => writer.WriteAsync(New(v), who, CancellationToken.None)));
        });

        Assert.False(outcomes[0].Written);
        Assert.Equal(elsewhere.Id, outcomes[0].Row.Id);
        Assert.True(outcomes[1].Written);
        Assert.True(outcomes[2].Written);
        var rows = await app.AsSystemAsync((_, db) => db.Attendances.Where(a => a.ActivityId == activity.Id).Select(a => a.Id).ToListAsync());
        Assert.Equal(new[] { elsewhere.Id, outcomes[1].Row.Id, outcomes[2].Row.Id }.Order(), rows.Order());
        var audited = await app.AsSystemAsync((_, db) => db.AuditEntries.CountAsync(e => e.EntityType == "Attendance" && e.UserName == "gate"
            && (e.EntityId == outcomes[1].Row.Id.ToString() || e.EntityId == outcomes[2].Row.Id.ToString())));
        Assert.Equal(2, audited);
    }

    [Fact]
    public async Task ATokensLastUse_IsWrittenByTheUsageFlush_AtTheTimeOfTheCall()
    {
        var one = (await ManyAsync(app, 1, seed: app.Provider == "Sqlite" ? 27 : 28))[0];
        using var http = app.CreateClient();
        var before = app.Clock.GetUtcNow();
        using var response = await http.SendAsync(As(one.Token, HttpMethod.Get, "/api/v1/me/volunteer/code"));
        var after = app.Clock.GetUtcNow();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var hash = TokenAuthenticationHandler.Hash(one.Token);

        var flushed = await app.AsSystemAsync(async (sp, db) =>
        {
            await sp.GetRequiredService<TokenUsage>().FlushAsync(db, CancellationToken.None);
            return await db.ApiTokens.Where(t => t.Hash == hash).Select(t => t.LastUsedAt).FirstAsync();
        });

        Assert.NotNull(flushed);
        Assert.InRange(flushed!.Value, before, after);
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
