using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain.Building;
using Qingyun.Domain.Organization;
using Qingyun.Domain.SocialOrgs;
using Qingyun.Features.SocialOrgs;
using Qingyun.Security;

namespace Qingyun.Cli;

/// <summary>
/// The district's social-liaison work of seed 002 through a year: some twenty youth social organizations in the
/// registry (a few waiting for review, one sent back), several in incubation with support, mentors and
/// milestones, three 亲青伙伴; the evaluation method in two versions — last year's rating closed and its
/// support fund allocated by score bands, this year's under way with two experts scoring —; last year's
/// micro-venture round funded, reported on and paid, and a new round open for applications; projects and cases
/// in the libraries. The demo social-organization account (青禾公益服务中心) is one of the partners.
/// </summary>
internal static class DemoSocialOrgs
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public sealed record Reviewer(string UserName, string DisplayName);

    /// <summary>Reviewer accounts (评审专家): no role anywhere, they read only what they are invited to score.</summary>
    public static readonly Reviewer[] Reviewers = [new("expert1", "评审专家 孙立"), new("expert2", "评审专家 周岚")];

    private sealed record Org(string Name, OrgField Field, LegalStatus Legal, int Members, int Young, bool League, bool Party, IncubationStage? Stage, string Summary);

    private static readonly Org[] Orgs =
    [
        new("青禾公益服务中心", OrgField.Volunteer, LegalStatus.Registered, 46, 38, true, true, IncubationStage.Partner, "组织青年志愿者开展社区陪伴、助老和环保服务。"),
        new("青云青年社工事务所", OrgField.Professional, LegalStatus.Registered, 32, 27, true, false, IncubationStage.Partner, "为困境青少年提供个案辅导、家庭支持和学业帮扶。"),
        new("锦江读书会", OrgField.Culture, LegalStatus.Filed, 120, 95, false, false, IncubationStage.Graduated, "每月组织青年读书分享和社区阅读推广。"),
        new("白鹭飞盘俱乐部", OrgField.Sports, LegalStatus.Informal, 60, 58, false, false, IncubationStage.Incubating, "组织青年飞盘训练和周末友谊赛。"),
        new("朝阳青年剧社", OrgField.NewArts, LegalStatus.Filed, 28, 26, false, false, IncubationStage.Incubating, "排演原创话剧，进社区、进校园演出。"),
        new("桃源乡村振兴青年服务社", OrgField.Innovation, LegalStatus.Registered, 18, 15, true, true, IncubationStage.Partner, "帮助返乡青年开展电商培训和农产品推广。"),
        new("明珠心理援助志愿队", OrgField.Professional, LegalStatus.Filed, 25, 19, false, false, IncubationStage.Incubating, "提供青少年心理热线和校园心理健康讲座。"),
        new("新华青年法律服务团", OrgField.Professional, LegalStatus.Registered, 22, 18, true, false, IncubationStage.Graduated, "为青年提供劳动权益、租房等法律咨询。"),
        new("文昌青少年科创营", OrgField.Education, LegalStatus.Registered, 35, 30, false, false, IncubationStage.Contacted, "开展青少年科技创新和编程兴趣活动。"),
        new("滨河环保青年行动", OrgField.Charity, LegalStatus.Informal, 80, 76, false, false, IncubationStage.Contacted, "组织河道巡护、垃圾分类宣传。"),
        new("梧桐非遗传习社", OrgField.Culture, LegalStatus.Filed, 16, 9, false, false, null, "传承剪纸、竹编等非遗技艺。"),
        new("长乐助残青年服务队", OrgField.Charity, LegalStatus.Registered, 40, 33, false, true, null, "为残障青少年提供康复陪伴和出行帮助。"),
        new("春晖青年创业沙龙", OrgField.Innovation, LegalStatus.Informal, 55, 52, false, false, null, "青年创业者经验交流和资源对接。"),
        new("东升篮球联盟", OrgField.Sports, LegalStatus.Filed, 90, 88, false, false, null, "组织社区青年篮球联赛。"),
    ];

    private static readonly (string Group, string Name, decimal Weight, decimal Max, string Guidance, string Evidence)[] CriteriaV1 =
    [
        ("与团组织紧密度", "建立团组织或团的工作小组", 15, 10, "已建团组织10分，建立团的工作小组6分，未建0分。", "团组织成立批复或工作小组名单"),
        ("与团组织紧密度", "参与团组织活动", 10, 10, "全年参与团组织活动6次以上10分，每少1次扣2分。", "活动通知、照片"),
        ("与团组织紧密度", "向团组织报告工作", 10, 10, "每半年书面报告1次，缺1次扣5分。", "工作报告"),
        ("功能发挥", "服务青年人次", 15, 100, "按全年服务青年人次折算：1000人次以上100分。", "服务台账"),
        ("功能发挥", "项目成效", 15, 100, "看目标达成、受益对象评价和可持续性。", "项目总结、满意度调查"),
        ("功能发挥", "社会影响", 10, 10, "获得区级以上表彰或媒体报道。", "表彰文件、报道链接"),
        ("规范运行", "登记或备案", 10, 10, "依法登记10分，备案6分，未登记备案2分。", "登记证书或备案回执"),
        ("规范运行", "财务管理", 10, 10, "有独立账户和财务制度，年度收支公开。", "财务制度、年度收支表"),
        ("规范运行", "信息公开", 5, 5, "年度报告和项目信息对外公开。", "公开渠道截图"),
    ];

    public static async Task SeedAsync(IServiceProvider sp, AppDbContext db, Dictionary<string, OrgUnit> byCode, Random random, DateTimeOffset now, DateOnly today)
    {
        if (await db.SocialOrganizations.AnyAsync())
        {
            return;
        }
        var sensitive = sp.GetRequiredService<SensitiveData>();
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var clock = sp.GetRequiredService<TimeProvider>();
        var district = byCode[DemoDistrict.DistrictCode];
        var year = today.Year;

        var orgAccount = await db.Users.FirstOrDefaultAsync(u => u.UserName == "socialorg");
        var leagueUnit = byCode["QY-SZ01"];
        var orgs = new List<SocialOrganization>();
        for (var i = 0; i < Orgs.Length; i++)
        {
            var o = Orgs[i];
            var phone = $"139{random.Next(10_000_000, 99_999_999)}";
            var org = new SocialOrganization
            {
                UnitId = district.Id, Name = o.Name, Field = o.Field, LegalStatus = o.Legal, Summary = o.Summary,
                CreditCode = o.Legal == LegalStatus.Registered ? CreditCodeFor(i) : null,
                Address = $"青云区{(i % 2 == 0 ? "青云路" : "锦江大道")}{random.Next(1, 300)}号",
                FoundedOn = today.AddYears(-random.Next(1, 8)).AddDays(-random.Next(0, 300)),
                ContactName = DemoName(random), ContactPhoneCipher = sensitive.Encrypt(phone), ContactPhoneMasked = ContactPhone.Mask(phone),
                MemberCount = o.Members, YoungMemberCount = o.Young, HasLeagueBranch = o.League, HasPartyBranch = o.Party,
                LeagueUnitId = i == 0 ? leagueUnit.Id : null, Stage = o.Stage,
                Source = i == 0 ? OrgSource.SelfRegistered : OrgSource.EnteredByUnit,
                ReviewStatus = OrgReviewStatus.Approved, ReviewedBy = "district", ReviewedAt = now.AddDays(-300 + i),
                AccountUserId = i == 0 ? orgAccount?.Id : null,
                CreatedAt = now.AddDays(-320 + i), UpdatedAt = now.AddDays(-30),
            };
            orgs.Add(org);
            db.SocialOrganizations.Add(org);
        }
        // Self-registrations waiting for review, and one sent back to be completed.
        db.SocialOrganizations.AddRange(
            Pending("青云汉服文化社", OrgField.Culture, LegalStatus.Informal, OrgReviewStatus.Pending, null, sensitive, random, district.Id, now.AddDays(-3)),
            Pending("锦江青年营火志愿团", OrgField.Volunteer, LegalStatus.Filed, OrgReviewStatus.Pending, null, sensitive, random, district.Id, now.AddDays(-1)),
            Pending("幸福街舞社", OrgField.NewArts, LegalStatus.Informal, OrgReviewStatus.Rejected,
                "请补充负责人信息和近一年活动情况后重新提交", sensitive, random, district.Id, now.AddDays(-12)));

        SeedIncubation(db, orgs, district, random, now, today);
        SeedPartners(db, orgs, district, now, today);
        await db.SaveChangesAsync();

        var reviewers = await ReviewerAccountsAsync(db, users, district, now);
        var (v1, v2) = SeedSchemes(db, district, now);
        await db.SaveChangesAsync();

        // Last year's rating: closed, with its support fund split by score bands.
        var rated = orgs.Take(10).ToList();
        var lastYear = await SeedEvaluationAsync(db, district, v1, $"{year - 1}年度青年社会组织评价", year - 1, rated, reviewers, random, now.AddDays(-300), submitAll: true);
        var results = new EvaluationResults(db, clock);
        var closed = await results.CloseAsync(lastYear.Id, "district", CancellationToken.None);
        SeedAllocation(db, district, lastYear, closed.Value!, now.AddDays(-290));

        // This year's rating with the revised method: one expert done, the other halfway.
        await SeedEvaluationAsync(db, district, v2, $"{year}年度青年社会组织评价", year, orgs.Take(8).ToList(), reviewers, random, now.AddDays(-20), submitAll: false);
        await db.SaveChangesAsync();

        await SeedVenturesAsync(db, district, v1, orgs, reviewers, results, random, now, today);
        SeedLibrary(db, district, orgs, today, now);
        await db.SaveChangesAsync();
    }

    private static SocialOrganization Pending(string name, OrgField field, LegalStatus legal, OrgReviewStatus status, string? note,
        SensitiveData sensitive, Random random, Guid unitId, DateTimeOffset at)
    {
        var phone = $"137{random.Next(10_000_000, 99_999_999)}";
        return new SocialOrganization
        {
            UnitId = unitId, Name = name, Field = field, LegalStatus = legal, Summary = "青年自发组织，希望得到团组织的指导和支持。",
            ContactName = DemoName(random), ContactPhoneCipher = sensitive.Encrypt(phone), ContactPhoneMasked = ContactPhone.Mask(phone),
            MemberCount = random.Next(15, 60), YoungMemberCount = random.Next(10, 15), Source = OrgSource.SelfRegistered, ReviewStatus = status,
            ReviewNote = note, ReviewedBy = note is null ? null : "district", ReviewedAt = note is null ? null : at.AddDays(2), CreatedAt = at, UpdatedAt = at,
        };
    }

    private static void SeedIncubation(AppDbContext db, List<SocialOrganization> orgs, OrgUnit district, Random random, DateTimeOffset now, DateOnly today)
    {
        string[] mentors = ["陈静（社工师）", "刘海（财务顾问）", "王珂（律师）", "赵一帆（项目设计）"];
        foreach (var org in orgs.Where(o => o.Stage is not null))
        {
            var steps = new List<IncubationStage> { IncubationStage.Contacted };
            if (org.Stage >= IncubationStage.Incubating) steps.Add(IncubationStage.Incubating);
            if (org.Stage >= IncubationStage.Graduated) steps.Add(IncubationStage.Graduated);
            if (org.Stage == IncubationStage.Partner) steps.Add(IncubationStage.Partner);
            var day = today.AddDays(-random.Next(400, 700));
            IncubationStage? from = null;
            foreach (var stage in steps)
            {
                db.IncubationSteps.Add(new IncubationStep { OrganizationId = org.Id, From = from, To = stage, On = day, ByUserName = "district", At = now, Note = stage == IncubationStage.Incubating ? "入驻青年社会组织孵化基地" : null });
                from = stage;
                day = day.AddDays(random.Next(90, 150));
            }
            if (org.Stage >= IncubationStage.Incubating)
            {
                var start = today.AddDays(-random.Next(200, 380));
                db.IncubationSupports.AddRange(
                    new IncubationSupport { OrganizationId = org.Id, Kind = SupportKind.Space, On = start, Description = "孵化基地工位2个、活动室每周半天", ByUserName = "district", At = now },
                    new IncubationSupport { OrganizationId = org.Id, Kind = SupportKind.Training, On = start.AddDays(30), Description = "社会组织能力建设培训（项目设计、财务）", ByUserName = "district", At = now },
                    new IncubationSupport { OrganizationId = org.Id, Kind = SupportKind.Funding, On = start.AddDays(60), Description = "种子资金", Amount = 5_000m + random.Next(0, 4) * 2_500m, ByUserName = "district", At = now });
                db.IncubationMentors.Add(new IncubationMentor { OrganizationId = org.Id, Name = mentors[random.Next(mentors.Length)], Expertise = "项目设计与评估", From = start, ByUserName = "district", At = now });
                db.IncubationMilestones.AddRange(
                    new IncubationMilestone { OrganizationId = org.Id, Title = "完成章程和内部管理制度", DueOn = start.AddDays(60), AchievedOn = start.AddDays(50), ByUserName = "district", At = now },
                    new IncubationMilestone { OrganizationId = org.Id, Title = "首个服务项目落地", DueOn = start.AddDays(150), AchievedOn = org.Stage >= IncubationStage.Graduated ? start.AddDays(140) : null, ByUserName = "district", At = now },
                    new IncubationMilestone { OrganizationId = org.Id, Title = "完成登记或备案", DueOn = org.Stage >= IncubationStage.Graduated ? start.AddDays(300) : today.AddDays(-10), AchievedOn = org.Stage >= IncubationStage.Graduated ? start.AddDays(290) : null, ByUserName = "district", At = now });
            }
        }
    }

    private static void SeedPartners(AppDbContext db, List<SocialOrganization> orgs, OrgUnit district, DateTimeOffset now, DateOnly today)
    {
        foreach (var org in orgs.Where(o => o.Stage == IncubationStage.Partner))
        {
            db.Partnerships.Add(new Partnership
            {
                OrganizationId = org.Id, UnitId = district.Id, From = new DateOnly(today.Year - 1, 5, 4), Until = new DateOnly(today.Year + 1, 5, 3),
                LeagueCommitments = "优先推荐参加公益创投；提供孵化基地场地；年度评价优秀的给予扶持资金；宣传推介优秀项目。",
                OrgCommitments = "每年为辖区青年开展不少于12次服务；支持建立团的工作小组；每半年向区团委报告工作；参与团组织重大活动。",
                ByUserName = "district", CreatedAt = now.AddDays(-560),
            });
        }
        // An earlier term of the first partner that ran out, so the history shows a renewal.
        db.Partnerships.Add(new Partnership
        {
            OrganizationId = orgs[0].Id, UnitId = district.Id, From = new DateOnly(today.Year - 3, 5, 4), Until = new DateOnly(today.Year - 1, 5, 3),
            LeagueCommitments = "提供活动场地，推荐参与区级志愿服务项目。", OrgCommitments = "每年开展不少于8次青年志愿服务。",
            ByUserName = "district", CreatedAt = now.AddDays(-1290),
        });
    }

    private static async Task<List<AppUser>> ReviewerAccountsAsync(AppDbContext db, UserManager<AppUser> users, OrgUnit district, DateTimeOffset now)
    {
        var list = new List<AppUser>();
        foreach (var r in Reviewers)
        {
            var user = await db.Users.FirstOrDefaultAsync(u => u.UserName == r.UserName);
            if (user is null)
            {
                user = new AppUser { UserName = r.UserName, DisplayName = r.DisplayName, HomeUnitId = district.Id, CreatedAt = now };
                var created = await users.CreateAsync(user, DemoDistrict.Password);
                if (!created.Succeeded)
                {
                    throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
                }
            }
            list.Add(user);
        }
        return list;
    }

    private static (EvaluationScheme V1, EvaluationScheme V2) SeedSchemes(AppDbContext db, OrgUnit district, DateTimeOffset now)
    {
        var family = Guid.CreateVersion7();
        var v1 = new EvaluationScheme
        {
            UnitId = district.Id, FamilyId = family, Version = 1, Name = "青云区青年社会组织评价办法", Status = SchemeStatus.Retired,
            Description = "从与团组织紧密度、功能发挥、规范运行三方面评价，结果作为资源分配的依据。", CreatedBy = "district",
            CreatedAt = now.AddDays(-400), PublishedAt = now.AddDays(-390),
        };
        var v2 = new EvaluationScheme
        {
            UnitId = district.Id, FamilyId = family, Version = 2, Name = v1.Name, Status = SchemeStatus.Published,
            Description = v1.Description + "2026年修订：提高“服务青年人次”权重，降低“社会影响”权重。", CreatedBy = "district",
            CreatedAt = now.AddDays(-60), PublishedAt = now.AddDays(-45),
        };
        db.EvaluationSchemes.AddRange(v1, v2);
        for (var i = 0; i < CriteriaV1.Length; i++)
        {
            var c = CriteriaV1[i];
            db.EvaluationCriteria.Add(new EvaluationCriterion { SchemeId = v1.Id, Group = c.Group, Name = c.Name, Weight = c.Weight, MaxScore = c.Max, Guidance = c.Guidance, EvidenceRequired = c.Evidence, SortOrder = (i + 1) * 10 });
            var weight = c.Name switch { "服务青年人次" => 20m, "社会影响" => 5m, _ => c.Weight };
            db.EvaluationCriteria.Add(new EvaluationCriterion { SchemeId = v2.Id, Group = c.Group, Name = c.Name, Weight = weight, MaxScore = c.Max, Guidance = c.Guidance, EvidenceRequired = c.Evidence, SortOrder = (i + 1) * 10 });
        }
        return (v1, v2);
    }

    private static async Task<Evaluation> SeedEvaluationAsync(AppDbContext db, OrgUnit district, EvaluationScheme scheme, string title, int year,
        List<SocialOrganization> subjects, List<AppUser> reviewers, Random random, DateTimeOffset at, bool submitAll, Guid? roundId = null,
        IReadOnlyList<(Guid ApplicationId, Guid OrganizationId, string Label)>? applications = null)
    {
        var evaluation = new Evaluation { UnitId = district.Id, SchemeId = scheme.Id, Title = title, Year = year, RoundId = roundId, CreatedBy = "district", CreatedAt = at };
        db.Evaluations.Add(evaluation);
        foreach (var r in reviewers)
        {
            db.EvaluationReviewers.Add(new EvaluationReviewer { EvaluationId = evaluation.Id, UnitId = district.Id, UserId = r.Id, DisplayName = r.DisplayName, AddedAt = at });
        }
        var subjectRows = applications?.Select(a => new EvaluationSubject { EvaluationId = evaluation.Id, UnitId = district.Id, OrganizationId = a.OrganizationId, ApplicationId = a.ApplicationId, Label = a.Label }).ToList()
            ?? subjects.Select(o => new EvaluationSubject { EvaluationId = evaluation.Id, UnitId = district.Id, OrganizationId = o.Id, Label = o.Name }).ToList();
        db.EvaluationSubjects.AddRange(subjectRows);
        await db.SaveChangesAsync();

        var criteria = await db.EvaluationCriteria.Where(c => c.SchemeId == scheme.Id).OrderBy(c => c.SortOrder).ToListAsync();
        for (var s = 0; s < subjectRows.Count; s++)
        {
            // Stronger organizations first in the list, so the ranking reads plausibly; each expert differs a little.
            var strength = 0.95 - s * 0.045;
            for (var r = 0; r < reviewers.Count; r++)
            {
                var submitted = submitAll || r == 0 || s < subjectRows.Count / 2;
                var saved = submitted || s < subjectRows.Count / 2 + 2;
                if (!saved)
                {
                    continue;
                }
                var sheet = new ScoreSheet
                {
                    EvaluationId = evaluation.Id, SubjectId = subjectRows[s].Id, UnitId = district.Id, ReviewerUserId = reviewers[r].Id,
                    ReviewerName = reviewers[r].DisplayName, UpdatedAt = at.AddDays(5), SubmittedAt = submitted ? at.AddDays(5 + r) : null,
                    Comment = submitted ? "材料齐全，服务成效明显。" : null,
                };
                db.ScoreSheets.Add(sheet);
                foreach (var c in criteria)
                {
                    // The odd expert leaves 社会影响 blank where no evidence was given: a missing score.
                    if (c.Name == "社会影响" && r == 1 && s % 4 == 3)
                    {
                        continue;
                    }
                    var fraction = Math.Clamp(strength + (random.NextDouble() - 0.5) * 0.15, 0.3, 1.0);
                    var score = Math.Round(c.MaxScore * (decimal)fraction, c.MaxScore >= 100 ? 0 : 1, MidpointRounding.AwayFromZero);
                    db.CriterionScores.Add(new CriterionScore { SheetId = sheet.Id, CriterionId = c.Id, Score = score });
                }
            }
        }
        await db.SaveChangesAsync();
        return evaluation;
    }

    private static void SeedAllocation(AppDbContext db, OrgUnit district, Evaluation evaluation, IReadOnlyList<SubjectOutcome> results, DateTimeOffset at)
    {
        ScoreBand[] bands = [new("A档", 90m, 3), new("B档", 80m, 2), new("C档", 70m, 1)];
        var allocation = new Allocation
        {
            EvaluationId = evaluation.Id, UnitId = district.Id, Title = $"{evaluation.Year + 1}年度青年社会组织扶持资金", Budget = 200_000m,
            Bands = JsonSerializer.Serialize(bands, Json), CreatedBy = "district", CreatedAt = at,
        };
        db.Allocations.Add(allocation);
        foreach (var line in BandAllocation.Split(allocation.Budget, bands, results))
        {
            db.AllocationLines.Add(new AllocationLine
            {
                AllocationId = allocation.Id, SubjectId = line.SubjectId, Label = line.Label, Rank = line.Rank, Score = line.Score, Band = line.Band,
                Shares = line.Shares, Amount = line.Amount, RoundingAdjustment = line.RoundingAdjustment,
            });
        }
    }

    private static async Task SeedVenturesAsync(AppDbContext db, OrgUnit district, EvaluationScheme scheme, List<SocialOrganization> orgs,
        List<AppUser> reviewers, EvaluationResults results, Random random, DateTimeOffset now, DateOnly today)
    {
        var year = today.Year;
        var past = new VentureRound
        {
            UnitId = district.Id, Title = $"{year}年青云区青少年公益创投大赛", Year = year, Budget = 300_000m, MaxGrant = 50_000m, SchemeId = scheme.Id,
            Description = "围绕青少年成长、困境青少年关爱、社区青年参与三个方向，资助青年社会组织实施小额公益项目。",
            ApplyFrom = new DateOnly(year, 3, 1), ApplyUntil = new DateOnly(year, 3, 31), Status = RoundStatus.Awarded, CreatedBy = "district",
            CreatedAt = now.AddDays(-280), UpdatedAt = now.AddDays(-200),
        };
        db.VentureRounds.Add(past);
        (string Title, OrgField Field, decimal Requested)[] projects =
        [
            ("“七彩课堂”留守儿童周末陪伴计划", OrgField.Volunteer, 48_000m),
            ("困境青少年个案辅导与家庭支持", OrgField.Professional, 50_000m),
            ("返乡青年电商技能训练营", OrgField.Innovation, 45_000m),
            ("青春剧场进校园", OrgField.NewArts, 30_000m),
            ("青少年心理健康守护行动", OrgField.Professional, 40_000m),
            ("社区青年飞盘联赛", OrgField.Sports, 25_000m),
            ("青年普法微课堂", OrgField.Professional, 20_000m),
        ];
        int[] applicants = [0, 1, 5, 4, 6, 3, 7];
        var applications = new List<VentureApplication>();
        for (var i = 0; i < projects.Length; i++)
        {
            var p = projects[i];
            var a = new VentureApplication
            {
                RoundId = past.Id, UnitId = district.Id, OrganizationId = orgs[applicants[i]].Id, ProjectTitle = p.Title, Field = p.Field,
                Summary = "面向辖区青少年，每月开展服务，全年覆盖300人次以上。", Goals = "服务青少年300人次；形成可复制的服务模式；培养青年志愿者20名。",
                BudgetNote = "活动物资40%，专业人员补贴35%，宣传与评估25%。", Requested = p.Requested,
                StartOn = new DateOnly(year, 5, 1), EndOn = new DateOnly(year, 12, 31), SubmittedBy = "socialorg",
                SubmittedAt = now.AddDays(-250 + i), UpdatedAt = now.AddDays(-200),
            };
            applications.Add(a);
            db.VentureApplications.Add(a);
        }
        await db.SaveChangesAsync();

        var review = await SeedEvaluationAsync(db, district, scheme, $"{past.Title} 评审", year, [], reviewers, random, now.AddDays(-240), submitAll: true,
            roundId: past.Id, applications: applications.Select(a => (a.Id, a.OrganizationId, $"{a.ProjectTitle} — {orgs.First(o => o.Id == a.OrganizationId).Name}")).ToList());
        past.EvaluationId = review.Id;
        var ranked = (await results.CloseAsync(review.Id, "district", CancellationToken.None)).Value!;

        // Awards down the ranking within the budget and the cap; the funded projects enter the project library.
        var left = past.Budget;
        var subjects = await db.EvaluationSubjects.Where(s => s.EvaluationId == review.Id).ToDictionaryAsync(s => s.Id, s => s.ApplicationId!.Value);
        foreach (var outcome in ranked)
        {
            var a = applications.First(x => x.Id == subjects[outcome.SubjectId]);
            var award = Math.Min(Math.Min(a.Requested, past.MaxGrant), left);
            if (award < 10_000m || outcome.Rank > 5)
            {
                a.Status = ApplicationStatus.NotAwarded;
                continue;
            }
            left -= award;
            a.Status = ApplicationStatus.Awarded;
            a.Awarded = award;
            var project = new LibraryProject
            {
                UnitId = district.Id, OrganizationId = a.OrganizationId, ApplicationId = a.Id, Title = a.ProjectTitle, Field = a.Field, Goals = a.Goals,
                Budget = award, StartOn = a.StartOn, EndOn = a.EndOn, CreatedBy = "district", CreatedAt = now.AddDays(-200), UpdatedAt = now.AddDays(-200),
            };
            db.LibraryProjects.Add(project);
            a.ProjectId = project.Id;
            db.VentureDisbursements.Add(new VentureDisbursement
            {
                ApplicationId = a.Id, UnitId = district.Id, On = new DateOnly(year, 5, 10), Amount = Math.Round(award * 0.6m, 2),
                Reference = $"QYTW-{year}-{random.Next(1000, 9999)}", Note = "首期拨付60%", ByUserName = "district", At = now.AddDays(-195),
            });
            db.VentureReports.Add(new VentureReport
            {
                ApplicationId = a.Id, UnitId = district.Id, Kind = VentureReportKind.Progress,
                Body = "项目按计划推进：已开展服务8次，服务青少年162人次，招募青年志愿者14名。下一阶段将开展成果展示。",
                Spent = Math.Round(award * 0.45m, 2), Beneficiaries = 162, SubmittedAt = now.AddDays(-90), SubmittedBy = "socialorg",
                Accepted = true, ReviewNote = "进度符合计划", ReviewedBy = "district", ReviewedAt = now.AddDays(-85),
            });
        }

        // A new round open for applications now: the demo organization account can apply.
        db.VentureRounds.Add(new VentureRound
        {
            UnitId = district.Id, Title = $"{year + 1}年青云区青少年公益创投（第一批）", Year = year + 1, Budget = 400_000m, MaxGrant = 60_000m,
            SchemeId = (await db.EvaluationSchemes.Where(s => s.FamilyId == scheme.FamilyId && s.Status == SchemeStatus.Published).Select(s => s.Id).FirstAsync()),
            Description = "重点资助困境青少年关爱、青年就业创业、社区青年参与类项目。", ApplyFrom = today.AddDays(-7), ApplyUntil = today.AddDays(30),
            Status = RoundStatus.Open, CreatedBy = "district", CreatedAt = now.AddDays(-10), UpdatedAt = now.AddDays(-7),
        });
        await db.SaveChangesAsync();
    }

    private static void SeedLibrary(AppDbContext db, OrgUnit district, List<SocialOrganization> orgs, DateOnly today, DateTimeOffset now)
    {
        db.LibraryProjects.Add(new LibraryProject
        {
            UnitId = district.Id, OrganizationId = orgs[2].Id, Title = "社区青年读书会", Field = OrgField.Culture,
            Goals = "每月一次读书分享，全年吸引青年500人次参与。", Budget = 8_000m, StartOn = new DateOnly(today.Year - 1, 1, 1), EndOn = new DateOnly(today.Year - 1, 12, 31),
            Outcome = "全年举办12期，参与青年612人次，形成“青读”品牌。", CreatedBy = "district", CreatedAt = now.AddDays(-400), UpdatedAt = now.AddDays(-330),
        });
        (string Title, OrgField Field, string Summary, string Tags, int Org)[] cases =
        [
            ("从“草根”到“伙伴”：青禾公益的孵化之路", OrgField.Volunteer, "一支青年志愿者队伍如何在团组织孵化下完成登记、建立团支部并成为亲青伙伴。", "孵化、建团、志愿服务", 0),
            ("社工+志愿者：困境青少年个案帮扶模式", OrgField.Professional, "专业社工带领青年志愿者开展一对一帮扶，一年服务困境青少年36名。", "困境青少年、个案、社工", 1),
            ("返乡青年电商训练营的三个关键", OrgField.Innovation, "以“课程+实操+销售渠道”帮助返乡青年创业，参训青年开店率达40%。", "乡村振兴、创业、电商", 5),
            ("飞盘运动吸引“社区新青年”", OrgField.Sports, "用年轻人喜欢的新兴运动把新就业群体青年聚到社区。", "新兴运动、新就业群体", 3),
        ];
        foreach (var c in cases)
        {
            db.LibraryCases.Add(new LibraryCase
            {
                UnitId = district.Id, OrganizationId = orgs[c.Org].Id, Title = c.Title, Field = c.Field, Summary = c.Summary, Tags = c.Tags,
                Body = c.Summary + "\n\n一、背景\n辖区青年需求多样，传统活动吸引力不足。\n\n二、做法\n团组织牵线搭桥，提供场地和培训；组织自主设计项目，按月开展服务，建立服务台账。\n\n三、成效\n服务人次和青年参与度明显提升，项目获评区级优秀项目。\n\n四、启示\n团组织的引导和社会组织的专业力量结合，是联系服务青年的有效途径。",
                WrittenOn = today.AddDays(-60 - c.Org * 20), CreatedBy = "district", CreatedAt = now.AddDays(-60), UpdatedAt = now.AddDays(-60),
            });
        }
    }

    private static string DemoName(Random random) =>
        new[] { "王", "李", "张", "刘", "陈", "杨", "周", "吴" }[random.Next(8)] + new[] { "晓燕", "俊", "思琪", "浩", "雨晴", "磊", "佳", "一凡" }[random.Next(8)];

    /// <summary>A valid unified social credit code (GB 32100) for a social service organization (民政 52) in the demo district.</summary>
    private static string CreditCodeFor(int i)
    {
        var first17 = $"52110105MJ{i:D6}X"[..17];
        return first17 + CreditCode.CheckCharFor(first17);
    }
}
