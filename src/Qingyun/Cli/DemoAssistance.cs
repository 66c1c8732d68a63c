using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain.Assistance;
using Qingyun.Domain.Organization;
using Qingyun.Domain.People;
using Qingyun.Security;

namespace Qingyun.Cli;

/// <summary>
/// Seed 001's 阳光牵手 year in the demo community 青云社区: eight children, each with a fixed volunteer (陈晨 has
/// the first), an approved plan of twelve visits, a visit a month so far — two of them behind — stationery at
/// the start of term, the Women's Federation's sportswear and two 希望之星 scholarship applications.
/// The case owner is the community's League secretary (account "cadre").
/// </summary>
internal static class DemoAssistance
{
    private static readonly (string Name, string Category, CaseNeeds Needs, string Note)[] Children =
    [
        ("林小雨", "left-behind", CaseNeeds.Study | CaseNeeds.Psychological, "父母在外务工，随祖母生活，数学成绩下滑"),
        ("周子涵", "hardship", CaseNeeds.Study | CaseNeeds.Living, "单亲家庭，母亲患病，家庭收入低"),
        ("吴可欣", "left-behind", CaseNeeds.Psychological, "性格内向，与同学交往少"),
        ("郑浩然", "migrant", CaseNeeds.Study, "随父母来区务工，转学后学习跟不上"),
        ("王思琪", "disabled", CaseNeeds.Living | CaseNeeds.Health, "听力障碍，需要辅助设备和康复训练"),
        ("冯俊杰", "orphan", CaseNeeds.Study | CaseNeeds.Living | CaseNeeds.Psychological, "由叔叔抚养"),
        ("陈雅琳", "zero-employment", CaseNeeds.Study | CaseNeeds.Employment, "父母均失业，高二在读，希望了解职业方向"),
        ("褚明轩", "left-behind", CaseNeeds.Study, "父亲在外务工，母亲照顾两个孩子"),
    ];

    private static readonly string[] Done =
    [
        "辅导数学作业，讲解错题", "一起阅读课外书并交流读后感", "了解近期学习和生活情况，与家长沟通", "陪同参加青年汇周末手工活动",
        "电话了解期中考试情况，鼓励其保持作息", "到校与班主任沟通在校表现", "谈心疏导，帮助制定每周学习计划", "陪同参观科技馆",
    ];

    public static async Task SeedAsync(IServiceProvider sp, AppDbContext db, Dictionary<string, OrgUnit> byCode, Random random, DateTimeOffset now, DateOnly today)
    {
        var sensitive = sp.GetRequiredService<SensitiveData>();
        var qingyun = byCode["QY-JD01-SQ01"];
        var owner = await db.Users.FirstAsync(u => u.UserName == "cadre");
        var chen = await db.Users.Where(u => u.UserName == "volunteer").Select(u => u.PersonId).FirstAsync();
        var volunteers = await db.Volunteers.OrderBy(v => v.PersonId == chen ? 0 : 1).ThenBy(v => v.RegisteredAt).Take(Children.Length).ToListAsync();
        var personIds = volunteers.Select(v => v.PersonId).ToList();
        var names = await db.People.Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name);
        var year = today.Year;
        var start = new DateOnly(year, 1, 1);
        for (var i = 0; i < Children.Length; i++)
        {
            var (name, category, needs, note) = Children[i];
            var birth = new DateOnly(year - 9 - i % 6, 1 + i, 3 + i * 2);
            var first17 = $"990106{birth:yyyyMMdd}{410 + i:000}";
            var idNumber = first17 + IdNumber.CheckCharFor(first17);
            IdNumber.TryParse(idNumber, today, out var id, out _);
            var child = new Person
            {
                UnitId = qingyun.Id, Name = name, BirthDate = birth, Gender = id.Gender, Address = $"青云社区{3 + i}栋{101 + i * 100}室",
                Protected = true, CreatedAt = now, UpdatedAt = now,
            };
            sensitive.Protect(child, idNumber, null);
            db.People.Add(child);
            var kase = new AssistanceCase
            {
                UnitId = qingyun.Id, PersonId = child.Id, Programme = AssistanceProgramme.SunshineHand, Categories = AssistanceCase.JoinCategories([category]),
                Needs = needs, NeedsNote = note, IntakeOn = start.AddDays(-20), IntakeNote = "电话与入户走访收集需求",
                ConsentOn = start.AddDays(-20), ConsentBy = i == 5 ? "冯建国" : name[..1] + "桂兰", ConsentRelation = i == 5 ? "叔叔（监护人）" : "祖母",
                Status = CaseStatus.Active, OwnerUserId = owner.Id, OwnerName = owner.DisplayName ?? "", CreatedBy = "demo", CreatedAt = now, UpdatedAt = now,
            };
            db.AssistanceCases.Add(kase);
            var volunteer = volunteers[i % volunteers.Count];
            db.CasePairings.Add(new CasePairing { CaseId = kase.Id, UnitId = qingyun.Id, VolunteerId = volunteer.Id, StartedOn = start.AddDays(-10), ByUserName = "demo", CreatedAt = now });
            db.CaseAccess.Add(new CaseAccess { CaseId = kase.Id, PersonId = volunteer.PersonId });
            db.CasePlans.Add(new CasePlan
            {
                CaseId = kase.Id, UnitId = qingyun.Id, StartsOn = start, EndsOn = new DateOnly(year, 12, 31), VisitsPlanned = 12,
                Goals =
                [
                    new PlanGoal { Text = "每月至少走访一次，掌握学习和生活情况", TargetOn = new DateOnly(year, 12, 31) },
                    new PlanGoal { Text = "期末主要科目成绩提高", TargetOn = new DateOnly(year, 7, 10), AchievedOn = i % 3 == 0 ? new DateOnly(year, 7, 5) : null },
                    new PlanGoal { Text = "参加青年汇活动不少于6次", TargetOn = new DateOnly(year, 12, 20) },
                ],
                Resources = "文具、课外书籍；区妇联运动服；希望之星助学金申请", Measures = "志愿者固定结对，每月入户或电话走访，学期末与学校沟通",
                State = PlanState.Approved, ApprovedBy = "street", ApprovedAt = now.AddDays(-300), CreatedAt = now, UpdatedAt = now,
            });
            // A visit a month up to last month (two children missed last month), and this month's for half of them.
            for (var m = 1; m < today.Month || (m == today.Month && i % 2 == 0 && today.Day > 12); m++)
            {
                if (m == today.Month - 1 && i is 3 or 6)
                {
                    continue;
                }
                var day = new DateOnly(year, m, Math.Min(10 + random.Next(0, 15), DateTime.DaysInMonth(year, m)));
                if (day > today)
                {
                    day = today;
                }
                db.CaseVisits.Add(new CaseVisit
                {
                    CaseId = kase.Id, UnitId = qingyun.Id, VisitedOn = day, Form = m % 4 == 2 ? VisitForm.Phone : m == 6 ? VisitForm.School : VisitForm.Home,
                    Minutes = m % 4 == 2 ? 20 : 60 + random.Next(0, 4) * 15, Done = Done[(m + i) % Done.Length], Situation = m % 3 == 0 ? "情绪稳定，学习有进步" : null,
                    ResourcesGiven = m == 9 ? "开学文具一套" : null, ByPersonId = volunteer.PersonId, ByName = names.GetValueOrDefault(volunteer.PersonId, ""),
                    LoggedAt = new DateTimeOffset(day.ToDateTime(new TimeOnly(20, 0)), TimeSpan.FromHours(8)).ToUniversalTime(),
                });
            }
            db.CaseSupports.Add(new CaseSupport
            {
                CaseId = kase.Id, UnitId = qingyun.Id, Kind = SupportKind.Goods, Name = "运动服", Sponsor = "青云区妇联", Items = "运动服 1套", Amount = 120m,
                State = SupportState.Delivered, AppliedOn = new DateOnly(year, 5, 20), DeliveredOn = new DateOnly(year, 6, 1), ByUserName = "demo", CreatedAt = now,
            });
            if (i is 1 or 6)
            {
                db.CaseSupports.Add(new CaseSupport
                {
                    CaseId = kase.Id, UnitId = qingyun.Id, Kind = SupportKind.Scholarship, Name = "希望之星 1+1 助学金", Sponsor = "青云区团委", Amount = 1000m,
                    State = i == 1 ? SupportState.Delivered : SupportState.Applied, AppliedOn = new DateOnly(year, 9, 5),
                    DecidedOn = i == 1 ? new DateOnly(year, 9, 20) : null, DecidedBy = i == 1 ? "district" : null,
                    DeliveredOn = i == 1 ? new DateOnly(year, 10, 8) : null, DeliveredAmount = i == 1 ? 1000m : null, PaymentReference = i == 1 ? "QY-XWZX-2026-001" : null,
                    ByUserName = "demo", CreatedAt = now,
                });
            }
        }
        await db.SaveChangesAsync();
    }
}
