using System.Net;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Qingyun.Domain.Activities;
using Qingyun.Domain.Hubs;
using Qingyun.Features.Themes;
using Qingyun.Tests.Infrastructure;
using static Qingyun.Tests.Features.Hubs.PoolKit;

namespace Qingyun.Tests.Features.Hubs;

/// <summary>Quarterly themes: one per unit and quarter, and the plan measured against what the subtree held.</summary>
public abstract class ThemesTests(QingyunApp app)
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private Task<Guid> ActivityAsync(Guid unitId, DateTimeOffset starts, Guid? themeId = null, Guid? categoryId = null, ActivityState state = ActivityState.Published,
        int? headcount = null, params Guid[] present) => app.AsSystemAsync(async (_, db) =>
    {
        var a = new Activity
        {
            UnitId = unitId, Kind = ActivityKind.Youth, Title = "主题活动", Place = "青年汇", StartsAt = starts.ToUniversalTime(), EndsAt = starts.AddHours(2).ToUniversalTime(),
            State = state, CheckInSecret = RandomNumberGenerator.GetBytes(32), CreatedAt = DateTimeOffset.UtcNow, ThemeId = themeId, CategoryId = categoryId,
            Headcount = headcount, AttendanceMode = headcount is null ? AttendanceMode.List : AttendanceMode.Headcount,
        };
        db.Activities.Add(a);
        foreach (var p in present)
        {
            db.Participations.Add(new Participation { ActivityId = a.Id, PersonId = p, UnitId = unitId, At = a.StartsAt, Method = ParticipationMethod.List });
        }
        await db.SaveChangesAsync();
        return a.Id;
    });

    [Fact]
    public async Task AQuartersPlanIsMeasuredAgainstTheSubtreesHeldActivities_PersonTimesCountingEveryVisit_PersonsOnce()
    {
        var w = app.World;
        var adminA = await app.ApiAsAsync(World.AdminA);
        var theme = await Ok(await adminA.PostJsonAsync("/api/v1/quarter-themes", new
        {
            unitId = w.CommunityA.Id, year = 2025, quarter = 3, title = "服务季", description = "暑期服务", plannedActivities = 4, plannedPersonTimes = 12,
        }), HttpStatusCode.Created);
        var themeId = theme.GetProperty("id").GetGuid();
        var category = await app.AsSystemAsync((_, db) => db.ActivityCategories.OrderBy(c => c.SortOrder).Select(c => c.Id).FirstAsync());
        Guid a = w.PersonA.Id, b = w.PersonB.Id;

        // Held in Q3 by A's subtree: the branch's (tagged, A and B present), A's open event (tagged, A present + 3 counted), A's untagged one at 00:30 on 1 July.
        await ActivityAsync(w.BranchA1.Id, new DateTimeOffset(2025, 7, 10, 10, 0, 0, China), themeId, category, present: [a, b]);
        await ActivityAsync(w.CommunityA.Id, new DateTimeOffset(2025, 8, 2, 9, 0, 0, China), themeId, category, headcount: 3, present: [a]);
        await ActivityAsync(w.CommunityA.Id, new DateTimeOffset(2025, 7, 1, 0, 30, 0, China), present: [a]);
        // Not counted: cancelled, a draft, the sibling community's, one at 23:30 on 30 June China time (Q2).
        await ActivityAsync(w.CommunityA.Id, new DateTimeOffset(2025, 8, 5, 9, 0, 0, China), themeId, state: ActivityState.Cancelled, present: [b]);
        await ActivityAsync(w.CommunityA.Id, new DateTimeOffset(2025, 8, 6, 9, 0, 0, China), themeId, state: ActivityState.Draft);
        await ActivityAsync(w.CommunityB.Id, new DateTimeOffset(2025, 8, 7, 9, 0, 0, China), themeId, present: [a, b]);
        await ActivityAsync(w.CommunityA.Id, new DateTimeOffset(2025, 6, 30, 23, 30, 0, China), themeId, present: [b]);
        // Starts in Q3 in UTC (30 September 17:00 UTC) but on 1 October in China: Q4.
        await ActivityAsync(w.CommunityA.Id, new DateTimeOffset(2025, 10, 1, 1, 0, 0, China), themeId, present: [b]);

        var report = await Ok(await adminA.GetAsync($"/api/v1/quarter-themes/{themeId}"));
        var all = report.GetProperty("all");
        Assert.Equal(3, all.GetProperty("activities").GetInt32());
        Assert.Equal(2 + 4 + 1, all.GetProperty("personTimes").GetInt32());
        Assert.Equal(2, all.GetProperty("distinctPersons").GetInt32());
        Assert.Equal(75, all.GetProperty("activitiesPercent").GetInt32());
        Assert.Equal(58, all.GetProperty("personTimesPercent").GetInt32());
        var tagged = report.GetProperty("tagged");
        Assert.Equal(2, tagged.GetProperty("activities").GetInt32());
        Assert.Equal(6, tagged.GetProperty("personTimes").GetInt32());
        Assert.Equal(2, tagged.GetProperty("distinctPersons").GetInt32());
        Assert.Equal(50, tagged.GetProperty("activitiesPercent").GetInt32());
        Assert.Equal(50, tagged.GetProperty("personTimesPercent").GetInt32());
        var byCategory = Assert.Single(tagged.GetProperty("byCategory").EnumerateArray());
        Assert.Equal(category, byCategory.GetProperty("categoryId").GetGuid());
        Assert.Equal(6, byCategory.GetProperty("personTimes").GetInt32());
        Assert.Equal(2, byCategory.GetProperty("distinctPersons").GetInt32());

        // The lead's reuse: the same counting straight from the static class.
        var direct = await app.AsSystemAsync((_, db) => ActivityFigures.ForAsync(db, w.CommunityA.Path,
            new DateTimeOffset(2025, 7, 1, 0, 0, 0, China), new DateTimeOffset(2025, 10, 1, 0, 0, 0, China), DateTimeOffset.UtcNow, null, CancellationToken.None));
        Assert.Equal((3, 7, 2), (direct.Activities, direct.PersonTimes, direct.DistinctPersons));
        Assert.Equal(2, direct.ByCategory.Count);

        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ApiAsAsync(World.AdminB)).GetAsync($"/api/v1/quarter-themes/{themeId}")).StatusCode);
        var pages = await app.PagesAsAsync(World.AdminA);
        var html = await pages.Http.GetStringAsync($"/hubs/themes/{themeId}");
        Assert.Contains("服务季", html, StringComparison.Ordinal);
        Assert.Contains("58%", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASecondThemeForTheSameQuarterIsRefused_WithAMessageNamingTheQuarter()
    {
        var w = app.World;
        var adminA = await app.ApiAsAsync(World.AdminA);
        object Body(int quarter, string? title = "运动季", int planned = 10) => new { unitId = w.CommunityA.Id, year = 2024, quarter, title, plannedActivities = planned, plannedPersonTimes = 100 };
        await Ok(await adminA.PostJsonAsync("/api/v1/quarter-themes", Body(1)), HttpStatusCode.Created);
        var second = await Ok(await adminA.PostJsonAsync("/api/v1/quarter-themes", Body(2, "文体季")), HttpStatusCode.Created);
        var count = await app.AsSystemAsync((_, db) => db.QuarterThemes.CountAsync());

        Assert.Contains("季度：本单位 2024 年第 1 季度已设置主题", await Refused(await adminA.PostJsonAsync("/api/v1/quarter-themes", Body(1, "文化季")), HttpStatusCode.Conflict));
        var moved = await adminA.PutJsonAsync($"/api/v1/quarter-themes/{second.GetProperty("id").GetGuid()}", Body(1, "文体季"));
        Assert.Contains("季度：本单位 2024 年第 1 季度已设置主题", await Refused(moved, HttpStatusCode.Conflict));
        var bad = await Refused(await adminA.PostJsonAsync("/api/v1/quarter-themes", Body(5, " ", -1)), HttpStatusCode.BadRequest);
        Assert.Contains("季度：应在 1 到 4 之间", bad);
        Assert.Contains("季度主题：不能为空", bad);
        Assert.Contains("计划活动场次：应在 0 到 1000000 之间", bad);
        // Another community may have its own theme for the same quarter, but not set one for A.
        var adminB = await app.ApiAsAsync(World.AdminB);
        Assert.Equal(HttpStatusCode.NotFound, (await adminB.PostJsonAsync("/api/v1/quarter-themes", Body(1))).StatusCode);
        await Ok(await adminB.PostJsonAsync("/api/v1/quarter-themes", new { unitId = w.CommunityB.Id, year = 2024, quarter = 1, title = "运动季", plannedActivities = 1, plannedPersonTimes = 1 }), HttpStatusCode.Created);
        Assert.Equal(count + 1, await app.AsSystemAsync((_, db) => db.QuarterThemes.CountAsync()));
        Assert.Equal(2, await app.AsSystemAsync((_, db) => db.QuarterThemes.Where(t => t.Id == second.GetProperty("id").GetGuid()).Select(t => t.Quarter).FirstAsync()));

        var pages = await app.PagesAsAsync(World.AdminA);
        var response = await pages.PostFormAsync("/hubs/themes", new()
        {
            ["Input.UnitId"] = w.CommunityA.Id.ToString(), ["Input.Year"] = "2024", ["Input.Quarter"] = "1", ["Input.Title"] = "服务季",
            ["Input.PlannedActivities"] = "1", ["Input.PlannedPersonTimes"] = "1",
        }, "/hubs/themes");
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("本单位 2024 年第 1 季度已设置主题", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }
}

public sealed class ThemesOnSqlite(SqliteApp app) : ThemesTests(app), IClassFixture<SqliteApp>;

public sealed class ThemesOnPostgres(PostgresApp app) : ThemesTests(app), IClassFixture<PostgresApp>;
