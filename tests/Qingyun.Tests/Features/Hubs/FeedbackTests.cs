using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Qingyun.Domain.Hubs;
using Qingyun.Infrastructure;
using Qingyun.Tests.Infrastructure;

namespace Qingyun.Tests.Features.Hubs;

public abstract class FeedbackTests(QingyunApp app)
{
    /// <summary>A menu item that two people order, so it runs as an activity with both registered; its activity id.</summary>
    private async Task<(Guid ActivityId, List<TestYouth> Registered)> RunningActivityAsync(HttpClient organizer, Guid? teacherId = null, string title = "周末咖啡拉花课")
    {
        // Ordering closes in an hour, it runs an hour later for two hours: the clock moves only hours (API tokens last a day).
        var itemId = await MenuKit.CreateAsync(app, organizer, min: 2, max: 10, teacherId: teacherId, title: title, deadlineIn: TimeSpan.FromHours(1), startsIn: TimeSpan.FromHours(2));
        var ys = await MenuKit.YouthsAsync(app, 2);
        foreach (var y in ys)
        {
            Assert.Equal(HttpStatusCode.OK, (await MenuKit.OrderAsync(y, itemId)).StatusCode);
        }
        return ((await MenuKit.ItemAsync(app, itemId)).ActivityId!.Value, ys);
    }

    private static Task<HttpResponseMessage> RateAsync(TestYouth y, Guid activityId, int? rating, string? comment = null) =>
        y.Api.PostJsonAsync($"/api/v1/activities/{activityId}/feedback", new { rating, comment });

    private static void AfterTheEnd(QingyunApp app) => app.Clock.Advance(TimeSpan.FromHours(4) + TimeSpan.FromMinutes(1));

    [Fact]
    public async Task AParticipantRatesOnce_ASecondSubmitChangesTheirRating_AndRatingsOutOfRangeOrTooLongAreRefused()
    {
        var organizer = await app.ApiAsAsync(World.AdminA);
        var (activityId, ys) = await RunningActivityAsync(organizer);
        try
        {
            // Not before it has ended.
            var early = await RateAsync(ys[0], activityId, 5);
            Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
            Assert.Contains("活动结束后才能评价", await early.ProblemTextAsync(), StringComparison.Ordinal);

            AfterTheEnd(app);
            foreach (var bad in new[] { 0, 6, -1 })
            {
                var r = await RateAsync(ys[0], activityId, bad);
                Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
                Assert.Contains("评分：应在 1 到 5 之间", await r.ProblemTextAsync(), StringComparison.Ordinal);
            }
            var none = await RateAsync(ys[0], activityId, null);
            Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
            Assert.Contains("评分", await none.ProblemTextAsync(), StringComparison.Ordinal);
            var longComment = await RateAsync(ys[0], activityId, 4, new string('好', 501));
            Assert.Equal(HttpStatusCode.BadRequest, longComment.StatusCode);
            Assert.Contains("评价内容", await longComment.ProblemTextAsync(), StringComparison.Ordinal);
            Assert.Equal(0, await app.AsSystemAsync((_, db) => db.ActivityFeedback.CountAsync(f => f.ActivityId == activityId)));

            Assert.Equal(HttpStatusCode.OK, (await RateAsync(ys[0], activityId, 3, "还行")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await RateAsync(ys[0], activityId, 5, new string('好', 500))).StatusCode);
            // Several at once: still one rating per person.
            var burst = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => RateAsync(ys[1], activityId, 4)));
            Assert.All(burst, b => Assert.Equal(HttpStatusCode.OK, b.StatusCode));

            var rows = await app.AsSystemAsync((_, db) => db.ActivityFeedback.AsNoTracking().Where(f => f.ActivityId == activityId).ToListAsync());
            Assert.Equal(2, rows.Count);
            var first = rows.Single(r => r.PersonId == ys[0].PersonId);
            Assert.Equal(5, first.Rating);
            Assert.Equal(500, first.Comment!.Length);
            Assert.Equal(4, rows.Single(r => r.PersonId == ys[1].PersonId).Rating);
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    [Fact]
    public async Task OnlyParticipantsMayRate_SomeonePresentWithoutRegistrationMay_OthersAndPersonlessAccountsMayNot()
    {
        var organizer = await app.ApiAsAsync(World.AdminA);
        var (activityId, _) = await RunningActivityAsync(organizer);
        var others = await MenuKit.YouthsAsync(app, 2);
        var (outsider, present) = (others[0], others[1]);
        await app.AsSystemAsync(async (_, db) =>
        {
            var unit = await db.Activities.Where(a => a.Id == activityId).Select(a => a.UnitId).FirstAsync();
            db.Participations.Add(new Participation { ActivityId = activityId, PersonId = present.PersonId, UnitId = unit, At = DateTimeOffset.UtcNow, Method = ParticipationMethod.List });
            return await db.SaveChangesAsync();
        });
        try
        {
            AfterTheEnd(app);
            var refused = await RateAsync(outsider, activityId, 5);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Contains("只有报名或参加过该活动的人才能评价", await refused.ProblemTextAsync(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, (await RateAsync(present, activityId, 2)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await organizer.PostJsonAsync($"/api/v1/activities/{activityId}/feedback", new { rating = 5 })).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await RateAsync(present, Guid.NewGuid(), 5)).StatusCode);
            Assert.Equal(1, await app.AsSystemAsync((_, db) => db.ActivityFeedback.CountAsync(f => f.ActivityId == activityId)));
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    [Fact]
    public async Task FromThePhone_AYoungPersonOrders_SeesTheItemRun_ThenRatesTheActivity()
    {
        var organizer = await app.ApiAsAsync(World.AdminA);
        var itemId = await MenuKit.CreateAsync(app, organizer, min: 2, max: 10, title: "手机上点的课", deadlineIn: TimeSpan.FromHours(1), startsIn: TimeSpan.FromHours(2));
        var (youth, phone) = await MenuKit.PhoneAsync(app);
        var other = (await MenuKit.YouthsAsync(app, 1))[0];

        var menu = await phone.Http.GetStringAsync("/youth/menu");
        Assert.Contains("手机上点的课", menu, StringComparison.Ordinal);
        Assert.Contains("已点 0 / 至少 2 人成团", menu, StringComparison.Ordinal);
        var ordered = await phone.PostFormAsync($"/youth/menu/{itemId}?handler=Order", [], tokenFrom: $"/youth/menu/{itemId}");
        Assert.Equal(HttpStatusCode.Redirect, ordered.StatusCode);
        var twice = await phone.PostFormAsync($"/youth/menu/{itemId}?handler=Order", [], tokenFrom: $"/youth/menu/{itemId}");
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Contains("您已点过该项", await twice.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await MenuKit.OrderAsync(other, itemId)).StatusCode);

        var mine = await phone.Http.GetStringAsync("/youth/menu/mine");
        Assert.Contains("手机上点的课", mine, StringComparison.Ordinal);
        Assert.Contains("已成团", mine, StringComparison.Ordinal);
        var activityId = (await MenuKit.ItemAsync(app, itemId)).ActivityId!.Value;
        try
        {
            var before = await phone.Http.GetStringAsync($"/youth/activities/{activityId}/feedback");
            Assert.Contains("id=\"not-ended\"", before, StringComparison.Ordinal);
            AfterTheEnd(app);
            var bad = await phone.PostFormAsync($"/youth/activities/{activityId}/feedback", new() { ["Rating"] = "9" });
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Contains("评分：应在 1 到 5 之间", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            var good = await phone.PostFormAsync($"/youth/activities/{activityId}/feedback", new() { ["Rating"] = "4", ["Comment"] = "老师很耐心" });
            Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
            var after = await phone.Http.GetStringAsync($"/youth/activities/{activityId}/feedback");
            Assert.Contains("id=\"already-rated\"", after, StringComparison.Ordinal);
            Assert.Contains("老师很耐心", after, StringComparison.Ordinal);
            var row = await app.AsSystemAsync((_, db) => db.ActivityFeedback.AsNoTracking().SingleAsync(f => f.ActivityId == activityId && f.PersonId == youth.PersonId));
            Assert.Equal(4, row.Rating);
            // Someone else's activity page is not there for them.
            var (_, stranger) = await MenuKit.PhoneAsync(app);
            Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.GetAsync($"/youth/activities/{activityId}/feedback")).StatusCode);
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    [Fact]
    public async Task AveragesPerActivityHubAndTeacher_AreExact_AndOnlyInScope()
    {
        var organizer = await app.ApiAsAsync(World.AdminA);
        var teacherId = await app.AsSystemAsync(async (_, db) =>
        {
            var t = new Teacher { UnitId = app.World.CommunityA.Id, Name = "林老师-评价", Source = TeacherSource.Institution, CreatedAt = DateTimeOffset.UtcNow };
            db.Teachers.Add(t);
            await db.SaveChangesAsync();
            return t.Id;
        });
        var (first, a) = await RunningActivityAsync(organizer, teacherId, "评价统计一");
        var (second, b) = await RunningActivityAsync(organizer, null, "评价统计二");
        var third = (await MenuKit.YouthsAsync(app, 1))[0];
        await app.AsSystemAsync(async (_, db) =>
        {
            db.Participations.Add(new Participation { ActivityId = first, PersonId = third.PersonId, UnitId = app.World.CommunityA.Id, At = DateTimeOffset.UtcNow, Method = ParticipationMethod.CheckIn });
            return await db.SaveChangesAsync();
        });
        var year = (await app.AsSystemAsync((_, db) => db.Activities.Where(x => x.Id == first).Select(x => x.StartsAt).FirstAsync())).ChinaDate().Year;
        try
        {
            AfterTheEnd(app);
            // First: 5, 4, 4 → 13 / 3 = 4.33. Second: 1, 2 → 1.5. The hub: 19 / 5 = 3.8. The teacher: only the first.
            foreach (var (y, r) in new[] { (a[0], 5), (a[1], 4), (third, 4) })
            {
                Assert.Equal(HttpStatusCode.OK, (await RateAsync(y, first, r, "不错")).StatusCode);
            }
            Assert.Equal(HttpStatusCode.OK, (await RateAsync(b[0], second, 1, "太挤了")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await RateAsync(b[1], second, 2)).StatusCode);

            var s = await (await organizer.GetAsync($"/api/v1/feedback/summary?year={year}")).ReadJsonAsync();
            JsonElement Line(string list, string key, Guid id) => s.GetProperty(list).EnumerateArray().Single(x => x.GetProperty(key).GetGuid() == id).GetProperty("rating");
            var r1 = Line("activities", "activityId", first);
            Assert.Equal(3, r1.GetProperty("count").GetInt32());
            Assert.Equal(13, r1.GetProperty("sum").GetInt32());
            Assert.Equal(4.33m, r1.GetProperty("average").GetDecimal());
            Assert.Equal(1.5m, Line("activities", "activityId", second).GetProperty("average").GetDecimal());
            var hub = s.GetProperty("units").EnumerateArray().Single(x => x.GetProperty("unitId").GetGuid() == app.World.CommunityA.Id);
            // Other tests of this fixture may have rated activities of the same hub this year: compare with what the database holds.
            var (count, sum) = await app.AsSystemAsync(async (_, db) =>
            {
                var start = new DateTimeOffset(year, 1, 1, 0, 0, 0, TimeSpan.FromHours(8)).ToUniversalTime();
                var rows = await (from f in db.ActivityFeedback join x in db.Activities on f.ActivityId equals x.Id
                                  where x.UnitId == app.World.CommunityA.Id && x.StartsAt >= start && x.StartsAt < start.AddYears(1) select f.Rating).ToListAsync();
                return (rows.Count, rows.Sum());
            });
            Assert.True(count >= 5);
            Assert.Equal(count, hub.GetProperty("rating").GetProperty("count").GetInt32());
            Assert.Equal(Math.Round((decimal)sum / count, 2, MidpointRounding.AwayFromZero), hub.GetProperty("rating").GetProperty("average").GetDecimal());
            var teacher = Line("teachers", "teacherId", teacherId);
            Assert.Equal(3, teacher.GetProperty("count").GetInt32());
            Assert.Equal(4.33m, teacher.GetProperty("average").GetDecimal());

            // B's organizer sees none of it; a young person may not read the summary.
            var other = await (await (await app.ApiAsAsync(World.AdminB)).GetAsync($"/api/v1/feedback/summary?year={year}")).ReadJsonAsync();
            Assert.Empty(other.GetProperty("activities").EnumerateArray());
            Assert.Equal(HttpStatusCode.Forbidden, (await third.Api.GetAsync($"/api/v1/feedback/summary?year={year}")).StatusCode);

            // The organizer's page shows the averages and one activity's comments.
            var pages = await app.PagesAsAsync(World.AdminA);
            var page = await pages.Http.GetStringAsync($"/hubs/feedback?year={year}&activityId={second}");
            Assert.Contains("1.50", page, StringComparison.Ordinal);
            Assert.Contains("4.33", page, StringComparison.Ordinal);
            Assert.Contains("太挤了", page, StringComparison.Ordinal);
            Assert.Contains("林老师-评价", page, StringComparison.Ordinal);
            var foreign = await (await app.PagesAsAsync(World.AdminB)).Http.GetAsync($"/hubs/feedback?year={year}&activityId={second}");
            Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        }
        finally
        {
            app.Clock.Reset();
        }
    }
}

public sealed class FeedbackOnSqlite(SqliteApp app) : FeedbackTests(app), IClassFixture<SqliteApp>;

public sealed class FeedbackOnPostgres(PostgresApp app) : FeedbackTests(app), IClassFixture<PostgresApp>;
