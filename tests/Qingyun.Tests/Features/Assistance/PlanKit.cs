using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qingyun.Domain.Assistance;
using Qingyun.Domain.People;
using Qingyun.Infrastructure;
using Qingyun.Security;
using Qingyun.Tests.Features.Volunteering;
using Qingyun.Tests.Infrastructure;

namespace Qingyun.Tests.Features.Assistance;

public sealed record TestCase(Guid Id, Guid PersonId, string Name, string IdNumber);

/// <summary>Cases for the plan and support tests, made directly in the database as the intake would leave them.</summary>
public static class PlanKit
{
    public static DateOnly Today(QingyunApp app) => app.Clock.ChinaToday();

    /// <summary>This calendar year in China: the usual plan period.</summary>
    public static (DateOnly Start, DateOnly End) ThisYear(QingyunApp app) => (new DateOnly(Today(app).Year, 1, 1), new DateOnly(Today(app).Year, 12, 31));

    public static string D(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static Task<Guid> UserIdAsync(QingyunApp app, string userName) =>
        app.AsSystemAsync((_, db) => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());

    /// <summary>A protected beneficiary (a 15-year-old) and a 阳光牵手 case of community A (or <paramref name="unitId"/>), owned by <paramref name="owner"/>.</summary>
    public static async Task<TestCase> CaseAsync(QingyunApp app, string owner = World.CadreA, Guid? unitId = null, string? name = null)
    {
        var ownerId = await UserIdAsync(app, owner);
        var personName = name ?? "帮扶" + "甲乙丙丁戊己庚辛壬癸"[Random.Shared.Next(10)] + TestIds.Unique("x").Split('-')[1];
        var idNumber = TestIds.BornYearsAgo(15, Random.Shared.Next(30, 300));
        return await app.AsSystemAsync(async (sp, db) =>
        {
            var unit = unitId ?? app.World.CommunityA.Id;
            var now = DateTimeOffset.UtcNow;
            IdNumber.TryParse(idNumber, DateOnly.FromDateTime(now.UtcDateTime), out var parsed, out _);
            var person = new Person { UnitId = unit, Name = personName, Gender = parsed.Gender, BirthDate = parsed.BirthDate, Protected = true, CreatedAt = now, UpdatedAt = now };
            sp.GetRequiredService<SensitiveData>().Protect(person, idNumber, null);
            db.People.Add(person);
            var c = new AssistanceCase
            {
                UnitId = unit, PersonId = person.Id, Programme = AssistanceProgramme.SunshineHand, Categories = AssistanceCase.JoinCategories(["left-behind", "hardship"]),
                Needs = CaseNeeds.Study | CaseNeeds.Psychological, NeedsNote = "父母在外务工，学习缺少辅导", IntakeOn = Today(app).AddDays(-60),
                ConsentOn = Today(app).AddDays(-60), ConsentBy = "祖母", ConsentRelation = "祖母", Status = CaseStatus.Active,
                OwnerUserId = ownerId, OwnerName = owner == World.CadreA ? "团干部甲" : owner, CreatedBy = "test", CreatedAt = now, UpdatedAt = now,
            };
            db.AssistanceCases.Add(c);
            await db.SaveChangesAsync();
            return new TestCase(c.Id, person.Id, personName, idNumber);
        });
    }

    /// <summary>Pairs the volunteer with the case from today, as the pairing desk would: the pairing and the access row.</summary>
    public static Task PairAsync(QingyunApp app, TestCase c, TestVolunteer v) => app.AsSystemAsync(async (_, db) =>
    {
        var unit = await db.AssistanceCases.Where(x => x.Id == c.Id).Select(x => x.UnitId).SingleAsync();
        db.CasePairings.Add(new CasePairing { CaseId = c.Id, UnitId = unit, VolunteerId = v.Id, StartedOn = Today(app), ByUserName = "test", CreatedAt = DateTimeOffset.UtcNow });
        db.CaseAccess.Add(new CaseAccess { CaseId = c.Id, PersonId = v.PersonId });
        await db.SaveChangesAsync();
        return 0;
    });

    public static Task AddVisitAsync(QingyunApp app, TestCase c, DateOnly on) => app.AsSystemAsync(async (_, db) =>
    {
        var unit = await db.AssistanceCases.Where(x => x.Id == c.Id).Select(x => x.UnitId).SingleAsync();
        db.CaseVisits.Add(new CaseVisit { CaseId = c.Id, UnitId = unit, VisitedOn = on, Form = VisitForm.Home, Minutes = 60, Done = "入户走访，辅导作业", ByName = "test", LoggedAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync();
        return 0;
    });

    /// <summary>A plan body for this year: 12 visits, two goals inside the year.</summary>
    public static object YearPlan(QingyunApp app, int visits = 12, object[]? goals = null, DateOnly? start = null, DateOnly? end = null)
    {
        var (s, e) = ThisYear(app);
        return new
        {
            startsOn = D(start ?? s), endsOn = D(end ?? e), visitsPlanned = visits,
            goals = goals ?? [new { text = "数学成绩提高到及格线以上", targetOn = D(new DateOnly(s.Year, 6, 30)) }, new { text = "每周与父母视频通话一次", targetOn = D(new DateOnly(s.Year, 12, 31)) }],
            resources = "学习用品一套；申请希望之星助学金", measures = "每月入户走访一次，每周电话联系",
        };
    }

    /// <summary>A PDF's text string as PDF writers put non-ASCII metadata: UTF-16BE with a byte-order mark, in hex.</summary>
    public static string PdfHexString(string s) => "FEFF" + Convert.ToHexString(Encoding.BigEndianUnicode.GetBytes(s));
}
