using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain.Cadres;
using Qingyun.Domain.Direct;
using Qingyun.Domain.Organization;
using Qingyun.Domain.People;
using Qingyun.Security;

namespace Qingyun.Cli;

/// <summary>
/// 1+100 in 青云社区 through a year: the demo cadre account (张敏) is the community secretary, with a post quota of 100
/// and some 80 young people bound since last year — the community's own people and young residents registered for
/// it — reached by a monthly group message, calls, quarterly meetings, activities and home visits; this quarter is
/// under way, so some are not reached yet. The street's full-time secretary answers for a few of the same young
/// people one level up, and the demo youth account (赵小雨) is among them.
/// </summary>
internal static class DemoDirect
{
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭", "林", "何", "高", "罗", "郑"];
    private static readonly string[] Given = ["子轩", "雨桐", "浩宇", "欣然", "梓涵", "思远", "佳琪", "俊熙", "诗涵", "宇轩", "可馨", "博涛", "语嫣", "明轩", "雅静", "天翊", "若彤", "家豪", "梦琪", "晨阳"];

    private static readonly string[] MeetingNotes = ["青年座谈会：就业与租房", "季度青年议事会", "社区青年恳谈会"];
    private static readonly string[] ActivityNotes = ["社区志愿服务日", "青年汇周末运动会", "防诈骗宣传活动", "端午包粽子活动"];
    private static readonly string[] VisitNotes = ["上门走访，了解求职情况", "面对面交流，推荐技能培训", "走访了解家庭情况", "谈心谈话，鼓励参加社区活动"];
    private static readonly string[] CallNotes = ["电话了解近况", "电话通知青年夜校报名", "电话回访活动感受"];

    public static async Task SeedAsync(IServiceProvider sp, AppDbContext db, Dictionary<string, OrgUnit> byCode, Random random, DateTimeOffset now, DateOnly today)
    {
        var sensitive = sp.GetRequiredService<SensitiveData>();
        var community = byCode["QY-JD01-SQ01"];
        var street = byCode["QY-JD01"];
        var secretary = await db.CadreTerms.FirstOrDefaultAsync(t => t.UnitId == community.Id && t.Post == CadrePost.Secretary && t.EndedOn == null);
        if (secretary is null || await db.DirectBindings.AnyAsync(b => b.CadreTermId == secretary.Id))
        {
            return;
        }

        // The demo cadre account is this secretary: 张敏, whose post carries the seed's quota of 100.
        var cadrePerson = await db.People.FirstAsync(p => p.Id == secretary.PersonId);
        cadrePerson.Name = "张敏";
        secretary.ContactQuota = 100;
        var account = await db.Users.FirstOrDefaultAsync(u => u.UserName == "cadre");
        if (account is not null && account.PersonId is null)
        {
            account.PersonId = cadrePerson.Id;
        }
        var youthAccount = await db.Users.Where(u => u.UserName == "youth").Select(u => u.PersonId).FirstOrDefaultAsync();

        // The community's own young people, then young residents registered for 1+100.
        var cadreIds = await db.CadreTerms.Select(t => t.PersonId).Distinct().ToListAsync();
        var youth = await db.People.Where(p => p.UnitId == community.Id && !cadreIds.Contains(p.Id) && p.BirthDate > today.AddYears(-36))
            .OrderBy(p => p.Id).Select(p => p.Id).ToListAsync();
        if (youthAccount is { } y && !youth.Contains(y))
        {
            youth.Insert(0, y);
        }
        for (var i = 0; youth.Count < 80; i++)
        {
            var birth = today.AddDays(-random.Next(16 * 365, 34 * 365));
            var first17 = $"990108{birth:yyyyMMdd}{i:000}";
            var idNumber = first17 + IdNumber.CheckCharFor(first17);
            IdNumber.TryParse(idNumber, today, out var id, out _);
            var person = new Person
            {
                UnitId = community.Id, Name = Surnames[random.Next(Surnames.Length)] + Given[random.Next(Given.Length)], Gender = id.Gender, BirthDate = birth,
                Ethnicity = "汉族", PoliticalStatus = birth > today.AddYears(-28) && random.Next(3) == 0 ? PoliticalStatus.LeagueMember : PoliticalStatus.Masses,
                Address = $"青云社区{random.Next(1, 30)}号", CreatedAt = now, UpdatedAt = now,
            };
            sensitive.Protect(person, idNumber, $"135900{i:00000}");
            db.People.Add(person);
            youth.Add(person.Id);
        }

        // Bindings since the spring of last year, a few ended when people moved away.
        var start = new DateOnly(today.Year - 1, 3, 1);
        var bound = new List<(Guid Youth, DateOnly On)>();
        foreach (var (personId, i) in youth.Select((p, i) => (p, i)))
        {
            var on = start.AddDays(random.Next(0, Math.Max(1, today.DayNumber - start.DayNumber - 60)));
            var binding = new DirectBinding
            {
                UnitId = community.Id, CadreTermId = secretary.Id, CadrePersonId = secretary.PersonId, YouthPersonId = personId, Level = community.Depth,
                BoundOn = on, ByUserName = "demo", CreatedAt = now,
            };
            if (i % 27 == 26)
            {
                binding.EndedOn = on.AddDays(random.Next(30, Math.Max(31, today.DayNumber - on.DayNumber)));
                binding.EndNote = "搬离本社区";
                if (binding.EndedOn > today)
                {
                    binding.EndedOn = today;
                }
            }
            else
            {
                bound.Add((personId, on));
            }
            db.DirectBindings.Add(binding);
        }

        // A year of contacts: a monthly group message, a few calls and visits a month, a meeting and an activity a quarter.
        void Contact(CadreTerm term, OrgUnit unit, DateOnly on, ContactChannel channel, string? note, IEnumerable<Guid> who)
        {
            var list = who.Distinct().ToList();
            if (list.Count == 0 || on > today)
            {
                return;
            }
            var c = new DirectContact { UnitId = unit.Id, CadreTermId = term.Id, CadrePersonId = term.PersonId, On = on, Channel = channel, Note = note, ByUserName = "demo", CreatedAt = now };
            db.DirectContacts.Add(c);
            foreach (var p in list)
            {
                db.DirectContactYouth.Add(new DirectContactYouth { ContactId = c.Id, UnitId = unit.Id, CadrePersonId = term.PersonId, YouthPersonId = p, On = on, Channel = channel });
            }
        }

        IEnumerable<Guid> BoundBy(DateOnly day) => bound.Where(b => b.On <= day).Select(b => b.Youth);
        var quarterStart = new DateOnly(today.Year, (today.Month - 1) / 3 * 3 + 1, 1);
        for (var month = new DateOnly(today.Year - 1, today.Month, 1); month <= today; month = month.AddMonths(1))
        {
            var current = month >= quarterStart;
            Contact(secretary, community, month.AddDays(4), ContactChannel.GroupChat, "青年微信群：本月活动预告", BoundBy(month.AddDays(4)).Where(_ => random.Next(10) < (current ? 5 : 8)));
            for (var k = 0; k < 6; k++)
            {
                var day = month.AddDays(random.Next(0, 27));
                Contact(secretary, community, day, random.Next(2) == 0 ? ContactChannel.Call : ContactChannel.Message, CallNotes[random.Next(CallNotes.Length)],
                    BoundBy(day).OrderBy(_ => random.Next()).Take(random.Next(1, 4)));
            }
            for (var k = 0; k < (current ? 2 : 4); k++)
            {
                var day = month.AddDays(random.Next(0, 27));
                Contact(secretary, community, day, ContactChannel.FaceToFace, VisitNotes[random.Next(VisitNotes.Length)], BoundBy(day).OrderBy(_ => random.Next()).Take(random.Next(1, 3)));
            }
            if (month.Month % 3 == 2)
            {
                var day = month.AddDays(14);
                Contact(secretary, community, day, ContactChannel.Meeting, MeetingNotes[random.Next(MeetingNotes.Length)], BoundBy(day).OrderBy(_ => random.Next()).Take(12 + random.Next(8)));
            }
            if (month.Month % 2 == 0)
            {
                var day = month.AddDays(20);
                Contact(secretary, community, day, ContactChannel.Activity, ActivityNotes[random.Next(ActivityNotes.Length)], BoundBy(day).OrderBy(_ => random.Next()).Take(15 + random.Next(10)));
            }
        }

        // One level up: the street's full-time secretary answers for a few of the same young people.
        var streetTerm = await db.CadreTerms.FirstOrDefaultAsync(t => t.UnitId == street.Id && t.Post == CadrePost.Secretary && t.EndedOn == null);
        if (streetTerm is not null)
        {
            var mine = bound.Take(12).ToList();
            foreach (var (personId, on) in mine)
            {
                db.DirectBindings.Add(new DirectBinding
                {
                    UnitId = street.Id, CadreTermId = streetTerm.Id, CadrePersonId = streetTerm.PersonId, YouthPersonId = personId, Level = street.Depth,
                    BoundOn = on.AddDays(10), ByUserName = "demo", CreatedAt = now,
                });
            }
            for (var q = 0; q < 4; q++)
            {
                var day = today.AddMonths(-3 * q - 1);
                Contact(streetTerm, street, day, ContactChannel.Meeting, "街道青年代表座谈会", mine.Where(m => m.On.AddDays(10) <= day).Select(m => m.Youth).Take(8));
            }
        }
        await db.SaveChangesAsync();
    }
}
