using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qingyun.Data;
using Qingyun.Domain.Activities;
using Qingyun.Domain.Assistance;
using Qingyun.Domain.Cadres;
using Qingyun.Domain.Hubs;
using Qingyun.Domain.Indicators;
using Qingyun.Domain.Organization;
using Qingyun.Domain.People;
using Qingyun.Domain.Rosters;
using Qingyun.Domain.Volunteering;
using Qingyun.Features.Indicators;
using Qingyun.Features.Organization;
using Qingyun.Features.Transfers;
using Qingyun.Features.Volunteering;
using Qingyun.Infrastructure;
using Qingyun.Tests.Infrastructure;

namespace Qingyun.Tests.Features.Indicators;

/// <summary>A fresh street with two communities, so the counts of a test are exact whatever else the fixture's database holds.</summary>
public sealed record FigTree(OrgUnit Street, OrgUnit A, OrgUnit B);

/// <summary>
/// Records the figures count, made straight in the database (through SaveChanges, so the stale marks are left as in
/// the application), and the application's own handlers where the path matters: the hours record, transfers, units.
/// </summary>
public static class FiguresKit
{
    public static string Tag() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));

    /// <summary>A China-time instant on a day.</summary>
    public static DateTimeOffset At(DateOnly day, int hour) =>
        new DateTimeOffset(day.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.FromHours(8)).ToUniversalTime();

    public static async Task<OrgUnit> UnitAsync(QingyunApp app, Guid parentId, string code, string name, UnitKind kind, LeagueBodyType body) =>
        await app.AsSystemAsync(async (sp, _) =>
        {
            var r = await sp.GetRequiredService<CreateUnit.Handler>().Handle(new CreateUnit.Command(parentId, code, name, kind, body), default);
            Assert.True(r.Ok, string.Join(";", r.Failures.Select(f => f.Field + ":" + f.MessageKey)));
            return r.Value!;
        });

    public static async Task<FigTree> TreeAsync(QingyunApp app, Guid? under = null)
    {
        var tag = Tag();
        var street = await UnitAsync(app, under ?? app.World.Province.Id, $"FG-{tag}", $"统计街道{tag}", UnitKind.Street, LeagueBodyType.WorkingCommittee);
        var a = await UnitAsync(app, street.Id, $"FG-{tag}-A", $"统计甲社区{tag}", UnitKind.Community, LeagueBodyType.CommunityCommittee);
        var b = await UnitAsync(app, street.Id, $"FG-{tag}-B", $"统计乙社区{tag}", UnitKind.Community, LeagueBodyType.CommunityCommittee);
        return new FigTree(street, a, b);
    }

    public static Person Person(AppDbContext db, Guid unitId, string name = "青年")
    {
        var now = DateTimeOffset.UtcNow;
        var p = new Person { UnitId = unitId, Name = name, Gender = Gender.Female, BirthDate = new DateOnly(2001, 3, 4), CreatedAt = now, UpdatedAt = now };
        db.People.Add(p);
        return p;
    }

    public static int ThisYear => DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).Year;

    /// <summary>The dashboard API's registered members of a unit this year, and whether the figures were settled.</summary>
    public static async Task<(decimal Members, bool Settled)> BoardAsync(HttpClient api, Guid unitId)
    {
        var r = await api.GetAsync($"/api/v1/figures?unitId={unitId}&year={ThisYear}");
        var body = await r.Content.ReadAsStringAsync();
        Assert.True(r.StatusCode == HttpStatusCode.OK, body);
        var board = JsonDocument.Parse(body).RootElement;
        var line = board.GetProperty("figures").EnumerateArray().Single(f => f.GetProperty("code").GetString() == Catalogue.MembersRegistered);
        return (line.GetProperty("value").GetDecimal(), board.GetProperty("settled").GetBoolean());
    }

    public static Membership Member(AppDbContext db, Guid unitId, DateOnly joinedOn, MemberStatus status = MemberStatus.Registered)
    {
        var now = DateTimeOffset.UtcNow;
        var person = Person(db, unitId, "团员");
        var m = new Membership
        {
            PersonId = person.Id, UnitId = unitId, MemberNumber = "FG" + Guid.NewGuid().ToString("N")[..24], JoinedOn = joinedOn, JoinedUnitId = unitId,
            Status = status, CreatedAt = now, UpdatedAt = now,
        };
        db.Memberships.Add(m);
        return m;
    }

    public static Volunteer Volunteer(AppDbContext db, Guid unitId, VolunteerStatus status = VolunteerStatus.Active)
    {
        var now = DateTimeOffset.UtcNow;
        var person = Person(db, unitId, "志愿者");
        var v = new Volunteer
        {
            PersonId = person.Id, UnitId = unitId, Number = VolunteerNumbers.New(now.ChinaDate()), Skills = Skill.FirstAid, Availability = Availability.Weekend,
            ServiceAreas = ServiceArea.Community, Channel = RegistrationChannel.Organization, Status = status, SensitiveConsentAt = now, RegisteredAt = now, LedgerHead = "",
        };
        db.Volunteers.Add(v);
        return v;
    }

    public static Activity Activity(AppDbContext db, Guid unitId, ActivityKind kind, DateTimeOffset startsAt, ActivityState state = ActivityState.Published,
        Guid? categoryId = null, int? headcount = null, Guid? menuItemId = null)
    {
        var a = new Activity
        {
            UnitId = unitId, Kind = kind, Title = "统计测试活动", Place = "青年之家", StartsAt = startsAt, EndsAt = startsAt.AddHours(2), State = state,
            CategoryId = categoryId, Headcount = headcount, AttendanceMode = headcount is null ? AttendanceMode.List : AttendanceMode.Headcount,
            MenuItemId = menuItemId, CreatedAt = DateTimeOffset.UtcNow,
        };
        db.Activities.Add(a);
        return a;
    }

    public static void Attend(AppDbContext db, Activity a, Guid personId) =>
        db.Participations.Add(new Participation { ActivityId = a.Id, PersonId = personId, UnitId = a.UnitId, At = a.StartsAt, Method = ParticipationMethod.List });

    public static ActivityCategory Category(AppDbContext db)
    {
        var c = new ActivityCategory { Name = "统计类别" + Tag(), NameEn = "Category " + Tag(), SortOrder = 99 };
        db.Set<ActivityCategory>().Add(c);
        return c;
    }

    public static AssistanceCase Case(AppDbContext db, Guid unitId, Guid personId, DateOnly intakeOn, DateOnly? closedOn = null)
    {
        var now = DateTimeOffset.UtcNow;
        var c = new AssistanceCase
        {
            UnitId = unitId, PersonId = personId, Programme = AssistanceProgramme.OneToOne, IntakeOn = intakeOn, ConsentOn = intakeOn, ConsentBy = "本人",
            Status = closedOn is null ? CaseStatus.Open : CaseStatus.Closed, ClosedOn = closedOn, OwnerUserId = Guid.NewGuid(), OwnerName = "个案负责人",
            CreatedAt = now, UpdatedAt = now,
        };
        db.AssistanceCases.Add(c);
        return c;
    }

    public static void Visit(AppDbContext db, AssistanceCase c, DateOnly on) =>
        db.CaseVisits.Add(new CaseVisit { CaseId = c.Id, UnitId = c.UnitId, VisitedOn = on, Form = VisitForm.Home, Minutes = 60, Done = "入户走访", ByName = "志愿者", LoggedAt = DateTimeOffset.UtcNow });

    public static CadreTerm Cadre(AppDbContext db, Guid unitId, Guid personId, CadrePost post, DateOnly startedOn, DateOnly? endedOn = null)
    {
        var now = DateTimeOffset.UtcNow;
        var t = new CadreTerm { PersonId = personId, UnitId = unitId, Post = post, Kind = CadreKind.PartTime, StartedOn = startedOn, EndedOn = endedOn, CreatedAt = now, UpdatedAt = now };
        db.CadreTerms.Add(t);
        return t;
    }

    public static async Task<ReportedIndicator> ReportedAsync(AppDbContext db, Guid unitId)
    {
        var r = new ReportedIndicator { UnitId = unitId, Name = "示范团委" + Tag(), Measure = "个", Section = SummarySection.Organization, CreatedAt = DateTimeOffset.UtcNow };
        db.ReportedIndicators.Add(r);
        await db.SaveChangesAsync();
        return r;
    }

    public static IndicatorReport Report(AppDbContext db, ReportedIndicator indicator, Guid unitId, int year, decimal value, ReportState state) =>
        db.IndicatorReports.Add(new IndicatorReport { IndicatorId = indicator.Id, UnitId = unitId, Year = year, Value = value, Note = "佐证见附件", State = state, UpdatedAt = DateTimeOffset.UtcNow }).Entity;

    /// <summary>A manual line of the hours record, through <see cref="HoursRecord"/>.</summary>
    public static Task<ServiceEntry> HoursAsync(QingyunApp app, Guid unitId, string volunteerNumber, DateOnly on, decimal hours) =>
        app.AsSystemAsync(async (sp, _) =>
        {
            var r = await sp.GetRequiredService<HoursRecord>().ManualAsync(new HoursRecord.ManualCommand(unitId, volunteerNumber, on, hours, "社区服务", "补录"), default);
            Assert.True(r.Ok, string.Join(";", r.Failures.Select(f => f.Field + ":" + f.MessageKey)));
            return r.Value!;
        });

    /// <summary>A correction: the line is reversed (and, with <paramref name="rightHours"/>, the right amount follows).</summary>
    public static Task CorrectAsync(QingyunApp app, Guid entryId, decimal? rightHours = null) =>
        app.AsSystemAsync(async (sp, _) =>
        {
            var r = await sp.GetRequiredService<HoursRecord>().CorrectAsync(entryId, "记录有误", rightHours, default);
            Assert.True(r.Ok, string.Join(";", r.Failures.Select(f => f.Field + ":" + f.MessageKey)));
            return 0;
        });

    /// <summary>A transfer started by the sender and accepted by the receiver, through <see cref="TransferSteps"/> (the set-based move).</summary>
    public static Task TransferAsync(QingyunApp app, Guid membershipId, Guid toUnitId) =>
        app.AsSystemAsync(async (sp, _) =>
        {
            var steps = sp.GetRequiredService<TransferSteps>();
            var started = await steps.StartAsync(new TransferSteps.StartCommand(membershipId, null, null, toUnitId, null, TransferReason.Relocation, null), default);
            Assert.True(started.Ok, string.Join(";", started.Failures.Select(f => f.Field + ":" + f.MessageKey)));
            var decided = await steps.DecideAsync(new TransferSteps.DecideCommand(started.Value!.Id, true, null), default);
            Assert.True(decided.Ok, string.Join(";", decided.Failures.Select(f => f.Field + ":" + f.MessageKey)));
            return 0;
        });

    public static Task MoveAsync(QingyunApp app, Guid unitId, Guid newParentId) =>
        app.AsSystemAsync(async (sp, _) =>
        {
            var r = await sp.GetRequiredService<MoveUnit.Handler>().Handle(new MoveUnit.Command(unitId, newParentId), default);
            Assert.True(r.Ok, string.Join(";", r.Failures.Select(f => f.Field + ":" + f.MessageKey)));
            return 0;
        });

    public static Task CloseAsync(QingyunApp app, Guid unitId, bool reopen = false) =>
        app.AsSystemAsync(async (sp, _) =>
        {
            var r = await sp.GetRequiredService<CloseUnit.Handler>().Handle(new CloseUnit.Command(unitId, reopen), default);
            Assert.True(r.Ok, string.Join(";", r.Failures.Select(f => f.Field + ":" + f.MessageKey)));
            return 0;
        });

    /// <summary>The figures of some units for a year, as a page reads them (pending changes refreshed first).</summary>
    public static Task<UnitFigures> ReadAsync(QingyunApp app, int year, params Guid[] units) =>
        app.AsSystemAsync((sp, _) => sp.GetRequiredService<FigureReader>().ReadAsync(units, year, default));

    /// <summary>
    /// Every difference between the stored roll-ups and a full recount: cells (Own and Total; frozen past-year stock and
    /// the "_year" row left out) and the people of distinct-person figures (Own and Refs). Empty when they agree.
    /// </summary>
    public static Task<List<string>> DifferencesAsync(QingyunApp app) =>
        app.AsSystemAsync(async (_, db) =>
        {
            var now = app.Clock.GetUtcNow();
            var full = await Rebuild.CountAsync(db, now, default);
            var stored = (await db.FigureTallies.IgnoreQueryFilters().AsNoTracking().ToListAsync())
                .Where(t => t.UnitId != Guid.Empty && !(t.Year != FigureTally.CurrentYear && Catalogue.IsStock(t.Code)))
                .ToDictionary(t => new CellKey(t.UnitId, t.Code, t.Year, t.Month, t.Key), t => (t.Own, t.Total));
            var diffs = new List<string>();
            foreach (var k in stored.Keys.Union(full.Cells.Keys))
            {
                var s = stored.GetValueOrDefault(k);
                var f = full.Cells.GetValueOrDefault(k);
                if (s.Own != f.Own || s.Total != f.Total)
                {
                    diffs.Add($"cell {k}: stored own {s.Own} total {s.Total}, recount own {f.Own} total {f.Total}");
                }
            }
            var subjects = (await db.FigureSubjects.IgnoreQueryFilters().AsNoTracking().ToListAsync())
                .ToDictionary(s => new SubjectKey(s.UnitId, s.Code, s.Year, s.SubjectId), s => (s.Own, s.Refs));
            foreach (var k in subjects.Keys.Union(full.Subjects.Keys))
            {
                var s = subjects.GetValueOrDefault(k);
                var f = full.Subjects.GetValueOrDefault(k);
                if (s != f)
                {
                    diffs.Add($"person {k}: stored own {s.Own} refs {s.Refs}, recount own {f.Own} refs {f.Refs}");
                }
            }
            return diffs;
        });
}
