using System.Net;
using Microsoft.EntityFrameworkCore;
using Qingyun.Domain.Activities;
using Qingyun.Domain.Hubs;
using Qingyun.Features.Series;
using Qingyun.Infrastructure;
using Qingyun.Tests.Infrastructure;
using static Qingyun.Tests.Features.Hubs.PoolKit;

namespace Qingyun.Tests.Features.Hubs;

/// <summary>The date logic of scheduled teaching, without a database.</summary>
public sealed class SeriesRuleTests
{
    private static readonly Dictionary<DateOnly, string> Holidays = new()
    {
        [new(2026, 9, 25)] = "中秋节", [new(2026, 10, 1)] = "国庆节", [new(2026, 10, 2)] = "国庆节",
    };

    private static readonly DateTimeOffset Before = new(2026, 9, 1, 0, 0, 0, TimeSpan.FromHours(8));

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    [Fact]
    public void WeeklyOnThursdaysAcrossAMonthBoundary_SkipsNationalDay_AndSaysWhy()
    {
        var plan = SeriesRule.Plan(Frequency.Weekly, DayOfWeek.Thursday, null, D(2026, 9, 17), D(2026, 10, 15), new TimeOnly(14, 0), true, Holidays, Before);
        Assert.Equal([D(2026, 9, 17), D(2026, 9, 24), D(2026, 10, 8), D(2026, 10, 15)], plan.Dates);
        var skipped = Assert.Single(plan.Skipped);
        Assert.Equal(new SkippedDate(D(2026, 10, 1), SkipReason.Holiday, "国庆节"), skipped);
    }

    [Fact]
    public void WithoutSkippingHolidays_NationalDayIsScheduled()
    {
        var plan = SeriesRule.Plan(Frequency.Weekly, DayOfWeek.Thursday, null, D(2026, 9, 17), D(2026, 10, 15), new TimeOnly(14, 0), false, Holidays, Before);
        Assert.Equal(5, plan.Dates.Count);
        Assert.Contains(D(2026, 10, 1), plan.Dates);
        Assert.Empty(plan.Skipped);
    }

    [Fact]
    public void MonthlyOnThe31st_SkipsAndListsTheMonthsWithoutIt()
    {
        var plan = SeriesRule.Plan(Frequency.Monthly, null, 31, D(2027, 1, 1), D(2027, 12, 31), new TimeOnly(9, 30), true, Holidays, Before);
        Assert.Equal([D(2027, 1, 31), D(2027, 3, 31), D(2027, 5, 31), D(2027, 7, 31), D(2027, 8, 31), D(2027, 10, 31), D(2027, 12, 31)], plan.Dates);
        Assert.Equal([2, 4, 6, 9, 11], plan.Skipped.Select(s => s.Date.Month));
        Assert.All(plan.Skipped, s => Assert.Equal(SkipReason.NoSuchDay, s.Reason));
    }

    [Fact]
    public void MonthlyOnThe29th_MeetsFebruaryOnlyInALeapYear_AndOnlyMonthsInsideTheSeasonAreListed()
    {
        var plan = SeriesRule.Plan(Frequency.Monthly, null, 29, D(2027, 1, 30), D(2028, 3, 28), new TimeOnly(9, 0), false, Holidays, Before);
        Assert.DoesNotContain(D(2027, 1, 29), plan.Dates); // before the season
        Assert.Contains(D(2028, 2, 29), plan.Dates);
        Assert.DoesNotContain(plan.Dates, d => d == D(2028, 3, 29)); // after the season
        Assert.Equal(D(2027, 2, 1), Assert.Single(plan.Skipped).Date);
    }

    [Fact]
    public void DatesWhoseTimeHasComeAreSkippedAsPast_InChinaTime()
    {
        // 24 September 14:00 China time is 06:00 UTC: at 06:00 UTC it has come.
        var now = new DateTimeOffset(2026, 9, 24, 6, 0, 0, TimeSpan.Zero);
        var plan = SeriesRule.Plan(Frequency.Weekly, DayOfWeek.Thursday, null, D(2026, 9, 17), D(2026, 10, 15), new TimeOnly(14, 0), true, Holidays, now);
        Assert.Equal([D(2026, 10, 8), D(2026, 10, 15)], plan.Dates);
        Assert.Equal([SkipReason.Past, SkipReason.Past, SkipReason.Holiday], plan.Skipped.Select(s => s.Reason));
        Assert.Equal(new DateTimeOffset(2026, 10, 8, 6, 0, 0, TimeSpan.Zero), SeriesRule.StartOf(D(2026, 10, 8), new TimeOnly(14, 0)));
    }

    [Fact]
    public void ABrokenRuleIsRefused_FieldByField()
    {
        static IEnumerable<string> Of(Frequency f, DayOfWeek? w, int? day, DateOnly? from, DateOnly? to, int? minutes = 90) =>
            SeriesRule.Check(f, w, day, from, to, new TimeOnly(9, 0), minutes).Select(x => x.Field + "." + x.MessageKey);
        Assert.Equal(["Weekday.Required"], Of(Frequency.Weekly, null, 5, D(2026, 9, 1), D(2026, 9, 30)));
        Assert.Equal(["DayOfMonth.Range"], Of(Frequency.Monthly, null, 32, D(2026, 9, 1), D(2026, 9, 30)));
        Assert.Equal(["DayOfMonth.Range"], Of(Frequency.Monthly, null, 0, D(2026, 9, 1), D(2026, 9, 30)));
        Assert.Equal(["To.ToBeforeFrom"], Of(Frequency.Weekly, DayOfWeek.Monday, null, D(2026, 9, 2), D(2026, 9, 1)));
        Assert.Empty(Of(Frequency.Weekly, DayOfWeek.Monday, null, D(2026, 1, 1), D(2027, 1, 1))); // 366 days
        Assert.Equal(["To.SeasonTooLong"], Of(Frequency.Weekly, DayOfWeek.Monday, null, D(2026, 1, 1), D(2027, 1, 2)));
        Assert.Equal(["DurationMinutes.Range"], Of(Frequency.Weekly, DayOfWeek.Monday, null, D(2026, 9, 1), D(2026, 9, 30), 5));
        Assert.Equal(["Frequency.InvalidChoice"], Of((Frequency)9, DayOfWeek.Monday, null, D(2026, 9, 1), D(2026, 9, 30)));
    }
}

/// <summary>Series over the API: preview, generate exactly the previewed dates, never twice.</summary>
public abstract class SeriesTests(QingyunApp app)
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    /// <summary>Runs with the app's clock set to 1 September 2026, before the season, and puts it back.</summary>
    private async Task OnFirstOfSeptember(Func<Task> work)
    {
        app.Clock.Advance(new DateTimeOffset(2026, 9, 1, 9, 0, 0, China) - app.Clock.GetUtcNow());
        try
        {
            await work();
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    private object Thursdays(string title, Guid? unitId = null, Guid? teacherId = null, int? dayOfMonth = null, string from = "2026-09-17", string to = "2026-10-15") => new
    {
        unitId = unitId ?? app.World.CommunityA.Id, title, frequency = dayOfMonth is null ? "Weekly" : "Monthly", weekday = dayOfMonth is null ? "Thursday" : null,
        dayOfMonth, from, to, startTime = "14:00", durationMinutes = 90, place = "甲社区青年汇", capacity = 30, skipHolidays = true, teacherId,
    };

    private static readonly DateOnly[] Expected = [new(2026, 9, 17), new(2026, 9, 24), new(2026, 10, 8), new(2026, 10, 15)];

    [Fact]
    public async Task GeneratingCreatesExactlyThePreviewedDates_AndASecondGenerationCreatesNothing() => await OnFirstOfSeptember(async () =>
    {
        var adminA = await app.ApiAsAsync(World.AdminA);
        var hub = await HubUnderAsync(app, app.World.CommunityA);
        var teacher = await CreateTeacherAsync(await app.ApiAsAsync(World.DistrictAdmin), app.World.District.Id, "区送教老师");
        var id = (await Ok(await adminA.PostJsonAsync("/api/v1/activity-series", Thursdays("周四送教", hub.Id, teacher)), HttpStatusCode.Created)).GetProperty("id").GetGuid();

        var preview = (await Ok(await adminA.GetAsync($"/api/v1/activity-series/{id}/preview"))).GetProperty("plan");
        var previewed = preview.GetProperty("dates").EnumerateArray().Select(d => DateOnly.Parse(d.GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(Expected, previewed);
        var skipped = Assert.Single(preview.GetProperty("skipped").EnumerateArray());
        Assert.Equal("2026-10-01", skipped.GetProperty("date").GetString());
        Assert.Equal("Holiday", skipped.GetProperty("reason").GetString());
        Assert.Equal("国庆节", skipped.GetProperty("holiday").GetString());

        var generated = await Ok(await adminA.PostAsync($"/api/v1/activity-series/{id}/generate", null));
        Assert.Equal(4, generated.GetProperty("created").GetArrayLength());
        var made = await app.AsSystemAsync((_, db) => db.Activities.Where(a => a.SeriesId == id).OrderBy(a => a.StartsAt).ToListAsync());
        Assert.Equal(previewed, made.Select(a => a.StartsAt.ChinaDate()));
        Assert.All(made, a =>
        {
            Assert.Equal(ActivityKind.Youth, a.Kind);
            Assert.Equal(ActivityState.Published, a.State);
            Assert.Equal(hub.Id, a.UnitId);
            Assert.Equal(teacher, a.TeacherId);
            Assert.Equal(30, a.Capacity);
            Assert.Equal(new TimeSpan(14, 0, 0), a.StartsAt.ToOffset(China).TimeOfDay);
            Assert.Equal(TimeSpan.FromMinutes(90), a.EndsAt - a.StartsAt);
        });

        var again = await adminA.PostAsync($"/api/v1/activity-series/{id}/generate", null);
        Assert.Contains("送教计划：没有待生成的日期", await Refused(again, HttpStatusCode.Conflict));
        Assert.Equal(4, await app.AsSystemAsync((_, db) => db.Activities.CountAsync(a => a.SeriesId == id)));
        var after = (await Ok(await adminA.GetAsync($"/api/v1/activity-series/{id}/preview"))).GetProperty("plan");
        Assert.Equal(0, after.GetProperty("dates").GetArrayLength());
        Assert.Equal(4, after.GetProperty("skipped").EnumerateArray().Count(s => s.GetProperty("reason").GetString() == "Generated"));

        var series = await Ok(await adminA.GetAsync($"/api/v1/activity-series/{id}"));
        Assert.Equal(4, series.GetProperty("activities").GetArrayLength());
        var pages = await app.PagesAsAsync(World.AdminA);
        var html = await pages.Http.GetStringAsync($"/hubs/series/{id}");
        Assert.Contains("2026-10-01 · 法定节假日（国庆节）", html, StringComparison.Ordinal);
        Assert.Contains("区送教老师", html, StringComparison.Ordinal);
    });

    [Fact]
    public async Task AMissingDateIsMadeAgain_AndTwoGenerationsAtOnceMakeEachDateOnce() => await OnFirstOfSeptember(async () =>
    {
        var adminA = await app.ApiAsAsync(World.AdminA);
        var id = (await Ok(await adminA.PostJsonAsync("/api/v1/activity-series", Thursdays("并发送教")), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var racers = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => adminA.PostAsync($"/api/v1/activity-series/{id}/generate", null)));
        Assert.Equal(1, racers.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(1, racers.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(Expected, await app.AsSystemAsync(async (_, db) =>
            (await db.Activities.Where(a => a.SeriesId == id).Select(a => a.StartsAt).ToListAsync()).Select(s => s.ChinaDate()).Order().ToList()));

        // One session removed behind the series' back: generating again makes that one only.
        await app.AsSystemAsync(async (_, db) => await db.Activities.Where(a => a.SeriesId == id && a.StartsAt > new DateTimeOffset(2026, 10, 10, 0, 0, 0, China)).ExecuteDeleteAsync());
        var refill = await Ok(await adminA.PostAsync($"/api/v1/activity-series/{id}/generate", null));
        var created = Assert.Single(refill.GetProperty("created").EnumerateArray());
        Assert.Equal(new DateOnly(2026, 10, 15), created.GetProperty("startsAt").GetDateTimeOffset().ChinaDate());
        Assert.Equal(4, await app.AsSystemAsync((_, db) => db.Activities.CountAsync(a => a.SeriesId == id)));
    });

    [Fact]
    public async Task AMonthlySeriesOnThe31stListsTheShortMonths() => await OnFirstOfSeptember(async () =>
    {
        var adminA = await app.ApiAsAsync(World.AdminA);
        var id = (await Ok(await adminA.PostJsonAsync("/api/v1/activity-series", Thirty1st()), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var plan = (await Ok(await adminA.GetAsync($"/api/v1/activity-series/{id}/preview"))).GetProperty("plan");
        Assert.Equal(["2026-10-31", "2026-12-31"], plan.GetProperty("dates").EnumerateArray().Select(d => d.GetString()!));
        Assert.Equal(["2026-09-01:NoSuchDay", "2026-11-01:NoSuchDay"],
            plan.GetProperty("skipped").EnumerateArray().Select(s => s.GetProperty("date").GetString() + ":" + s.GetProperty("reason").GetString()));
        var pages = await app.PagesAsAsync(World.AdminA);
        Assert.Contains("2026-11 · 当月没有该日", await pages.Http.GetStringAsync($"/hubs/series/{id}"), StringComparison.Ordinal);
    });

    [Fact]
    public async Task TheSeriesFormSavesARule_OrShowsWhatIsWrong() => await OnFirstOfSeptember(async () =>
    {
        var pages = await app.PagesAsAsync(World.AdminA);
        Dictionary<string, string?> Form(string? weekday) => new()
        {
            ["Input.UnitId"] = app.World.CommunityA.Id.ToString(), ["Input.Title"] = "表单送教", ["Input.Frequency"] = "Weekly", ["Input.Weekday"] = weekday,
            ["Input.From"] = "2026-09-17", ["Input.To"] = "2026-10-15", ["Input.StartTime"] = "14:00", ["Input.DurationMinutes"] = "90",
            ["Input.Place"] = "甲社区青年汇", ["Input.SkipHolidays"] = "true",
        };
        var refused = await pages.PostFormAsync("/hubs/series", Form(""), "/hubs/series");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("星期：不能为空", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var saved = await pages.PostFormAsync("/hubs/series", Form("Thursday"), "/hubs/series");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = saved.Headers.Location!.ToString();
        var html = WebUtility.HtmlDecode(await pages.Http.GetStringAsync(page));
        Assert.Contains("2026-09-17", html, StringComparison.Ordinal);
        Assert.Contains("国庆节", html, StringComparison.Ordinal);
        var generated = await pages.PostFormAsync(page + "?handler=Generate", [], page);
        Assert.Equal(HttpStatusCode.Redirect, generated.StatusCode);
        var id = Guid.Parse(page[(page.LastIndexOf('/') + 1)..]);
        Assert.Equal(4, await app.AsSystemAsync((_, db) => db.Activities.CountAsync(a => a.SeriesId == id)));
    });

    private object Thirty1st() => Thursdays("每月31日送教", dayOfMonth: 31, from: "2026-09-17", to: "2026-12-31");

    [Fact]
    public async Task ABrokenSeriesIsRefusedWithChineseMessagesNamingTheField_AndNothingIsWritten() => await OnFirstOfSeptember(async () =>
    {
        var w = app.World;
        var adminA = await app.ApiAsAsync(World.AdminA);
        var before = await app.AsSystemAsync((_, db) => db.ActivitySeries.CountAsync());
        var siblings = await CreateTeacherAsync(await app.ApiAsAsync(World.AdminB), w.CommunityB.Id, "乙社区送教老师");

        Assert.Contains("授课老师：不在本单位及上级单位的资源库中", await Refused(await adminA.PostJsonAsync("/api/v1/activity-series", Thursdays("借用乙社区老师", teacherId: siblings)), HttpStatusCode.BadRequest));
        Assert.Contains("每月几号：应在 1 到 31 之间", await Refused(await adminA.PostJsonAsync("/api/v1/activity-series", Thursdays("32日", dayOfMonth: 32)), HttpStatusCode.BadRequest));
        Assert.Contains("结束日期：不能早于开始日期", await Refused(await adminA.PostJsonAsync("/api/v1/activity-series", Thursdays("倒序", from: "2026-10-15", to: "2026-09-17")), HttpStatusCode.BadRequest));
        Assert.Contains("结束日期：周期不能超过 366 天", await Refused(await adminA.PostJsonAsync("/api/v1/activity-series", Thursdays("太长", from: "2026-09-17", to: "2027-09-18")), HttpStatusCode.BadRequest));
        var noPlace = await Refused(await adminA.PostJsonAsync("/api/v1/activity-series", new { unitId = w.CommunityA.Id, title = "", frequency = "Weekly", from = "2026-09-17", to = "2026-10-15", durationMinutes = 90 }), HttpStatusCode.BadRequest);
        Assert.Contains("活动名称：不能为空", noPlace);
        Assert.Contains("地点：不能为空", noPlace);
        Assert.Contains("星期：不能为空", noPlace);
        Assert.Contains("开始时间：不能为空", noPlace);
        Assert.Equal(HttpStatusCode.NotFound, (await adminA.PostJsonAsync("/api/v1/activity-series", Thursdays("乙社区的", w.CommunityB.Id))).StatusCode);
        Assert.Equal(before, await app.AsSystemAsync((_, db) => db.ActivitySeries.CountAsync()));

        // Another community's series: not there for A.
        var adminB = await app.ApiAsAsync(World.AdminB);
        var theirs = (await Ok(await adminB.PostJsonAsync("/api/v1/activity-series", Thursdays("乙社区送教", w.CommunityB.Id)), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NotFound, (await adminA.GetAsync($"/api/v1/activity-series/{theirs}/preview")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await adminA.PostAsync($"/api/v1/activity-series/{theirs}/generate", null)).StatusCode);
        Assert.Equal(0, await app.AsSystemAsync((_, db) => db.Activities.CountAsync(a => a.SeriesId == theirs)));
    });
}

public sealed class SeriesOnSqlite(SqliteApp app) : SeriesTests(app), IClassFixture<SqliteApp>;

public sealed class SeriesOnPostgres(PostgresApp app) : SeriesTests(app), IClassFixture<PostgresApp>;
