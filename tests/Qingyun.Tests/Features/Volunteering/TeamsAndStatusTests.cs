using System.Net;
using Microsoft.EntityFrameworkCore;
using Qingyun.Tests.Infrastructure;
using static Qingyun.Tests.Features.Volunteering.VolunteeringKit;

namespace Qingyun.Tests.Features.Volunteering;

/// <summary>Volunteer teams of a unit, and an organization suspending a registration.</summary>
public abstract class TeamsAndStatusTests(QingyunApp app)
{
    [Fact]
    public async Task ATeamTakesAVolunteerOnce_AndAnotherCommunityCannotTouchIt()
    {
        var organizer = await app.ApiAsAsync(World.AdminA);
        var v = await RegisterAsync(app);
        var teamName = "测试服务队" + TestIds.Unique("t");
        var created = await organizer.PostJsonAsync("/api/v1/volunteer-teams", new { unitId = app.World.CommunityA.Id, name = teamName, areas = "Community" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var teamId = await IdOf(created);

        var again = await organizer.PostJsonAsync("/api/v1/volunteer-teams", new { unitId = app.World.CommunityA.Id, name = teamName, areas = "Community" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("服务队名称：本单位已有同名服务队", await again.ProblemTextAsync());

        await OkJson(await organizer.PostJsonAsync($"/api/v1/volunteer-teams/{teamId}/members", new { volunteerNumber = v.Number }));
        var twice = await organizer.PostJsonAsync($"/api/v1/volunteer-teams/{teamId}/members", new { volunteerNumber = v.Number });
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Contains("已在该服务队中", await twice.ProblemTextAsync());
        var unknown = await organizer.PostJsonAsync($"/api/v1/volunteer-teams/{teamId}/members", new { volunteerNumber = "209900000000" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var members = await OkJson(await organizer.GetAsync($"/api/v1/volunteer-teams/{teamId}/members"));
        Assert.Equal(v.Number, Assert.Single(members.GetProperty("items").EnumerateArray()).GetProperty("number").GetString());

        var other = await app.ApiAsAsync(World.AdminB);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/volunteer-teams/{teamId}/members")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostJsonAsync($"/api/v1/volunteer-teams/{teamId}/members", new { volunteerNumber = v.Number })).StatusCode);
        var count = await app.AsSystemAsync((_, db) => db.TeamMembers.CountAsync(m => m.TeamId == teamId));
        Assert.Equal(1, count);
    }

    [Fact]
    public async Task ASuspendedVolunteerCannotSignUp_UntilRestored()
    {
        var organizer = await app.ApiAsAsync(World.AdminA);
        var v = await RegisterAsync(app);
        var activity = await PublishAsync(app, organizer, TimeSpan.FromDays(2), TimeSpan.FromHours(2));

        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ApiAsAsync(World.AdminB)).PostJsonAsync($"/api/v1/volunteers/{v.Id}/status", new { status = "Suspended" })).StatusCode);
        var suspended = await OkJson(await organizer.PostJsonAsync($"/api/v1/volunteers/{v.Id}/status", new { status = "Suspended" }));
        Assert.Equal("Suspended", suspended.GetProperty("status").GetString());
        var refused = await v.Api.PostAsync($"/api/v1/me/volunteer/sign-ups/{activity.PositionId}", null);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("志愿者身份已暂停或注销", await refused.ProblemTextAsync());

        await OkJson(await organizer.PostJsonAsync($"/api/v1/volunteers/{v.Id}/status", new { status = "Active" }));
        await SignUpAsync(v, activity);
    }
}

public sealed class TeamsAndStatusOnSqlite(SqliteApp app) : TeamsAndStatusTests(app), IClassFixture<SqliteApp>;

public sealed class TeamsAndStatusOnPostgres(PostgresApp app) : TeamsAndStatusTests(app), IClassFixture<PostgresApp>;
