using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain.Documents;
using Qingyun.Domain.Notices;
using Qingyun.Domain.Organization;
using Qingyun.Domain.People;
using Qingyun.Domain.Rosters;
using Qingyun.Features.Notices;
using Qingyun.Infrastructure;
using Qingyun.Security;
using SkiaSharp;

namespace Qingyun.Cli;

/// <summary>
/// The demo district's roster work in progress, so every workflow has something to open: 青云社区's
/// recruitment cases at each step, transfers waiting for an answer (one across streets), this year's
/// review rounds and two recommendations to the Party.
/// </summary>
internal static class DemoWorkflows
{
    public static async Task SeedAsync(AppDbContext db, SensitiveData sensitive, Dictionary<string, OrgUnit> byCode, Random random, DateTimeOffset now, DateOnly today)
    {
        var qingyun = byCode["QY-JD01-SQ01"];
        var chaoyang = byCode["QY-JD01-SQ02"];
        var street = byCode["QY-JD01"];

        // Recruitment: four young people of 青云社区 at different steps.
        (string Name, int Age, RecruitStage Stage, int AppliedDaysAgo)[] recruits =
        [
            ("林若曦", 16, RecruitStage.Applied, 12), ("周子涵", 17, RecruitStage.Activist, 160),
            ("何嘉怡", 18, RecruitStage.Candidate, 200), ("罗一鸣", 19, RecruitStage.Proposed, 240),
        ];
        foreach (var (name, age, stage, appliedDaysAgo) in recruits)
        {
            var birth = today.AddYears(-age).AddDays(-random.Next(10, 300));
            var first17 = $"990106{birth:yyyyMMdd}{random.Next(0, 1000):000}";
            var person = new Person
            {
                UnitId = qingyun.Id, Name = name, BirthDate = birth, Ethnicity = "汉族", PoliticalStatus = PoliticalStatus.Masses,
                Education = Education.SeniorHigh, Workplace = "青云中学", CreatedAt = now, UpdatedAt = now,
            };
            var idNumber = first17 + IdNumber.CheckCharFor(first17);
            sensitive.Protect(person, idNumber, $"13{random.Next(0, 1_000_000_000):000000000}");
            IdNumber.TryParse(idNumber, today, out var id, out _);
            person.Gender = id.Gender;
            db.People.Add(person);
            var applied = today.AddDays(-appliedDaysAgo);
            var r = new Recruit { PersonId = person.Id, UnitId = qingyun.Id, AppliedOn = applied, CreatedAt = now, UpdatedAt = now };
            db.Recruits.Add(r);
            Step(RecruitStage.Applied, applied, "入团申请书");
            if (stage >= RecruitStage.Activist)
            {
                r.ActivistOn = applied.AddDays(20);
                Step(RecruitStage.Activist, r.ActivistOn.Value, "入团积极分子推荐表");
                var classes = stage == RecruitStage.Activist ? 5 : 8;
                for (var c = 0; c < classes; c++)
                {
                    db.RecruitClasses.Add(new RecruitClass
                    {
                        RecruitId = r.Id, UnitId = qingyun.Id, On = r.ActivistOn.Value.AddDays(10 + c * 12), Hours = 2, ByUserName = "demo", At = now,
                        Topic = ClassTopics[c % ClassTopics.Length],
                    });
                }
            }
            if (stage >= RecruitStage.Candidate)
            {
                r.CandidateOn = r.ActivistOn!.Value.AddDays(100);
                Step(RecruitStage.Candidate, r.CandidateOn.Value, "发展对象考察材料");
            }
            if (stage >= RecruitStage.Proposed)
            {
                r.MeetingOn = r.CandidateOn!.Value.AddDays(20);
                Step(RecruitStage.Proposed, r.MeetingOn.Value, "入团志愿书");
                db.Tell(street.Id, NoticeKind.AdmissionProposed, $"/recruits/{r.Id}", now, name, qingyun.Name);
            }
            r.Stage = stage;

            void Step(RecruitStage s, DateOnly on, string form)
            {
                var document = Document(qingyun.Id, $"{name}-{form}.pdf", form, name, now);
                db.Documents.Add(document);
                db.RecruitSteps.Add(new RecruitStep { RecruitId = r.Id, UnitId = qingyun.Id, Stage = s, On = on, DocumentId = document.Id, ByUserName = "cadre", At = now });
            }
        }

        // Transfers: one inside 青云街道 waiting for 青云社区, one to another street waiting for the district.
        var movers = await db.Memberships.Where(m => m.UnitId == chaoyang.Id || m.UnitId == byCode["QY-JD01-SQ03"].Id)
            .Join(db.People, m => m.PersonId, p => p.Id, (m, p) => new { m, p.Name }).OrderBy(x => x.m.MemberNumber).Take(6).ToListAsync();
        if (movers.Count >= 2)
        {
            Transfer(movers[0].m, movers[0].Name, qingyun, TransferReason.Employment, TransferState.Pending, "在青云科技有限公司就业", 3);
            var other = byCode["QY-JD02-SQ01"];
            Transfer(movers[1].m, movers[1].Name, other, TransferReason.FurtherStudy, TransferState.AwaitingAncestor, null, 2);
        }

        void Transfer(Membership m, string name, OrgUnit to, TransferReason reason, TransferState state, string? note, int daysAgo)
        {
            var from = byCode.Values.First(u => u.Id == m.UnitId);
            var ancestor = byCode.Values.First(u => u.Path == UpperLevel.CommonAncestorPath(from.Path, to.Path));
            var at = now.AddDays(-daysAgo);
            var t = new Transfer
            {
                MembershipId = m.Id, UnitId = from.Id, ToUnitId = to.Id, AncestorUnitId = ancestor.Id, MemberName = name, MemberNumber = m.MemberNumber,
                FromUnitName = from.Name, ToUnitName = to.Name, Reason = reason, Note = note, StartedBy = TransferSide.Sender, StartedByUserName = "cadre2",
                State = state, StartedAt = at, DueAt = at.AddDays(Domain.Rosters.Transfer.DefaultLapseDays),
            };
            db.Transfers.Add(t);
            db.Tell(state == TransferState.Pending ? to.Id : ancestor.Id, NoticeKind.TransferRequested, $"/transfers/{t.Id}", at, name, from.Name, to.Name);
        }

        // This year's review: 青云社区 is grading, 朝阳社区 has submitted to the street.
        foreach (var (unit, submitted) in new[] { (qingyun, false), (chaoyang, true) })
        {
            var members = await db.Memberships.Where(m => m.UnitId == unit.Id && m.Status == MemberStatus.Registered).Select(m => m.Id).ToListAsync();
            if (members.Count == 0)
            {
                continue;
            }
            var round = new ReviewRound
            {
                UnitId = unit.Id, Year = today.Year, OpenedAt = now.AddDays(-14), OpenedByUserName = "demo",
                MeetingOn = submitted ? today.AddDays(-7) : null, State = submitted ? ReviewState.Submitted : ReviewState.Open, SubmittedAt = submitted ? now.AddDays(-6) : null,
            };
            db.ReviewRounds.Add(round);
            var excellent = ReviewRound.MaxExcellent(members.Count);
            for (var i = 0; i < members.Count; i++)
            {
                db.ReviewEntries.Add(new ReviewEntry
                {
                    RoundId = round.Id, UnitId = unit.Id, MembershipId = members[i], Present = submitted ? i % 8 != 7 : false,
                    Grade = !submitted ? null : i < excellent ? ReviewGrade.Excellent : i % 13 == 12 ? ReviewGrade.BasicallyQualified : ReviewGrade.Qualified,
                });
            }
            if (submitted)
            {
                db.Tell(street.Id, NoticeKind.ReviewSubmitted, $"/reviews/{round.Id}", now.AddDays(-6), unit.Name, today.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        // Recommendations to the Party: one approved (its form prints), one waiting for the street.
        var seniors = await db.Memberships.Where(m => m.UnitId == qingyun.Id && m.Status == MemberStatus.Registered)
            .Join(db.People, m => m.PersonId, p => p.Id, (m, p) => new { m, p.Name, p.BirthDate }).ToListAsync();
        var adults = seniors.Where(x => x.BirthDate.AddYears(Recommendation.MinAge + 2) <= today).Take(2).ToList();
        for (var i = 0; i < adults.Count; i++)
        {
            var approved = i == 0;
            var minutes = Document(qingyun.Id, $"{adults[i].Name}-推优支部大会记录.pdf", "推优支部大会记录", adults[i].Name, now);
            db.Documents.Add(minutes);
            var rec = new Recommendation
            {
                MembershipId = adults[i].m.Id, UnitId = qingyun.Id, NominatedOn = today.AddDays(-40 + i * 10), Reason = approved
                    ? "该同志思想进步，积极参加社区志愿服务，带头开展“青年夜校”活动，在团员教育评议中被评为优秀。"
                    : "该同志工作认真负责，在社区防汛志愿服务中表现突出，群众评价好。",
                State = approved ? RecommendationState.Approved : RecommendationState.MeetingHeld, MeetingOn = today.AddDays(-30 + i * 10),
                MembersTotal = 24, MembersPresent = 21, VotesFor = 20, MeetingDocumentId = minutes.Id, NominatedByUserName = "cadre",
                ApprovedOn = approved ? today.AddDays(-20) : null, ApprovedByUserName = approved ? "street" : null,
                ValidUntil = approved ? today.AddDays(-20).AddMonths(Recommendation.DefaultValidMonths).AddDays(-1) : null,
                PartyOrganization = approved ? "青云社区党委" : null, CreatedAt = now, UpdatedAt = now,
            };
            db.Recommendations.Add(rec);
            if (!approved)
            {
                db.Tell(street.Id, NoticeKind.RecommendationSubmitted, $"/recommendations/{rec.Id}", now, adults[i].Name, qingyun.Name);
            }
        }
        await db.SaveChangesAsync();
    }

    /// <summary>赵小雨, the demo "youth" account's own person: a member of 青云社区 who can ask to transfer.</summary>
    public static async Task<Guid> YouthMemberAsync(AppDbContext db, SensitiveData sensitive, OrgUnit unit, DateTimeOffset now, DateOnly today)
    {
        var birth = today.AddYears(-23).AddDays(-47);
        var first17 = $"990106{birth:yyyyMMdd}628";
        var idNumber = first17 + IdNumber.CheckCharFor(first17);
        IdNumber.TryParse(idNumber, today, out var id, out _);
        var person = new Person
        {
            UnitId = unit.Id, Name = "赵小雨", BirthDate = birth, Gender = id.Gender, Ethnicity = "汉族", PoliticalStatus = PoliticalStatus.LeagueMember,
            Education = Education.Bachelor, Workplace = "青云科技有限公司", CreatedAt = now, UpdatedAt = now,
        };
        sensitive.Protect(person, idNumber, "13700137000");
        db.People.Add(person);
        var joined = birth.AddYears(15).AddDays(120);
        var membership = new Membership
        {
            PersonId = person.Id, UnitId = unit.Id, MemberNumber = $"QY{joined:yyyy}90001", JoinedOn = joined, JoinedUnitId = unit.Id, JoinedUnitName = unit.Name,
            RegisteredYear = today.Year - 1, CreatedAt = now, UpdatedAt = now,
        };
        db.Memberships.Add(membership);
        db.MembershipEvents.Add(new MembershipEvent
        {
            MembershipId = membership.Id, UnitId = unit.Id, Kind = MembershipEventKind.Joined, After = $"{unit.Name} · {membership.MemberNumber}", ByUserName = "demo", At = now,
        });
        await db.SaveChangesAsync();
        return person.Id;
    }

    private static readonly string[] ClassTopics =
        ["团的性质和宗旨", "团的光荣历史", "团章学习", "新时代青年的使命担当", "团员的权利和义务", "团的组织原则", "志愿服务精神", "入团誓词解读"];

    /// <summary>A one-page stand-in for a scanned signed form, so the demo's document links open a real PDF.</summary>
    internal static Document Document(Guid unitId, string fileName, string title, string name, DateTimeOffset now)
    {
        using var output = new MemoryStream();
        using (var pdf = SKDocument.CreatePdf(output))
        {
            var canvas = pdf.BeginPage(595, 842);
            using var typeface = ChinesePdf.Typeface() ?? SKTypeface.Default;
            using var big = new SKFont(typeface, 22);
            using var small = new SKFont(typeface, 12);
            using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
            canvas.DrawText(title, 297, 120, SKTextAlign.Center, big, ink);
            canvas.DrawText(name, 297, 170, SKTextAlign.Center, small, ink);
            canvas.DrawText("（演示数据：签字表格扫描件）", 297, 200, SKTextAlign.Center, small, ink);
            pdf.EndPage();
            pdf.Close();
        }
        var bytes = output.ToArray();
        return new Document
        {
            UnitId = unitId, FileName = fileName, Length = bytes.Length, Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            Content = bytes, UploadedBy = "demo", UploadedAt = now,
        };
    }
}
