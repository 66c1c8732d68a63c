using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Data.Configurations;
using Qingyun.Domain.Activities;
using Qingyun.Domain.Hubs;
using Qingyun.Domain.Organization;
using Qingyun.Features.Series;
using Qingyun.Security;

namespace Qingyun.Cli;

/// <summary>
/// 青云街道青年汇 through a year, so the calendar, the figures and the menu have something in them: a key hub
/// with its profile, the quarter's theme, held activities of several categories with named attendance and a
/// headcount, a lecture next week open for registration, a menu item one order short of running, a teacher and
/// topic in the district's pool, and a weekly scheduled-teaching series generated for the coming month.
/// </summary>
internal static class DemoHubs
{
    public static async Task SeedAsync(IServiceProvider sp, AppDbContext db, Dictionary<string, OrgUnit> byCode, Random random, DateTimeOffset now, DateOnly today)
    {
        var sensitive = sp.GetRequiredService<SensitiveData>();
        var hub = byCode["QY-JD01-QNH"];
        var street = byCode["QY-JD01"];
        var district = db.OrgUnits.Local.First(u => u.Kind == UnitKind.District);
        db.Hubs.Add(new Hub
        {
            UnitId = hub.Id, Type = HubType.YouthHub, Grade = HubGrade.Key, Address = "青云区青云街道青云路 88 号 2 层", OpeningHours = "周二至周日 9:00–21:00",
            ManagingUnitId = street.Id, ManagerName = "刘洋", ManagerPhone = "13900001234",
            Introduction = "青云街道青年汇：讲座、联谊、自护教育、手工、运动和志愿服务，面向辖区 14–35 岁青年开放。", UpdatedAt = now, UpdatedBy = "demo",
        });
        var quarter = (today.Month + 2) / 3;
        var themeTitles = new[] { "服务季", "运动季", "文体季", "文化季" };
        var theme = new QuarterTheme
        {
            UnitId = hub.Id, Year = today.Year, Quarter = quarter, Title = themeTitles[quarter - 1], Description = "本季度活动围绕主题展开。",
            PlannedActivities = 10, PlannedPersonTimes = 200, CreatedAt = now, CreatedBy = "demo",
        };
        db.QuarterThemes.Add(theme);
        var teacher = new Teacher
        {
            UnitId = district.Id, Name = "周老师", Source = TeacherSource.Institution, Institution = "青云区开放大学", Expertise = "青少年心理健康、亲子沟通",
            CreatedAt = now, CreatedBy = "demo",
        };
        teacher.PhoneCipher = Convert.ToBase64String(sensitive.Encrypt("13700005678"));
        teacher.PhoneMasked = Domain.People.Phone.Mask("13700005678");
        db.Teachers.Add(teacher);
        var topic = new Topic
        {
            UnitId = district.Id, TeacherId = teacher.Id, CategoryId = Category(0), Title = "青春期情绪管理", Description = "认识情绪、表达情绪、求助渠道。",
            DurationMinutes = 90, CreatedAt = now, CreatedBy = "demo",
        };
        db.Topics.Add(topic);

        // The young people around the street: attendance names come from its people.
        var hi = ScopeRanges.UpperBound(street.Path);
        var people = await db.People.IgnoreQueryFilters()
            .Join(db.OrgUnits.IgnoreQueryFilters().Where(u => string.Compare(u.Path, street.Path) >= 0 && string.Compare(u.Path, hi) < 0), p => p.UnitId, u => u.Id, (p, u) => p.Id)
            .Take(40).ToListAsync();

        // Held activities this year, one every few weeks, of the seed's categories.
        var held = new (string Title, int Category, int Named, int? Headcount)[]
        {
            ("春季心理健康讲座", 0, 14, null), ("青年联谊会", 1, 18, null), ("防诈骗自护教育", 2, 22, null), ("端午香囊 DIY", 3, 15, null),
            ("社区青年足球赛", 4, 16, null), ("社区环境清洁行动", 5, 12, null), ("露天电影放映", 6, 0, 85), ("周末瑜伽", 7, 10, null),
        };
        var yearStart = new DateOnly(today.Year, 1, 10);
        var span = Math.Max(20, today.DayNumber - yearStart.DayNumber - 10);
        for (var i = 0; i < held.Length; i++)
        {
            var day = yearStart.AddDays(span * i / held.Length);
            var starts = SeriesRule.StartOf(day, new TimeOnly(19, 0));
            var h = held[i];
            var a = Activity(hub, h.Title, Category(h.Category), starts, starts.AddHours(2), now);
            a.AttendanceMode = h.Headcount is null ? AttendanceMode.CheckIn : AttendanceMode.Headcount;
            a.Headcount = h.Headcount;
            a.Report = h.Headcount is null ? $"{h.Title}顺利举办，{h.Named} 名青年参加。" : $"{h.Title}吸引约 {h.Headcount} 名居民观看。";
            a.ReportedAt = starts.AddHours(3);
            a.ReportedBy = "demo";
            if (day.Month == today.Month || (day.Month + 2) / 3 == quarter)
            {
                a.ThemeId = theme.Id;
            }
            db.Activities.Add(a);
            foreach (var personId in people.OrderBy(_ => random.Next()).Take(Math.Min(h.Named, people.Count)))
            {
                db.Registrations.Add(new Registration { ActivityId = a.Id, PersonId = personId, UnitId = hub.Id, RegisteredAt = starts.AddDays(-3) });
                db.Participations.Add(new Participation { ActivityId = a.Id, PersonId = personId, UnitId = hub.Id, At = starts.AddMinutes(random.Next(-20, 15)), Method = ParticipationMethod.CheckIn, RecordedBy = "demo" });
                a.Registered++;
            }
        }

        // Next week's lecture, open for registration, tagged to the quarter's theme when it falls in it.
        var lectureDay = today.AddDays(7);
        var lecture = Activity(hub, "青春期情绪管理讲座", Category(0), SeriesRule.StartOf(lectureDay, new TimeOnly(19, 0)), SeriesRule.StartOf(lectureDay, new TimeOnly(20, 30)), now);
        lecture.Capacity = 40;
        lecture.TeacherId = teacher.Id;
        lecture.TopicId = topic.Id;
        lecture.MinAge = 14;
        lecture.MaxAge = 35;
        lecture.Description = "开放大学周老师主讲，欢迎辖区青年报名。";
        lecture.ThemeId = (lectureDay.Month + 2) / 3 == quarter && lectureDay.Year == today.Year ? theme.Id : null;
        db.Activities.Add(lecture);
        foreach (var personId in people.Take(6))
        {
            db.Registrations.Add(new Registration { ActivityId = lecture.Id, PersonId = personId, UnitId = hub.Id, RegisteredAt = now.AddHours(-random.Next(1, 48)) });
            lecture.Registered++;
        }

        // A menu item one order short of running: the demo youth account's order makes it an activity.
        var menu = new MenuItem
        {
            UnitId = hub.Id, Title = "咖啡拉花体验课", Description = "专业咖啡师带教，材料费低偿。", CategoryId = Category(8), MinParticipants = 3, MaxParticipants = 12,
            PriceBand = PriceBand.LowCost, Price = 20, OrderDeadline = SeriesRule.StartOf(today.AddDays(10), new TimeOnly(18, 0)),
            StartsAt = SeriesRule.StartOf(today.AddDays(14), new TimeOnly(14, 0)), EndsAt = SeriesRule.StartOf(today.AddDays(14), new TimeOnly(16, 0)),
            Place = "青云街道青年汇 2 层", CreatedAt = now, CreatedBy = "demo",
        };
        db.MenuItems.Add(menu);
        foreach (var personId in people.Skip(10).Take(2))
        {
            db.MenuOrders.Add(new MenuOrder { MenuItemId = menu.Id, PersonId = personId, UnitId = hub.Id, OrderedAt = now.AddHours(-random.Next(1, 24)) });
            menu.Ordered++;
        }

        // Scheduled teaching: every Saturday morning for the coming four weeks.
        var from = today.AddDays(1);
        var series = new ActivitySeries
        {
            UnitId = hub.Id, Title = "周六书法送教", CategoryId = Category(8), TeacherId = teacher.Id, Place = "青云街道青年汇书画室", Frequency = Frequency.Weekly,
            Weekday = DayOfWeek.Saturday, StartTime = new TimeOnly(9, 30), DurationMinutes = 90, From = from, To = from.AddDays(27), SkipHolidays = true,
            Capacity = 20, CreatedAt = now, CreatedBy = "demo",
        };
        db.ActivitySeries.Add(series);
        var holidays = await db.PublicHolidays.ToDictionaryAsync(h => h.Date, h => h.Name);
        foreach (var date in SeriesRule.Plan(series, holidays, now).Dates)
        {
            var starts = SeriesRule.StartOf(date, series.StartTime);
            var a = Activity(hub, series.Title, series.CategoryId, starts, starts.AddMinutes(series.DurationMinutes), now);
            a.SeriesId = series.Id;
            a.Capacity = series.Capacity;
            a.TeacherId = teacher.Id;
            a.Place = series.Place;
            db.Activities.Add(a);
        }
        await db.SaveChangesAsync();
    }

    private static Guid Category(int index) => ActivityCategoryConfiguration.Defaults[index].Id;

    private static Activity Activity(OrgUnit hub, string title, Guid? category, DateTimeOffset starts, DateTimeOffset ends, DateTimeOffset now) => new()
    {
        UnitId = hub.Id, Kind = ActivityKind.Youth, Title = title, Place = "青云街道青年汇", CategoryId = category, StartsAt = starts, EndsAt = ends,
        State = ActivityState.Published, PublishedAt = starts.AddDays(-7) < now ? starts.AddDays(-7) : now, CheckInSecret = RandomNumberGenerator.GetBytes(32),
        CreatedAt = now, CreatedBy = "demo",
    };
}
