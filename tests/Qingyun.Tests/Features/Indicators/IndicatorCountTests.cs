using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qingyun.Domain.Activities;
using Qingyun.Domain.Assistance;
using Qingyun.Domain.Building;
using Qingyun.Domain.Cadres;
using Qingyun.Domain.Direct;
using Qingyun.Domain.Hubs;
using Qingyun.Domain.Indicators;
using Qingyun.Domain.Rosters;
using Qingyun.Domain.SocialOrgs;
using Qingyun.Domain.Volunteering;
using Qingyun.Features.Indicators;
using Qingyun.Infrastructure;
using Qingyun.Tests.Infrastructure;
using static Qingyun.Tests.Features.Indicators.FiguresKit;

namespace Qingyun.Tests.Features.Indicators;

/// <summary>
/// Each computed indicator of the catalogue against a hand-built dataset under a fresh street with two communities,
/// read the way the dashboard reads it (FigureReader, then UnitFigures.Value) for the street and each community.
/// </summary>
public abstract class IndicatorCountTests(QingyunApp app)
{
    private DateOnly Today => app.Clock.ChinaToday();

    /// <summary>A day of this year <paramref name="daysAgo"/> days back (never before 1 January).</summary>
    private DateOnly Ago(int daysAgo)
    {
        var d = Today.AddDays(-daysAgo);
        return d.Year == Today.Year ? d : new DateOnly(Today.Year, 1, 1);
    }

    private static decimal? V(UnitFigures f, Guid unit, string code, int year) => f.Value(unit, Catalogue.Find(code)!, year);

    [Fact]
    public async Task EveryComputedIndicator_HasItsExactCount_ForTheStreetAndEachCommunity()
    {
        var t = await TreeAsync(app);
        var (s, a, b) = (t.Street.Id, t.A.Id, t.B.Id);
        var y = Today.Year;
        var lastYear = new DateOnly(y - 1, 6, 15);

        var ids = await app.AsSystemAsync(async (_, db) =>
        {
            // Organization: m1 stays in A; m2 is admitted by A and transferred to B below; m3 joined B last year; m4 joined B and left.
            var m1 = Member(db, a, Ago(100));
            var m2 = Member(db, a, Ago(90));
            Member(db, b, lastYear);
            Member(db, b, Ago(80), MemberStatus.Left);
            var c1 = Person(db, a, "书记甲");
            var c2 = Person(db, a, "副书记甲");
            var c3 = Person(db, b, "书记乙");
            await db.SaveChangesAsync();
            var termA = Cadre(db, a, c1.Id, CadrePost.Secretary, Ago(200));
            Cadre(db, a, c2.Id, CadrePost.DeputySecretary, Ago(200), endedOn: Ago(3));
            var termB = Cadre(db, b, c3.Id, CadrePost.Secretary, Ago(200));
            db.Recommendations.Add(new Recommendation { MembershipId = m1.Id, UnitId = a, NominatedOn = Ago(40), State = RecommendationState.Approved, ApprovedOn = Ago(30), CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow });
            db.Recommendations.Add(new Recommendation { MembershipId = m2.Id, UnitId = a, NominatedOn = Ago(20), State = RecommendationState.Nominated, CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow });

            // Volunteers: v1 serves in both communities; v2 serves in B and the line is corrected away; v3 is suspended.
            var v1 = Volunteer(db, a);
            var v2 = Volunteer(db, b);
            Volunteer(db, a, VolunteerStatus.Suspended);

            // Volunteer service activities: one held in A, one cancelled in A, a draft in B.
            Activity(db, a, ActivityKind.VolunteerService, At(Ago(10), 9));
            Activity(db, a, ActivityKind.VolunteerService, At(Ago(9), 9), ActivityState.Cancelled);
            Activity(db, b, ActivityKind.VolunteerService, At(Ago(8), 9), ActivityState.Draft);

            // Youth activities: p1 attends three in A (3 person-times, 1 person) and one in B with p3; an open event in B counts 25 heads;
            // p2 attended only a cancelled one.
            var lecture = Category(db);
            var games = Category(db);
            var p1 = Person(db, a, "青年一");
            var p2 = Person(db, a, "青年二");
            var p3 = Person(db, b, "青年三");
            var menu = new MenuItem
            {
                UnitId = b, Title = "点学：摄影入门", MinParticipants = 5, MaxParticipants = 30, OrderDeadline = At(Ago(12), 9), StartsAt = At(Ago(7), 14),
                EndsAt = At(Ago(7), 16), Place = "青年之家", State = MenuItemState.Running, CreatedAt = DateTimeOffset.UtcNow,
            };
            db.MenuItems.Add(menu);
            await db.SaveChangesAsync();
            var y1 = Activity(db, a, ActivityKind.Youth, At(Ago(30), 14), categoryId: lecture.Id);
            var y2 = Activity(db, a, ActivityKind.Youth, At(Ago(20), 14), categoryId: lecture.Id);
            var y3 = Activity(db, a, ActivityKind.Youth, At(Ago(10), 14), categoryId: games.Id);
            var cancelled = Activity(db, a, ActivityKind.Youth, At(Ago(5), 14), ActivityState.Cancelled, categoryId: games.Id);
            Activity(db, b, ActivityKind.Youth, At(Ago(7), 14), categoryId: games.Id, headcount: 25, menuItemId: menu.Id);
            var y5 = Activity(db, b, ActivityKind.Youth, At(Ago(6), 14), categoryId: lecture.Id);
            await db.SaveChangesAsync();
            Attend(db, y1, p1.Id);
            Attend(db, y2, p1.Id);
            Attend(db, y3, p1.Id);
            Attend(db, cancelled, p2.Id);
            Attend(db, y5, p1.Id);
            Attend(db, y5, p3.Id);

            // Assistance: b1 helped in A (open) and in B (this year); b2's case in B closed last year.
            var b1 = Person(db, a, "受助青年一");
            var b2 = Person(db, b, "受助青年二");
            await db.SaveChangesAsync();
            var case1 = Case(db, a, b1.Id, Ago(100));
            var case2 = Case(db, b, b2.Id, new DateOnly(y - 2, 3, 1), closedOn: lastYear);
            var case3 = Case(db, b, b1.Id, Ago(60));
            await db.SaveChangesAsync();
            Visit(db, case1, Ago(50));
            Visit(db, case1, Ago(25));
            Visit(db, case1, lastYear);
            Visit(db, case2, lastYear);
            Visit(db, case3, Ago(15));
            db.CasePlans.Add(new CasePlan { CaseId = case1.Id, UnitId = a, StartsOn = new DateOnly(y, 1, 1), EndsOn = new DateOnly(y, 12, 31), VisitsPlanned = 12, State = PlanState.Approved, CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow });
            db.CasePlans.Add(new CasePlan { CaseId = case3.Id, UnitId = b, StartsOn = new DateOnly(y, 1, 1), EndsOn = new DateOnly(y, 12, 31), VisitsPlanned = 4, State = PlanState.Submitted, CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow });

            // Non-public League building: built in A this year, in B last year, one not built in B; members added by dated events.
            var orgA = NewOrg(db, a, BuildingStatus.Built, Ago(70));
            var orgB = NewOrg(db, b, BuildingStatus.Built, lastYear);
            NewOrg(db, b, BuildingStatus.NotBuilt, null);
            db.SocialOrganizations.Add(SocialOrg(a, OrgReviewStatus.Approved));
            db.SocialOrganizations.Add(SocialOrg(b, OrgReviewStatus.Pending));
            await db.SaveChangesAsync();
            MembersAdded(db, orgA, Ago(60), 5);
            MembersAdded(db, orgA, lastYear, 3);
            MembersAdded(db, orgB, Ago(30), 2);

            // 1+100: two bound now (one in each community), one binding in A ended; a contact in A reached two young people, one in B last year.
            var yA = Person(db, a, "联系青年一");
            var yA2 = Person(db, a, "联系青年二");
            var yB = Person(db, b, "联系青年三");
            await db.SaveChangesAsync();
            Bind(db, termA, yA.Id, t.A.Depth, Ago(50), null);
            Bind(db, termA, yA2.Id, t.A.Depth, Ago(50), Ago(5));
            Bind(db, termB, yB.Id, t.B.Depth, Ago(40), null);
            Contact(db, termA, Ago(20), yA.Id, yA2.Id);
            Contact(db, termB, lastYear, yB.Id);
            await db.SaveChangesAsync();
            return (m2: m2.Id, v1: v1.Number, v2: v2.Number);
        });

        // Hours: v1 2 h in A and 3 h in B; a 4 h line in A and v2's 1.5 h in B are corrected below.
        await HoursAsync(app, a, ids.v1, Ago(60), 2m);
        await HoursAsync(app, b, ids.v1, Ago(50), 3m);
        var wrongA = await HoursAsync(app, a, ids.v1, Ago(20), 4m);
        var wrongB = await HoursAsync(app, b, ids.v2, Ago(40), 1.5m);

        // Reported: 示范团委 defined by the street; A's value approved, B's still waiting for review.
        var reported = await app.AsSystemAsync(async (_, db) =>
        {
            var r = await ReportedAsync(db, s);
            Report(db, r, a, y, 3, ReportState.Approved);
            Report(db, r, b, y, 5, ReportState.Submitted);
            await db.SaveChangesAsync();
            return r;
        });

        // Before the transfer and the corrections.
        var before = await ReadAsync(app, y, s, a, b);
        Assert.Equal(2m, V(before, a, Catalogue.MembersRegistered, y));
        Assert.Equal(1m, V(before, b, Catalogue.MembersRegistered, y));
        Assert.Equal(2m, V(before, b, Catalogue.ServiceVolunteers, y));
        Assert.Equal(2m, V(before, s, Catalogue.ServiceVolunteers, y));
        Assert.Equal(60m * (2 + 3 + 4 + 1.5m), V(before, s, Catalogue.ServiceHours, y));
        Assert.Equal(4m, V(before, s, Catalogue.ServicePersonTimes, y));

        await TransferAsync(app, ids.m2, b);
        await CorrectAsync(app, wrongA.Id);
        await CorrectAsync(app, wrongB.Id);

        var expected = new Dictionary<string, (decimal S, decimal A, decimal B)>
        {
            // m2 now counts in B, but stays a new member of A, the branch that admitted them; the street counts them once.
            [Catalogue.MembersRegistered] = (3, 1, 2),
            [Catalogue.MembersNew] = (3, 2, 1),
            [Catalogue.CadresInPost] = (2, 1, 1),
            [Catalogue.Recommended] = (1, 1, 0),
            [Catalogue.YouthActivities] = (5, 3, 2),
            [Catalogue.YouthPersonTimes] = (30, 3, 27),
            [Catalogue.YouthPersons] = (2, 1, 2),
            [Catalogue.MenuServices] = (1, 0, 1),
            [Catalogue.VolunteersRegistered] = (2, 1, 1),
            [Catalogue.ServiceActivities] = (1, 1, 0),
            // Corrections take the hours and the person-time back; v2's net minutes are 0, so v2 is no longer a volunteer who served.
            [Catalogue.ServiceHours] = (300, 120, 180),
            [Catalogue.ServicePersonTimes] = (2, 1, 1),
            [Catalogue.ServiceVolunteers] = (1, 1, 1),
            [Catalogue.Beneficiaries] = (1, 1, 1),
            [Catalogue.Visits] = (3, 2, 1),
            [Catalogue.VisitsPlanned] = (12, 12, 0),
            [Catalogue.OrganizationsBuilt] = (1, 1, 0),
            [Catalogue.BuildingMembers] = (7, 5, 2),
            [Catalogue.OrganizationsWithLeague] = (2, 1, 1),
            [Catalogue.SocialOrgs] = (1, 1, 0),
            [Catalogue.DirectBound] = (2, 1, 1),
            [Catalogue.DirectContacts] = (2, 2, 0),
        };
        var after = await ReadAsync(app, y, s, a, b);
        AssertAll(after, t, y, expected);
        // The dashboard reads its children as totals grouped in the database: the same figures as their cells read whole.
        AssertAll(await TotalsAsync(app, y, s, a, b), t, y, expected);
        Assert.Equal(5.0m, Catalogue.Find(Catalogue.ServiceHours)!.Display(after.ValueOrZero(s, Catalogue.Find(Catalogue.ServiceHours)!, y)));
        var reportedIndicator = Catalogue.For(reported);
        Assert.Equal(3m, after.Value(s, reportedIndicator, y));
        Assert.Equal(0m, after.Value(b, reportedIndicator, y));

        // Approval by the level above makes B's value count.
        await app.AsSystemAsync(async (_, db) =>
        {
            var r = await db.IndicatorReports.IgnoreQueryFilters().SingleAsync(x => x.IndicatorId == reported.Id && x.UnitId == b);
            r.State = ReportState.Approved;
            return await db.SaveChangesAsync();
        });
        var approved = await ReadAsync(app, y, s, a, b);
        Assert.Equal(8m, approved.Value(s, reportedIndicator, y));
        Assert.Equal(5m, approved.Value(b, reportedIndicator, y));
        Assert.Equal(5m, (await TotalsAsync(app, y, s, a, b)).Value(b, reportedIndicator, y));

        // Closing B keeps its records of the year in the street's figures.
        await CloseAsync(app, b);
        var closed = await ReadAsync(app, y, s, a, b);
        AssertAll(closed, t, y, expected);
        Assert.Equal(8m, closed.Value(s, reportedIndicator, y));
        // The street's breakdown by subunit still lists the closed community, since it holds figures.
        var children = await app.AsSystemAsync((sp, _) => sp.GetRequiredService<FigureReader>().ChildrenAsync(t.Street, default));
        Assert.Contains(children, u => u.Id == b);
    }

    [Fact]
    public async Task AYouthActivityByCategory_CountsEachCategoryApart()
    {
        var t = await TreeAsync(app);
        var y = Today.Year;
        var (lecture, games) = await app.AsSystemAsync(async (_, db) =>
        {
            var l = Category(db);
            var g = Category(db);
            await db.SaveChangesAsync();
            var p = Person(db, t.A.Id);
            var x1 = Activity(db, t.A.Id, ActivityKind.Youth, At(Ago(3), 9), categoryId: l.Id);
            var x2 = Activity(db, t.B.Id, ActivityKind.Youth, At(Ago(2), 9), categoryId: l.Id, headcount: 7);
            var x3 = Activity(db, t.B.Id, ActivityKind.Youth, At(Ago(1), 9), categoryId: g.Id);
            await db.SaveChangesAsync();
            Attend(db, x1, p.Id);
            Attend(db, x3, p.Id);
            await db.SaveChangesAsync();
            return (l.Id.ToString("N"), g.Id.ToString("N"));
        });
        var f = await ReadAsync(app, y, t.Street.Id);
        var activities = f.ByKey(t.Street.Id, Catalogue.Find(Catalogue.YouthActivities)!, y);
        var personTimes = f.ByKey(t.Street.Id, Catalogue.Find(Catalogue.YouthPersonTimes)!, y);
        Assert.Equal(2m, activities[lecture]);
        Assert.Equal(1m, activities[games]);
        Assert.Equal(8m, personTimes[lecture]);
        Assert.Equal(1m, personTimes[games]);
        Assert.Equal(1m, V(f, t.Street.Id, Catalogue.YouthPersons, y));
    }

    [Fact]
    public async Task AnActivityNotOverYet_CountsOnlyAfterItsEnd_WhenTheFiguresRoundRuns_AndACancelledOneNever()
    {
        var t = await TreeAsync(app);
        var start = app.Clock.GetUtcNow();
        try
        {
            var startsAt = start.AddMinutes(30);
            var y = startsAt.ChinaDate().Year;
            await app.AsSystemAsync(async (_, db) =>
            {
                Activity(db, t.A.Id, ActivityKind.VolunteerService, startsAt);
                Activity(db, t.A.Id, ActivityKind.Youth, startsAt, headcount: 12);
                Activity(db, t.B.Id, ActivityKind.Youth, startsAt, ActivityState.Cancelled, headcount: 40);
                return await db.SaveChangesAsync();
            });
            var early = await ReadAsync(app, y, t.Street.Id, t.A.Id);
            Assert.Equal(0m, V(early, t.Street.Id, Catalogue.ServiceActivities, y));
            Assert.Equal(0m, V(early, t.Street.Id, Catalogue.YouthActivities, y));
            Assert.Equal(0m, V(early, t.Street.Id, Catalogue.YouthPersonTimes, y));

            app.Clock.Advance(TimeSpan.FromHours(3));
            await app.AsSystemAsync((_, db) => FiguresJob.RoundAsync(db, start, app.Clock.GetUtcNow(), default));
            var over = await ReadAsync(app, y, t.Street.Id, t.A.Id, t.B.Id);
            Assert.Equal(1m, V(over, t.Street.Id, Catalogue.ServiceActivities, y));
            Assert.Equal(1m, V(over, t.A.Id, Catalogue.YouthActivities, y));
            Assert.Equal(1m, V(over, t.Street.Id, Catalogue.YouthActivities, y));
            Assert.Equal(12m, V(over, t.Street.Id, Catalogue.YouthPersonTimes, y));
            Assert.Equal(0m, V(over, t.B.Id, Catalogue.YouthPersonTimes, y));
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    [Fact]
    public async Task StockIsFrozenAtYearEnd_OnlyWhenTheYearBeforeWasKept()
    {
        var t = await TreeAsync(app);
        var y = Today.Year;
        try
        {
            await app.AsSystemAsync(async (_, db) =>
            {
                Member(db, t.A.Id, Ago(10));
                Volunteer(db, t.B.Id);
                return await db.SaveChangesAsync();
            });
            // The platform last kept the roll-ups two years ago: the turn into this year does not pretend today's stock was last year's.
            await app.AsSystemAsync(async (_, db) =>
            {
                var mark = await db.FigureTallies.IgnoreQueryFilters().FirstOrDefaultAsync(x => x.UnitId == Guid.Empty && x.Code == "_year");
                if (mark is null)
                {
                    db.FigureTallies.Add(new FigureTally { UnitId = Guid.Empty, Code = "_year", Own = y - 2 });
                }
                else
                {
                    mark.Own = y - 2;
                }
                await db.SaveChangesAsync();
                return await Rollups.TurnYearAsync(db, app.Clock.GetUtcNow(), default);
            });
            var now = await ReadAsync(app, y, t.Street.Id, t.A.Id);
            Assert.Equal(1m, V(now, t.A.Id, Catalogue.MembersRegistered, y));
            Assert.Null(V(now, t.A.Id, Catalogue.MembersRegistered, y - 1));
            Assert.Null(V(now, t.Street.Id, Catalogue.VolunteersRegistered, y - 1));

            // A member registered in the last minutes of the year, before any page read the figures: still this year's stock.
            await app.AsSystemAsync(async (_, db) =>
            {
                Member(db, t.A.Id, Today);
                return await db.SaveChangesAsync();
            });

            // This year was kept: moving into next year freezes the 31 December stock into it.
            var newYear = new DateTimeOffset(y + 1, 1, 1, 1, 0, 0, TimeSpan.FromHours(8));
            app.Clock.Advance(newYear - app.Clock.GetUtcNow());
            await app.AsSystemAsync((_, db) => Rollups.TurnYearAsync(db, app.Clock.GetUtcNow(), default));
            await app.AsSystemAsync(async (_, db) =>
            {
                Member(db, t.A.Id, new DateOnly(y + 1, 1, 1));
                return await db.SaveChangesAsync();
            });
            var next = await ReadAsync(app, y + 1, t.Street.Id, t.A.Id);
            Assert.Equal(y + 1, next.CurrentYear);
            Assert.Equal(2m, V(next, t.A.Id, Catalogue.MembersRegistered, y));
            Assert.Equal(2m, V(next, t.Street.Id, Catalogue.MembersRegistered, y));
            Assert.Equal(1m, V(next, t.Street.Id, Catalogue.VolunteersRegistered, y));
            Assert.Equal(3m, V(next, t.A.Id, Catalogue.MembersRegistered, y + 1));
            Assert.Equal(3m, V(next, t.Street.Id, Catalogue.MembersRegistered, y + 1));
            Assert.Equal(1m, V(next, t.Street.Id, Catalogue.MembersNew, y + 1));
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    private static Task<UnitFigures> TotalsAsync(QingyunApp app, int year, Guid unit, params Guid[] children) =>
        app.AsSystemAsync((sp, _) => sp.GetRequiredService<FigureReader>().ReadWithTotalsAsync(unit, children, year, default));

    private static void AssertAll(UnitFigures f, FigTree t, int year, Dictionary<string, (decimal S, decimal A, decimal B)> expected)
    {
        foreach (var indicator in Catalogue.Computed)
        {
            Assert.True(expected.TryGetValue(indicator.Code, out var e), $"no expected value for {indicator.Code}");
            Assert.True(e.S == f.Value(t.Street.Id, indicator, year), $"{indicator.Code} of the street: expected {e.S}, shown {f.Value(t.Street.Id, indicator, year)}");
            Assert.True(e.A == f.Value(t.A.Id, indicator, year), $"{indicator.Code} of community A: expected {e.A}, shown {f.Value(t.A.Id, indicator, year)}");
            Assert.True(e.B == f.Value(t.B.Id, indicator, year), $"{indicator.Code} of community B: expected {e.B}, shown {f.Value(t.B.Id, indicator, year)}");
        }
    }

    private static int _credit = Random.Shared.Next(0, 9_000_000);

    private static NewOrganization NewOrg(Qingyun.Data.AppDbContext db, Guid unitId, BuildingStatus status, DateOnly? builtOn)
    {
        var first17 = $"91990107MA{Interlocked.Increment(ref _credit) % 10_000_000:D7}";
        var o = new NewOrganization
        {
            UnitId = unitId, Kind = NewOrganizationKind.NonPublicEnterprise, Name = "统计测试企业", CreditCode = first17 + CreditCode.CheckCharFor(first17),
            StaffCount = 50, YoungStaffCount = 30, Status = status, BuiltOn = builtOn, CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
        };
        db.NewOrganizations.Add(o);
        return o;
    }

    private static void MembersAdded(Qingyun.Data.AppDbContext db, NewOrganization o, DateOnly on, int delta) =>
        db.NewOrganizationEvents.Add(new NewOrganizationEvent { OrganizationId = o.Id, UnitId = o.UnitId, Kind = NewOrganizationEventKind.MembersAdded, MembersDelta = delta, On = on, At = DateTimeOffset.UtcNow });

    private static SocialOrganization SocialOrg(Guid unitId, OrgReviewStatus review) => new()
    {
        UnitId = unitId, Name = "统计测试青年社会组织", LegalStatus = LegalStatus.Informal, Field = OrgField.Volunteer, ContactName = "联系人",
        Source = OrgSource.EnteredByUnit, ReviewStatus = review, CreatedAt = DateTimeOffset.UtcNow,
    };

    private static void Bind(Qingyun.Data.AppDbContext db, CadreTerm term, Guid youthId, int level, DateOnly boundOn, DateOnly? endedOn) =>
        db.DirectBindings.Add(new DirectBinding
        {
            UnitId = term.UnitId, CadreTermId = term.Id, CadrePersonId = term.PersonId, YouthPersonId = youthId, Level = level, BoundOn = boundOn, EndedOn = endedOn,
            CreatedAt = DateTimeOffset.UtcNow,
        });

    private static void Contact(Qingyun.Data.AppDbContext db, CadreTerm term, DateOnly on, params Guid[] youth)
    {
        var c = new DirectContact { UnitId = term.UnitId, CadreTermId = term.Id, CadrePersonId = term.PersonId, On = on, Channel = ContactChannel.Call, CreatedAt = DateTimeOffset.UtcNow };
        db.DirectContacts.Add(c);
        foreach (var p in youth)
        {
            db.DirectContactYouth.Add(new DirectContactYouth { ContactId = c.Id, UnitId = term.UnitId, CadrePersonId = term.PersonId, YouthPersonId = p, On = on, Channel = ContactChannel.Call });
        }
    }
}

public sealed class IndicatorCountsOnSqlite(SqliteApp app) : IndicatorCountTests(app), IClassFixture<SqliteApp>;

public sealed class IndicatorCountsOnPostgres(PostgresApp app) : IndicatorCountTests(app), IClassFixture<PostgresApp>;
