using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain.Activities;
using Qingyun.Domain.Organization;
using Qingyun.Domain.People;
using Qingyun.Domain.Volunteering;
using Qingyun.Features.Volunteering;
using Qingyun.Infrastructure;
using Qingyun.Security;

namespace Qingyun.Cli;

/// <summary>
/// 青云社区's volunteer service in mid-flight, so every step has something to open: a project with a
/// past activity whose hours were confirmed (one volunteer forgot to check out; one line is disputed),
/// an activity running now that the demo volunteer can check into with the code, one tomorrow with a
/// waitlist, a draft, a team, a training course, an imported line and a certificate to verify.
/// </summary>
internal static class DemoVolunteering
{
    public const string CertificateNumber = "ZS2026QYDEMO0001";

    public static async Task SeedAsync(IServiceProvider sp, AppDbContext db, Dictionary<string, OrgUnit> byCode, Random random, DateTimeOffset now, DateOnly today)
    {
        var sensitive = sp.GetRequiredService<SensitiveData>();
        var ledger = sp.GetRequiredService<ServiceLedger>();
        var stars = sp.GetRequiredService<StarLevels>();
        var qingyun = byCode["QY-JD01-SQ01"];
        var street = byCode["QY-JD01"];

        // The demo volunteer account 陈晨 becomes a person and a volunteer.
        var birth = today.AddYears(-24).AddDays(-100);
        var first17 = $"990106{birth:yyyyMMdd}735";
        var idNumber = first17 + IdNumber.CheckCharFor(first17);
        IdNumber.TryParse(idNumber, today, out var id, out _);
        var chen = new Person
        {
            UnitId = qingyun.Id, Name = "陈晨", BirthDate = birth, Gender = id.Gender, Ethnicity = "汉族", PoliticalStatus = PoliticalStatus.LeagueMember,
            Education = Education.Bachelor, Workplace = "青云区第一小学", CreatedAt = now, UpdatedAt = now,
        };
        sensitive.Protect(chen, idNumber, "13600136000");
        db.People.Add(chen);
        var account = await db.Users.FirstAsync(u => u.UserName == "volunteer");
        account.PersonId = chen.Id;
        var volunteers = new List<(Volunteer V, Person P)> { (NewVolunteer(chen, Skill.Photography | Skill.Tutoring, now.AddDays(-60)), chen) };

        // Thirty more from the people of 青云街道, aged 18 to 40.
        var people = await db.People.Where(p => p.Id != chen.Id && db.OrgUnits.Any(u => u.Id == p.UnitId && u.Path.StartsWith(street.Path)))
            .OrderBy(p => p.Id).Take(400).ToListAsync();
        foreach (var p in people.Where(p => p.AgeOn(today) is >= 18 and <= 40).Take(30))
        {
            volunteers.Add((NewVolunteer(p, (Skill)(1 << random.Next(0, 11)), now.AddDays(-random.Next(30, 400))), p));
        }
        Volunteer NewVolunteer(Person p, Skill skills, DateTimeOffset at)
        {
            var v = new Volunteer
            {
                PersonId = p.Id, UnitId = p.UnitId, Number = VolunteerNumbers.New(at.ChinaDate()), Skills = skills,
                Availability = Availability.Weekend | Availability.Holidays, ServiceAreas = ServiceArea.Community | ServiceArea.Elderly,
                Channel = p == chen ? RegistrationChannel.Self : RegistrationChannel.Organization, SensitiveConsentAt = at, RegisteredAt = at, RegisteredBy = "demo",
            };
            db.Volunteers.Add(v);
            return v;
        }
        var team = new VolunteerTeam { UnitId = qingyun.Id, Name = "青云社区青年志愿服务队", ServiceAreas = ServiceArea.Community | ServiceArea.Elderly, LeaderName = "陈晨", CreatedAt = now.AddDays(-90) };
        db.VolunteerTeams.Add(team);
        foreach (var (v, _) in volunteers.Take(12))
        {
            db.TeamMembers.Add(new TeamMember { TeamId = team.Id, VolunteerId = v.Id, UnitId = qingyun.Id, JoinedAt = now.AddDays(-80) });
        }
        var course = new Course { UnitId = qingyun.Id, Name = "应急救护基础", Description = "心肺复苏、止血包扎，红十字会讲师授课", Minutes = 180, CreatedAt = now.AddDays(-40) };
        db.Courses.Add(course);
        var session = new TrainingSession { CourseId = course.Id, UnitId = qingyun.Id, StartsAt = At(today.AddDays(-20), 14), EndsAt = At(today.AddDays(-20), 17), Place = "青云社区党群服务中心", Teacher = "区红十字会" };
        db.TrainingSessions.Add(session);
        foreach (var (v, _) in volunteers.Take(6))
        {
            db.TrainingRecords.Add(new TrainingRecord { SessionId = session.Id, CourseId = course.Id, VolunteerId = v.Id, UnitId = qingyun.Id, Attended = true, Completed = true, Minutes = 180, RecordedAt = now, RecordedBy = "demo" });
            v.TrainingMinutes = 180;
        }

        var project = new ServiceProject
        {
            UnitId = qingyun.Id, Name = "青云社区“银龄陪伴”助老服务", Area = ServiceArea.Elderly, StartsOn = today.AddDays(-30), EndsOn = today.AddDays(90),
            Description = "为社区独居、空巢老人提供陪伴聊天、智能手机教学和助餐服务。", State = ProjectState.Published, CreatedAt = now.AddDays(-30), CreatedBy = "demo",
        };
        db.ServiceProjects.Add(project);
        Activity NewActivity(string title, DateTimeOffset starts, DateTimeOffset ends, ActivityState state) => new()
        {
            UnitId = qingyun.Id, ProjectId = project.Id, Title = title, Place = "青云社区日间照料中心", StartsAt = starts, EndsAt = ends, State = state,
            CheckInSecret = RandomNumberGenerator.GetBytes(32), ContactName = "陈晨", ContactPhone = "13600136000", CreatedAt = now.AddDays(-14), CreatedBy = "demo",
            PublishedAt = state == ActivityState.Published ? now.AddDays(-14) : null,
        };
        var past = NewActivity("智能手机教学：教老人用健康码和视频通话", At(today.AddDays(-7), 9), At(today.AddDays(-7), 12), ActivityState.Published);
        var running = NewActivity("重阳助餐：为独居老人送餐上门", now.AddMinutes(-30), now.AddMinutes(150), ActivityState.Published);
        var tomorrow = NewActivity("周末陪伴：老人活动室棋牌与读报", At(today.AddDays(1), 9), At(today.AddDays(1), 11).AddMinutes(30), ActivityState.Published);
        var draft = NewActivity("秋季健康讲座引导服务", At(today.AddDays(8), 14), At(today.AddDays(8), 16), ActivityState.Draft);
        db.Activities.AddRange(past, running, tomorrow, draft);
        var pastPosition = new Position { ActivityId = past.Id, UnitId = qingyun.Id, Name = "教学助手", Duty = "一对一帮老人操作手机", Quota = 10 };
        var runningPosition = new Position { ActivityId = running.Id, UnitId = qingyun.Id, Name = "送餐员", Duty = "按名单送餐并问候", Quota = 6 };
        var guide = new Position { ActivityId = tomorrow.Id, UnitId = qingyun.Id, Name = "活动引导", Duty = "签到引导、秩序维护", Quota = 4 };
        var medic = new Position { ActivityId = tomorrow.Id, UnitId = qingyun.Id, Name = "急救保障", Duty = "现场应急救护", Quota = 1, RequiredCourseId = course.Id };
        var photo = new Position { ActivityId = tomorrow.Id, UnitId = qingyun.Id, Name = "摄影记录", Quota = 1, RequiredSkills = Skill.Photography, NeedsApproval = true };
        var draftPosition = new Position { ActivityId = draft.Id, UnitId = qingyun.Id, Name = "会场引导", Quota = 8 };
        db.Positions.AddRange(pastPosition, runningPosition, guide, medic, photo, draftPosition);
        long sequence = 0;
        SignUp Place(Position position, Activity activity, Volunteer v, SignUpState state)
        {
            var s = new SignUp { PositionId = position.Id, ActivityId = activity.Id, VolunteerId = v.Id, UnitId = qingyun.Id, State = state, Sequence = ++sequence, SignedUpAt = activity.CreatedAt.AddDays(1) };
            db.SignUps.Add(s);
            if (state == SignUpState.Confirmed)
            {
                position.Taken++;
            }
            position.Version = sequence;
            return s;
        }
        // The past activity: eight attended, seven checked out; the eighth forgot and is flagged.
        var attended = volunteers.Take(8).ToList();
        var attendances = new List<Attendance>();
        foreach (var (v, _) in attended)
        {
            Place(pastPosition, past, v, SignUpState.Confirmed);
            var a = new Attendance
            {
                ActivityId = past.Id, PositionId = pastPosition.Id, VolunteerId = v.Id, UnitId = qingyun.Id,
                CheckedInAt = past.StartsAt.AddMinutes(-random.Next(0, 20)), CheckInMethod = CheckMethod.ActivityCode,
            };
            if (attendances.Count < 7)
            {
                a.CheckedOutAt = past.EndsAt.AddMinutes(random.Next(-20, 15));
                a.CheckOutMethod = CheckMethod.ActivityCode;
                a.Minutes = AttendanceDesk.ServiceMinutes(a.CheckedInAt, a.CheckedOutAt.Value, past);
                a.State = AttendanceState.Confirmed;
                a.DecidedAt = past.EndsAt.AddHours(3);
                a.DecidedBy = "cadre";
            }
            attendances.Add(a);
            db.Attendances.Add(a);
        }
        Place(runningPosition, running, volunteers[0].V, SignUpState.Confirmed);
        foreach (var (v, _) in volunteers.Skip(8).Take(3))
        {
            Place(runningPosition, running, v, SignUpState.Confirmed);
        }
        // Two of them came early and have just handed in their last meal: checked out, waiting for the organizer.
        foreach (var (v, _) in volunteers.Skip(8).Take(2))
        {
            var a = new Attendance
            {
                ActivityId = running.Id, PositionId = runningPosition.Id, VolunteerId = v.Id, UnitId = qingyun.Id, CheckedInAt = running.StartsAt.AddMinutes(-5),
                CheckInMethod = CheckMethod.ActivityCode, CheckedOutAt = now.AddMinutes(-5), CheckOutMethod = CheckMethod.TypedCode, State = AttendanceState.CheckedOut,
            };
            a.Minutes = AttendanceDesk.ServiceMinutes(a.CheckedInAt, a.CheckedOutAt.Value, running);
            db.Attendances.Add(a);
        }
        foreach (var (v, _) in volunteers.Skip(11).Take(6))
        {
            Place(guide, tomorrow, v, guide.Taken < guide.Quota ? SignUpState.Confirmed : SignUpState.Waitlisted);
        }
        Place(medic, tomorrow, volunteers[1].V, SignUpState.Confirmed);
        Place(photo, tomorrow, volunteers[17].V, SignUpState.Pending);
        foreach (var (v, _) in volunteers)
        {
            stars.Apply(v);
        }
        await db.SaveChangesAsync();

        // Hours reach the record only through the ledger, so the demo's record verifies.
        foreach (var a in attendances.Where(a => a.State == AttendanceState.Confirmed))
        {
            var entry = new ServiceEntry
            {
                VolunteerId = a.VolunteerId, UnitId = qingyun.Id, ActivityId = past.Id, AttendanceId = a.Id, Kind = EntryKind.Attendance, Minutes = a.Minutes,
                ServiceDate = today.AddDays(-7), Content = $"{past.Title}（{pastPosition.Name}）", RecordedBy = "cadre", RecordedAt = a.DecidedAt!.Value,
            };
            a.EntryId = entry.Id;
            await ledger.AppendAsync(db, entry, default);
        }
        await ledger.AppendAsync(db, new ServiceEntry
        {
            VolunteerId = volunteers[0].V.Id, UnitId = qingyun.Id, Kind = EntryKind.Manual, Minutes = 120, ServiceDate = today.AddDays(-12),
            Content = "社区文明实践站值守", Reason = "纸质签到表补录（系统上线前）", RecordedBy = "cadre", RecordedAt = now.AddDays(-10),
        }, default);
        // A long-serving volunteer's hours arrive from the national system, once.
        await ledger.AppendAsync(db, new ServiceEntry
        {
            VolunteerId = volunteers[2].V.Id, UnitId = street.Id, Kind = EntryKind.Imported, Minutes = 160 * 60, ServiceDate = today.AddMonths(-5),
            Content = "2025年度社区志愿服务（迁入）", RecordedBy = "demo", RecordedAt = now.AddDays(-50), Source = "全国志愿服务信息系统", ExternalId = "NVS-2025-88231",
        }, default);
        var disputed = await db.ServiceEntries.FirstAsync(e => e.VolunteerId == volunteers[3].V.Id);
        db.Disputes.Add(new Dispute
        {
            EntryId = disputed.Id, VolunteerId = volunteers[3].V.Id, UnitId = qingyun.Id, Reason = "我12点半才离开，多服务的半小时没有计入", ClaimedMinutes = disputed.Minutes + 30, OpenedAt = now.AddDays(-2),
        });
        var chenV = volunteers[0].V;
        db.Certificates.Add(new Certificate
        {
            Number = CertificateNumber, VolunteerId = chenV.Id, UnitId = qingyun.Id, HolderName = "陈晨", HolderNameMasked = "陈*", VolunteerNumber = chenV.Number,
            HolderIdMasked = chen.IdNumberMasked ?? "", Minutes = chenV.ConfirmedMinutes, EntryCount = chenV.EntryCount, FromDate = today.AddDays(-12), ToDate = today.AddDays(-7),
            Content = "参加“银龄陪伴”助老服务及社区文明实践站值守", IssuerName = qingyun.Name, PersonInCharge = "王书记", ContactPhone = "010-88886666",
            IssuedOn = today.AddDays(-1), IssuedAt = now.AddDays(-1), IssuedBy = "cadre",
        });
        await db.SaveChangesAsync();

        DateTimeOffset At(DateOnly day, int hour) =>
            new DateTimeOffset(day.ToDateTime(new TimeOnly(hour, 0)), Localization.ChinaTime.GetUtcOffset(day.ToDateTime(new TimeOnly(hour, 0)))).ToUniversalTime();
    }
}
