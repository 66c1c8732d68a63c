using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain.Access;
using Qingyun.Domain.Building;
using Qingyun.Domain.Cadres;
using Qingyun.Domain.Organization;
using Qingyun.Domain.People;
using Qingyun.Domain.Rosters;
using Qingyun.Security;

namespace Qingyun.Cli;

/// <summary>
/// The demo district (青云区): a province and city above it, streets, communities, villages, branches,
/// schools, an organ, non-public enterprises, a social organization and youth hubs, a few hundred people
/// with fake but checksum-valid ID numbers, and one account per role. Safe to run twice.
/// </summary>
public static class DemoDistrict
{
    public const string Password = "Qingyun2026";
    public const string DistrictCode = "QY";

    public sealed record DemoAccount(string UserName, string DisplayName, Role Role, string UnitCode);

    public static readonly DemoAccount[] Accounts =
    [
        new("admin", "系统管理员", Role.SystemAdmin, "DEMO"),
        new("district", "区团委专干 王晓青", Role.LeagueAdmin, DistrictCode),
        new("street", "青云街道团工委 李文", Role.LeagueAdmin, "QY-JD01"),
        new("cadre", "青云社区团支部书记 张敏", Role.Cadre, "QY-JD01-SQ01"),
        new("cadre2", "朝阳社区团支部书记 刘洋", Role.Cadre, "QY-JD01-SQ02"),
        new("volunteer", "志愿者 陈晨", Role.Volunteer, "QY-JD01-SQ01"),
        new("youth", "青年 赵小雨", Role.Youth, "QY-JD01-SQ01"),
        new("socialorg", "青禾公益服务中心", Role.SocialOrg, "QY-SZ01"),
    ];

    private static readonly string[] Streets = ["青云街道", "朝阳街道", "锦江街道", "白鹭镇", "桃源镇"];
    private static readonly string[] CommunityNames = ["青云", "朝阳", "和平", "幸福", "光明", "新华", "春晖", "民安", "翠竹", "长乐", "金桂", "梧桐", "丽景", "滨河", "文昌", "永安", "东升", "西苑", "南湖", "北辰", "安居", "明珠", "红旗", "团结", "友谊"];
    private static readonly string[] Enterprises = ["青云科技有限公司", "锦江物流有限公司", "白鹭电子有限公司", "朝阳餐饮管理有限公司", "桃源农业发展有限公司", "新华软件有限公司", "明珠商贸有限公司", "长乐建筑工程有限公司", "金桂文化传媒有限公司", "滨河汽车服务有限公司", "东升机械制造有限公司", "南湖生物科技有限公司"];
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗"];
    private static readonly string[] Given = ["伟", "芳", "娜", "敏", "静", "磊", "洋", "艳", "勇", "杰", "娟", "涛", "明", "超", "秀英", "晓青", "子涵", "浩然", "雨萱", "梓轩", "欣怡", "宇航", "思彤", "俊杰", "佳怡", "一鸣", "嘉怡", "天佑", "若曦", "博文"];
    private static readonly string[] Ethnicities = ["汉族", "汉族", "汉族", "汉族", "回族", "满族", "壮族", "土家族"];

    public static async Task SeedAndPrintAsync(IServiceProvider services, TextWriter output)
    {
        using (var scope = services.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentScope>().RunAsSystem("demo");
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            if (!await db.OrgUnits.AnyAsync(u => u.Code == DistrictCode))
            {
                await SeedAsync(scope.ServiceProvider, db);
            }
        }
        var url = services.GetRequiredService<IConfiguration>()["Urls"] ?? "http://127.0.0.1:5080";
        await output.WriteLineAsync($"示范区已就绪 / Demo district ready: 青云区 ({url})");
        await output.WriteLineAsync($"示范账号（密码均为 {Password}）/ demo accounts (password {Password}):");
        foreach (var a in Accounts)
        {
            await output.WriteLineAsync($"  {a.UserName,-10} {a.Role,-12} {a.DisplayName}");
        }
        foreach (var r in DemoSocialOrgs.Reviewers)
        {
            await output.WriteLineAsync($"  {r.UserName,-10} {"Reviewer",-12} {r.DisplayName}");
        }
    }

    private static async Task SeedAsync(IServiceProvider sp, AppDbContext db)
    {
        var clock = sp.GetRequiredService<TimeProvider>();
        var sensitive = sp.GetRequiredService<SensitiveData>();
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var now = clock.GetUtcNow();
        var random = new Random(20261123);
        var units = new List<OrgUnit>();

        OrgUnit Add(OrgUnit? parent, string code, string name, UnitKind kind, LeagueBodyType body)
        {
            var id = Guid.CreateVersion7();
            var u = new OrgUnit
            {
                Id = id, ParentId = parent?.Id, Code = code, Name = name, Kind = kind, BodyType = body,
                Path = OrgUnit.PathFor(parent, id), Depth = parent is null ? 0 : parent.Depth + 1,
                RootId = parent?.RootId ?? id, SortOrder = units.Count(x => x.ParentId == parent?.Id) + 1, CreatedAt = now,
            };
            units.Add(u);
            db.OrgUnits.Add(u);
            db.OrgUnitEvents.Add(new OrgUnitEvent { UnitId = id, Kind = OrgUnitEventKind.Created, After = $"{code} {name}", At = now, ByUserName = "demo" });
            return u;
        }

        var province = await db.OrgUnits.FirstOrDefaultAsync(u => u.Code == "DEMO")
            ?? Add(null, "DEMO", "示范省团委", UnitKind.Province, LeagueBodyType.Committee);
        var city = Add(province, "DEMO-C", "示范市团委", UnitKind.City, LeagueBodyType.Committee);
        var district = Add(city, DistrictCode, "青云区团委", UnitKind.District, LeagueBodyType.Committee);
        var organ = Add(district, "QY-JG", "青云区直属机关团工委", UnitKind.Organ, LeagueBodyType.WorkingCommittee);
        Add(organ, "QY-JG-01", "区教育局团支部", UnitKind.Organ, LeagueBodyType.Branch);
        Add(organ, "QY-JG-02", "区卫健委团支部", UnitKind.Organ, LeagueBodyType.Branch);
        Add(district, "QY-XX01", "青云区第一中学团委", UnitKind.School, LeagueBodyType.Committee);
        Add(district, "QY-XX02", "青云职业技术学校团委", UnitKind.School, LeagueBodyType.Committee);
        Add(district, "QY-GQ01", "青云城投集团团委", UnitKind.PublicEnterprise, LeagueBodyType.Committee);
        Add(district, "QY-SZ01", "青禾公益服务中心团支部", UnitKind.SocialOrganization, LeagueBodyType.Branch);

        var leaves = new List<OrgUnit>();
        var community = 0;
        for (var s = 0; s < Streets.Length; s++)
        {
            var code = $"QY-JD{s + 1:00}";
            var isTown = Streets[s].EndsWith('镇');
            var street = Add(district, code, Streets[s] + "团工委", UnitKind.Street, LeagueBodyType.WorkingCommittee);
            for (var c = 0; c < 5; c++)
            {
                var name = CommunityNames[community++ % CommunityNames.Length];
                var village = isTown && c >= 3;
                var unit = Add(street, $"{code}-SQ{c + 1:00}", village ? $"{name}村团支部" : $"{name}社区综合团委",
                    village ? UnitKind.Village : UnitKind.Community, village ? LeagueBodyType.Branch : LeagueBodyType.CommunityCommittee);
                leaves.Add(unit);
            }
            Add(street, $"{code}-QNH", $"{Streets[s]}青年汇", UnitKind.Hub, LeagueBodyType.TemporaryBranch);
            for (var e = 0; e < 3 && s * 3 + e < Enterprises.Length; e++)
            {
                leaves.Add(Add(street, $"{code}-FG{e + 1:00}", Enterprises[s * 3 + e] + "团支部", UnitKind.NonPublicEnterprise, LeagueBodyType.Branch));
            }
        }
        await db.SaveChangesAsync();

        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var used = new HashSet<string>();
        for (var i = 0; i < 320; i++)
        {
            var unit = leaves[i % leaves.Count];
            var birth = today.AddDays(-random.Next(14 * 365 + 30, 35 * 365));
            string id;
            do
            {
                // Area code 99xxxx is assigned to no region, so no demo number can be a real person's.
                var first17 = $"990106{birth:yyyyMMdd}{random.Next(0, 1000):000}";
                id = first17 + IdNumber.CheckCharFor(first17);
            }
            while (!used.Add(id));
            IdNumber.TryParse(id, today, out var idNumber, out _);
            var phone = $"1{random.Next(3, 10)}{random.Next(0, 1_000_000_000):000000000}";
            var age = today.Year - birth.Year;
            var person = new Person
            {
                UnitId = unit.Id,
                Name = Surnames[random.Next(Surnames.Length)] + Given[random.Next(Given.Length)],
                Gender = idNumber.Gender,
                BirthDate = birth,
                Ethnicity = Ethnicities[random.Next(Ethnicities.Length)],
                PoliticalStatus = age <= 28 ? PoliticalStatus.LeagueMember : (random.Next(3) == 0 ? PoliticalStatus.PartyMember : PoliticalStatus.Masses),
                Education = (Education)random.Next(3, 8),
                Workplace = unit.Kind == UnitKind.NonPublicEnterprise ? unit.Name.Replace("团支部", "", StringComparison.Ordinal) : null,
                Address = $"{unit.Name.Replace("社区综合团委", "社区", StringComparison.Ordinal).Replace("团支部", "", StringComparison.Ordinal)}{random.Next(1, 30)}号",
                CreatedAt = now,
                UpdatedAt = now,
            };
            sensitive.Protect(person, id, phone);
            db.People.Add(person);
            // Most young people of League age are members of the branch they live or work in.
            if (age is >= 15 and <= 30 && random.Next(4) > 0)
            {
                var joined = birth.AddYears(14 + random.Next(0, Math.Max(1, Math.Min(age - 14, 6)))).AddDays(random.Next(0, 200));
                if (joined > today)
                {
                    joined = today.AddDays(-30);
                }
                var membership = new Membership
                {
                    PersonId = person.Id, UnitId = unit.Id, MemberNumber = $"QY{joined:yyyy}{i:00000}", JoinedOn = joined,
                    JoinedUnitId = unit.Id, JoinedUnitName = unit.Name, IsStudent = age <= 22 && random.Next(2) == 0,
                    Status = random.Next(12) == 0 ? MemberStatus.Floating : MemberStatus.Registered, CreatedAt = now, UpdatedAt = now,
                };
                db.Memberships.Add(membership);
                db.MembershipEvents.Add(new MembershipEvent
                {
                    MembershipId = membership.Id, UnitId = unit.Id, Kind = MembershipEventKind.Joined,
                    After = $"{unit.Name} · {membership.MemberNumber}", ByUserName = "demo", At = now,
                });
            }
        }
        await db.SaveChangesAsync();
        await SeedCadresAsync(db, units, now, random);

        var byCode = await db.OrgUnits.ToDictionaryAsync(u => u.Code);
        await SeedBuildingAsync(db, sensitive, byCode, random, now, today);
        await DemoWorkflows.SeedAsync(db, sensitive, byCode, random, now, today);
        var youthPerson = await DemoWorkflows.YouthMemberAsync(db, sensitive, byCode["QY-JD01-SQ01"], now, today);
        foreach (var a in Accounts)
        {
            var user = await users.FindByNameAsync(a.UserName);
            if (user is null)
            {
                user = new AppUser
                {
                    UserName = a.UserName, DisplayName = a.DisplayName, HomeUnitId = byCode[a.UnitCode].Id, CreatedAt = now,
                    PersonId = a.Role == Role.Youth ? youthPerson : null,
                };
                var created = await users.CreateAsync(user, Password);
                if (!created.Succeeded)
                {
                    throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
                }
            }
            db.Grants.Add(new Grant { UserId = user.Id, UnitId = byCode[a.UnitCode].Id, Role = a.Role, GrantedAt = now });
        }
        await db.SaveChangesAsync();
        await DemoVolunteering.SeedAsync(sp, db, byCode, random, now, today);
        await DemoHubs.SeedAsync(sp, db, byCode, random, now, today);
        await DemoDirect.SeedAsync(sp, db, byCode, random, now, today);
        await DemoAssistance.SeedAsync(sp, db, byCode, random, now, today);
        await DemoSocialOrgs.SeedAsync(sp, db, byCode, random, now, today);
        await SeedTargetsAsync(db, byCode, now, today);
        await SeedReportsAndAssessmentAsync(db, byCode, now, today);
        // The dashboards open counted: the district's records are rolled up once here, not on the first page view.
        await Features.Indicators.Rollups.RefreshAsync(db, now, default);
    }

    /// <summary>
    /// This year's targets from the district for itself and its streets (seed 004: a yearly plan full of targets); the
    /// League-building ones (<c>building.built</c>, <c>building.members</c>) are seeded with the organizations above.
    /// </summary>
    private static async Task SeedTargetsAsync(AppDbContext db, Dictionary<string, OrgUnit> byCode, DateTimeOffset now, DateOnly today)
    {
        var district = byCode["QY"];
        var streets = byCode.Values.Where(u => u.ParentId == district.Id).ToList();
        void Set(OrgUnit unit, string code, decimal value) => db.IndicatorTargets.Add(new Domain.Indicators.IndicatorTarget
        {
            UnitId = unit.Id, Year = today.Year, Code = code, Value = value, SetByUnitId = district.Id, SetBy = "admin", UpdatedAt = now,
        });
        Set(district, Features.Indicators.Catalogue.MembersNew, 40);
        Set(district, Features.Indicators.Catalogue.ServiceHours, 300 * 60);
        Set(district, Features.Indicators.Catalogue.YouthActivities, 30);
        Set(district, Features.Indicators.Catalogue.Visits, 96);
        foreach (var street in streets)
        {
            Set(street, Features.Indicators.Catalogue.ServiceHours, 100 * 60);
            Set(street, Features.Indicators.Catalogue.YouthActivities, 10);
        }
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// A hand-reported indicator of the district (示范团支部, seed 004's 示范团委-style targets) with the streets' reports
    /// in every state — one approved and counted, one waiting for the district's review, one returned with a reason, one
    /// a draft — and the district's yearly assessment of its streets, two items also counted for Party building (seed 000).
    /// </summary>
    private static async Task SeedReportsAndAssessmentAsync(AppDbContext db, Dictionary<string, OrgUnit> byCode, DateTimeOffset now, DateOnly today)
    {
        var district = byCode["QY"];
        var streets = byCode.Values.Where(u => u.ParentId == district.Id && u.Kind == UnitKind.Street).OrderBy(u => u.Code).ToList();
        var model = new Domain.Indicators.ReportedIndicator
        {
            UnitId = district.Id, Name = "示范团支部创建", Measure = "个", Section = Domain.Indicators.SummarySection.Organization,
            Description = "经区团委验收命名的“五四红旗”式示范团支部，附命名文件或验收表。", CreatedAt = now.AddDays(-60), CreatedBy = "admin",
        };
        db.ReportedIndicators.Add(model);
        var reports = new[]
        {
            (Value: 3m, State: Domain.Indicators.ReportState.Approved, Note: "青云、朝阳、和平三个社区团支部通过区团委验收。", Review: (string?)null),
            (Value: 2m, State: Domain.Indicators.ReportState.Submitted, Note: "幸福、光明社区团支部已完成创建，验收表见附件。", Review: null),
            (Value: 4m, State: Domain.Indicators.ReportState.Returned, Note: "四个团支部完成创建。", Review: "附件只有两个支部的验收表，请补齐后重新提交。"),
            (Value: 1m, State: Domain.Indicators.ReportState.Draft, Note: "", Review: null),
        };
        foreach (var (street, r) in streets.Zip(reports))
        {
            var submitted = r.State != Domain.Indicators.ReportState.Draft;
            var evidence = submitted ? DemoWorkflows.Document(street.Id, $"{street.Name}-示范团支部验收表.pdf", "示范团支部验收表", street.Name, now) : null;
            if (evidence is not null)
            {
                db.Documents.Add(evidence);
            }
            var reviewed = r.State is Domain.Indicators.ReportState.Approved or Domain.Indicators.ReportState.Returned;
            db.IndicatorReports.Add(new Domain.Indicators.IndicatorReport
            {
                IndicatorId = model.Id, UnitId = street.Id, Year = today.Year, Value = r.Value, Note = r.Note, EvidenceDocumentId = evidence?.Id,
                State = r.State, UpdatedAt = now.AddDays(-10), SubmittedBy = submitted ? "street" : null, SubmittedAt = submitted ? now.AddDays(-10) : null,
                ReviewedBy = reviewed ? "admin" : null, ReviewedAt = reviewed ? now.AddDays(-5) : null, ReviewNote = r.Review,
            });
        }

        void Target(OrgUnit unit, string code, decimal value) => db.IndicatorTargets.Add(new Domain.Indicators.IndicatorTarget
        {
            UnitId = unit.Id, Year = today.Year, Code = code, Value = value, SetByUnitId = district.Id, SetBy = "admin", UpdatedAt = now,
        });
        Target(district, model.Code, 15);
        foreach (var street in streets)
        {
            Target(street, model.Code, 3);
            Target(street, Features.Indicators.Catalogue.MembersNew, 8);
            Target(street, Features.Indicators.Catalogue.Visits, 20);
        }
        void Item(string code, decimal points, bool party) => db.AssessmentItems.Add(new Domain.Indicators.AssessmentItem
        {
            UnitId = district.Id, Year = today.Year, Code = code, Points = points, PartyTrack = party, SetBy = "admin", UpdatedAt = now,
        });
        Item(Features.Indicators.Catalogue.MembersNew, 20, party: true);
        Item(model.Code, 20, party: true);
        Item(Features.Indicators.Catalogue.ServiceHours, 25, party: false);
        Item(Features.Indicators.Catalogue.YouthActivities, 20, party: false);
        Item(Features.Indicators.Catalogue.Visits, 15, party: false);
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// Cadre teams: every community and village a 书记 and two 委员, the district and each street a 书记
    /// and a 专干, most enterprises a 书记. One community is left vacant, one is overdue for re-election,
    /// one had its secretary handed over; a few secretaries have training records.
    /// </summary>
    private static async Task SeedCadresAsync(AppDbContext db, List<OrgUnit> units, DateTimeOffset now, Random random)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var adults = db.People.Local.Where(p => p.AgeOn(today) >= 20).GroupBy(p => p.UnitId).ToDictionary(g => g.Key, g => new Queue<Person>(g));
        var terms = new List<CadreTerm>();
        CadreTerm? Appoint(OrgUnit unit, Guid takeFrom, CadrePost post, CadreKind kind, DateOnly start, int years)
        {
            if (!adults.TryGetValue(takeFrom, out var queue) || queue.Count == 0)
            {
                return null;
            }
            var term = new CadreTerm
            {
                PersonId = queue.Dequeue().Id, UnitId = unit.Id, Post = post, Kind = kind, StartedOn = start,
                PlannedEndOn = start.AddYears(years).AddDays(-1), AppointNote = "换届选举", AppointedBy = "demo", CreatedAt = now, UpdatedAt = now,
            };
            terms.Add(term);
            return term;
        }

        var communities = units.Where(u => u.Kind is UnitKind.Community or UnitKind.Village).ToList();
        var electedOn = new DateOnly(today.Year - 2, 6, 1);
        for (var i = 0; i < communities.Count; i++)
        {
            var c = communities[i];
            if (i == 4)
            {
                // 光明社区: the secretary left and no successor has been elected yet.
                var gone = Appoint(c, c.Id, CadrePost.Secretary, CadreKind.PartTime, electedOn, 5);
                if (gone is not null)
                {
                    gone.EndedOn = today.AddMonths(-2);
                    gone.EndReason = TermEndReason.Transferred;
                    gone.EndNote = "调往街道工作";
                    gone.EndedBy = "demo";
                }
            }
            else if (i == 2)
            {
                // 和平社区: elected five years ago and the re-election is late.
                Appoint(c, c.Id, CadrePost.Secretary, CadreKind.PartTime, electedOn.AddYears(-4), 5);
            }
            else if (i == 1)
            {
                // 朝阳社区: the secretary post was handed over last spring.
                var old = Appoint(c, c.Id, CadrePost.Secretary, CadreKind.PartTime, electedOn.AddYears(-3), 5);
                var on = new DateOnly(today.Year - 1, 3, 1);
                var successor = Appoint(c, c.Id, CadrePost.Secretary, CadreKind.FullTime, on, 3);
                if (old is not null && successor is not null)
                {
                    old.EndedOn = on;
                    old.EndReason = TermEndReason.HandedOver;
                    old.EndNote = successor.AppointNote = "原书记考入公务员，工作交接完成";
                    old.EndedBy = "demo";
                    successor.PredecessorTermId = old.Id;
                }
            }
            else
            {
                Appoint(c, c.Id, CadrePost.Secretary, random.Next(4) == 0 ? CadreKind.FullTime : CadreKind.PartTime, electedOn.AddDays(random.Next(0, 60)), 5);
            }
            Appoint(c, c.Id, CadrePost.CommitteeMember, CadreKind.PartTime, electedOn, 5);
            Appoint(c, c.Id, CadrePost.CommitteeMember, random.Next(3) == 0 ? CadreKind.OutsideQuota : CadreKind.PartTime, electedOn, 5);
        }
        var district = units.First(u => u.Kind == UnitKind.District);
        var streets = units.Where(u => u.Kind == UnitKind.Street).ToList();
        Appoint(district, communities[0].Id, CadrePost.Secretary, CadreKind.FullTime, new DateOnly(today.Year - 3, 1, 10), 5);
        Appoint(district, communities[3].Id, CadrePost.Officer, CadreKind.FullTime, new DateOnly(today.Year - 2, 3, 1), 5);
        foreach (var street in streets)
        {
            var first = communities.First(c => c.ParentId == street.Id);
            Appoint(street, first.Id, CadrePost.Secretary, CadreKind.FullTime, new DateOnly(today.Year - 2, 9, 1), 5);
            Appoint(street, communities.Last(c => c.ParentId == street.Id).Id, CadrePost.Officer, CadreKind.FullTime, new DateOnly(today.Year - 1, 4, 1), 5);
        }
        foreach (var enterprise in units.Where(u => u.Kind == UnitKind.NonPublicEnterprise).Where((_, i) => i % 3 != 2))
        {
            Appoint(enterprise, enterprise.Id, CadrePost.Secretary, CadreKind.PartTime, new DateOnly(today.Year - 1, 7, 1).AddDays(random.Next(0, 90)), 3);
        }
        db.CadreTerms.AddRange(terms);

        var secretaries = terms.Where(t => t.Post == CadrePost.Secretary && t.EndedOn is null).Take(8).ToList();
        (string Course, string Organizer, decimal Hours)[] courses =
        [
            ("基层团干部示范培训班", "示范市团委", 24m), ("社区团建工作专题培训", "青云区团委", 8m), ("“1+100”直接联系青年工作培训", "青云区团委", 4m),
        ];
        for (var i = 0; i < secretaries.Count; i++)
        {
            var course = courses[i % courses.Length];
            db.CadreTrainings.Add(new CadreTraining
            {
                PersonId = secretaries[i].PersonId, UnitId = secretaries[i].UnitId, Course = course.Course, Organizer = course.Organizer,
                AttendedOn = new DateOnly(today.Year - 1, 10, 12 + i), Hours = course.Hours, ByUserName = "demo", CreatedAt = now,
            });
        }
        await db.SaveChangesAsync();
    }

    private sealed record DemoOrganization(string Name, NewOrganizationKind Kind, string UnitCode, int Staff, int Young, bool Party,
        BuildingStatus Status, int BuiltYearsAgo = 0, int Month = 0, int Day = 0, string? LeagueUnitCode = null, int Members = 0);

    /// <summary>
    /// 青云街道's League building as seed 001 tells it: the district asks for 12 organizations and 66 new
    /// members this year; seven are built with 41 members so far, two were built last year, others are in
    /// contact or not yet reached. The street's communities carry their share of the target.
    /// </summary>
    private static async Task SeedBuildingAsync(AppDbContext db, SensitiveData sensitive, Dictionary<string, OrgUnit> byCode, Random random, DateTimeOffset now, DateOnly today)
    {
        const NewOrganizationKind Enterprise = NewOrganizationKind.NonPublicEnterprise;
        const NewOrganizationKind Social = NewOrganizationKind.SocialOrganization;
        DemoOrganization[] organizations =
        [
            new("青云科技有限公司", Enterprise, "QY-JD01-SQ01", 180, 120, true, BuildingStatus.Built, 0, 3, 12, "QY-JD01-FG01", 9),
            new("锦江物流有限公司", Enterprise, "QY-JD01-SQ02", 260, 150, true, BuildingStatus.Built, 0, 4, 8, "QY-JD01-FG02", 8),
            new("白鹭电子有限公司", Enterprise, "QY-JD01-SQ03", 320, 210, true, BuildingStatus.Built, 0, 5, 20, "QY-JD01-FG03", 7),
            new("朝晖物业服务有限公司", Enterprise, "QY-JD01-SQ01", 90, 45, true, BuildingStatus.Built, 0, 6, 16, null, 5),
            new("星河软件有限公司", Enterprise, "QY-JD01-SQ04", 70, 62, false, BuildingStatus.Built, 0, 7, 1, null, 6),
            new("春晖社会工作服务中心", Social, "QY-JD01-SQ02", 25, 21, true, BuildingStatus.Built, 0, 9, 10, null, 4),
            new("丽景酒店管理有限公司", Enterprise, "QY-JD01-SQ05", 110, 58, true, BuildingStatus.Built, 0, 10, 15, null, 2),
            new("和美餐饮管理有限公司", Enterprise, "QY-JD01-SQ03", 150, 96, true, BuildingStatus.Built, 1, 8, 1, null, 6),
            new("翠竹养老服务中心", Social, "QY-JD01-SQ04", 30, 12, true, BuildingStatus.Built, 1, 11, 20, null, 3),
            new("禾丰农业科技有限公司", Enterprise, "QY-JD01-SQ05", 60, 25, true, BuildingStatus.Contacting),
            new("新程教育咨询有限公司", Enterprise, "QY-JD01-SQ02", 40, 33, false, BuildingStatus.Contacting),
            new("恒信会计师事务所（普通合伙）", Enterprise, "QY-JD01-SQ01", 35, 20, true, BuildingStatus.Contacting),
            new("滨河青少年足球俱乐部", Social, "QY-JD01-SQ03", 18, 15, false, BuildingStatus.Contacting),
            new("明珠商贸有限公司", Enterprise, "QY-JD01-SQ04", 22, 8, false, BuildingStatus.NotBuilt),
            new("长乐建筑劳务有限公司", Enterprise, "QY-JD01-SQ05", 140, 40, false, BuildingStatus.NotBuilt),
            new("金桂文化传媒有限公司", Enterprise, "QY-JD01-SQ01", 28, 24, false, BuildingStatus.NotBuilt),
            new("新华软件有限公司", Enterprise, "QY-JD02-SQ01", 85, 70, true, BuildingStatus.Built, 0, 4, 26, "QY-JD02-FG03", 5),
            new("朝阳餐饮管理有限公司", Enterprise, "QY-JD02-SQ02", 120, 80, true, BuildingStatus.Built, 1, 9, 18, "QY-JD02-FG01", 4),
            new("锦江青年志愿服务社", Social, "QY-JD03-SQ01", 12, 12, false, BuildingStatus.Built, 0, 5, 4, null, 3),
        ];
        var n = 0;
        foreach (var d in organizations)
        {
            var unit = byCode[d.UnitCode];
            // Codes in the unassigned area 990106 with a valid GB 32100 check character: no real organization's.
            var first17 = (d.Kind == Enterprise ? "91990106MA" : "52990106MJ") + (1_000_000 + n++ * 7919).ToString("D7", System.Globalization.CultureInfo.InvariantCulture);
            DateOnly? builtOn = null;
            if (d.Status == BuildingStatus.Built)
            {
                var date = new DateOnly(today.Year - d.BuiltYearsAgo, d.Month, d.Day);
                builtOn = date > today ? today : date;
            }
            var phone = random.Next(3) == 0 ? $"010-6{random.Next(0, 10_000_000):0000000}" : $"13{random.Next(0, 1_000_000_000):000000000}";
            var org = new NewOrganization
            {
                UnitId = unit.Id, Kind = d.Kind, Name = d.Name, CreditCode = first17 + CreditCode.CheckCharFor(first17),
                Address = $"{unit.Name.Replace("社区综合团委", "社区", StringComparison.Ordinal)}{random.Next(1, 200)}号",
                ContactName = Surnames[random.Next(Surnames.Length)] + (d.Kind == Enterprise ? "经理" : "主任"),
                ContactPhoneCipher = sensitive.Encrypt(phone), ContactPhoneMasked = ContactPhone.Mask(phone),
                StaffCount = d.Staff, YoungStaffCount = d.Young, HasPartyOrganization = d.Party, Status = d.Status, BuiltOn = builtOn,
                LeagueUnitId = d.LeagueUnitCode is null ? null : byCode[d.LeagueUnitCode].Id, MembersAdded = d.Members, CreatedAt = now, UpdatedAt = now,
            };
            db.NewOrganizations.Add(org);
            db.NewOrganizationEvents.Add(new NewOrganizationEvent
            {
                OrganizationId = org.Id, UnitId = unit.Id, Kind = NewOrganizationEventKind.Created, After = org.Status.ToString(),
                MembersDelta = d.Members > 0 ? d.Members : null, On = builtOn ?? today, ByUserName = "demo", At = now,
            });
        }
        // The district sets each street's share, the street each community's (decision 007).
        (string Code, int Organizations, int Members)[] targets =
        [
            (DistrictCode, 40, 200), ("QY-JD01", 12, 66), ("QY-JD02", 8, 40), ("QY-JD03", 8, 40), ("QY-JD04", 6, 28), ("QY-JD05", 6, 26),
            ("QY-JD01-SQ01", 3, 15), ("QY-JD01-SQ02", 3, 15), ("QY-JD01-SQ03", 2, 12), ("QY-JD01-SQ04", 2, 12), ("QY-JD01-SQ05", 2, 12),
        ];
        foreach (var (code, organizationsTarget, members) in targets)
        {
            var unit = byCode[code];
            foreach (var (indicator, value) in new[] { (Features.Indicators.Catalogue.OrganizationsBuilt, organizationsTarget), (Features.Indicators.Catalogue.BuildingMembers, members) })
            {
                db.IndicatorTargets.Add(new Domain.Indicators.IndicatorTarget
                {
                    UnitId = unit.Id, Year = today.Year, Code = indicator, Value = value, SetByUnitId = unit.ParentId ?? unit.Id, SetBy = "demo", UpdatedAt = now,
                });
            }
        }
        await db.SaveChangesAsync();
    }
}
