using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.Documents;
using Qingyun.Domain.Notices;
using Qingyun.Domain.People;
using Qingyun.Domain.Rosters;
using Qingyun.Features.Documents;
using Qingyun.Features.Notices;
using Qingyun.Features.People;
using Qingyun.Features.Rosters;
using Qingyun.Infrastructure;
using Qingyun.Security;

namespace Qingyun.Features.Recruitment;

/// <summary>
/// 团员发展, step by step: application → activist → candidate → branch meeting (proposed) → approval by the
/// level above → member. Each step is dated, not earlier than the one before nor in the future, signed off
/// by the account taking it, and (but for the approval, which is the upper committee's own act here) proved
/// by the signed form as a PDF. Ages 14–28 hold at the application and at the branch meeting.
/// </summary>
public sealed class RecruitmentSteps(AppDbContext db, SensitiveData sensitive, SavePerson.Handler savePerson, TimeProvider clock)
{
    public sealed record ApplyCommand(PersonInput Person, DateOnly? AppliedOn, IFormFile? Form);

    public async Task<Result<Recruit>> ApplyAsync(ApplyCommand c, CancellationToken ct)
    {
        var unit = await db.UnitForAsync(c.Person.UnitId, Permission.PeopleManage, "UnitId", ct);
        if (!unit.Ok)
        {
            return Result<Recruit>.Fail(unit.Failures);
        }
        var now = clock.GetUtcNow();
        var today = now.ChinaDate();
        var failures = new List<Failure>();
        if (unit.Value!.IsClosed)
        {
            failures.Add(new Failure("UnitId", "ParentClosed", 409));
        }
        failures.AddRange(CheckDate("AppliedOn", c.AppliedOn, null, today));
        Person? existing = null;
        if (IdNumber.TryParse(c.Person.IdNumber, today, out var id, out _))
        {
            if (c.AppliedOn is { } applied)
            {
                failures.AddRange(CheckAge("AppliedOn", id.BirthDate, applied));
            }
            var index = sensitive.IdNumberIndex(id.Value);
            existing = await db.People.IgnoreQueryFilters().FirstOrDefaultAsync(p => p.IdNumberIndex == index, ct);
            if (existing is not null && !await db.People.AnyAsync(p => p.Id == existing.Id, ct))
            {
                failures.Add(new Failure("IdNumber", "PersonElsewhere", 409));
            }
            else if (existing is not null && await db.Memberships.IgnoreQueryFilters().AnyAsync(m => m.PersonId == existing.Id, ct))
            {
                failures.Add(new Failure("IdNumber", "AlreadyMember", 409));
            }
            else if (existing is not null && await db.Recruits.IgnoreQueryFilters()
                .AnyAsync(r => r.PersonId == existing.Id && r.Stage != RecruitStage.Member && r.Stage != RecruitStage.Withdrawn, ct))
            {
                failures.Add(new Failure("IdNumber", "AlreadyRecruiting", 409));
            }
        }
        if (failures.Count > 0 || c.Form is null)
        {
            var personCheck = c.Person.Check(today);
            var form = c.Form is null ? [Failure.Required("Form")] : Array.Empty<Failure>();
            return Result<Recruit>.Fail([.. personCheck.Failures, .. failures, .. form]);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var document = await StoreDocument.AcceptAsync(db, c.Form, unit.Value.Id, "Form", now, ct);
        if (!document.Ok)
        {
            return Result<Recruit>.Fail(document.Failures);
        }
        var person = await savePerson.Handle(existing?.Id, c.Person with { PoliticalStatus = existing?.PoliticalStatus ?? PoliticalStatus.Masses }, ct);
        if (!person.Ok)
        {
            db.ChangeTracker.Clear();
            return Result<Recruit>.Fail(person.Failures);
        }
        var recruit = new Recruit { PersonId = person.Value!.Id, UnitId = unit.Value.Id, AppliedOn = c.AppliedOn!.Value, CreatedAt = now, UpdatedAt = now };
        db.Recruits.Add(recruit);
        AddStep(recruit, RecruitStage.Applied, recruit.AppliedOn, document.Value, null, now);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return recruit;
    }

    public sealed record AdvanceCommand(Guid Id, RecruitStage To, DateOnly? On, IFormFile? Form, string? Note);

    /// <summary>Activist, candidate and the branch meeting: the branch's own steps.</summary>
    public async Task<Result<Recruit>> AdvanceAsync(AdvanceCommand c, CancellationToken ct)
    {
        var found = await db.OwnedAsync(db.Recruits, x => x.Id == c.Id, Permission.PeopleManage, ct);
        if (!found.Ok)
        {
            return found;
        }
        var r = found.Value!;
        var now = clock.GetUtcNow();
        var today = now.ChinaDate();
        var expected = c.To switch
        {
            RecruitStage.Activist => RecruitStage.Applied,
            RecruitStage.Candidate => RecruitStage.Activist,
            RecruitStage.Proposed => RecruitStage.Candidate,
            _ => (RecruitStage?)null,
        };
        if (expected is null)
        {
            return new Failure("To", "InvalidChoice");
        }
        if (r.Stage != expected)
        {
            return new Failure("To", "WrongStage", 409);
        }
        var failures = CheckDate("On", c.On, LastDate(r), today).ToList();
        failures.AddRange(CheckNote(c.Note));
        if (c.To == RecruitStage.Proposed && c.On is { } meeting)
        {
            // 团章: observed at least three months as an activist, eight League classes, and still under 28.
            if (r.ActivistOn!.Value.AddMonths(Recruit.ActivistMonths) > meeting)
            {
                failures.Add(new Failure("On", "ActivistTooShort", 400, Recruit.ActivistMonths, r.ActivistOn.Value.AddMonths(Recruit.ActivistMonths).ShowDate()));
            }
            var classes = await db.RecruitClasses.CountAsync(x => x.RecruitId == r.Id && x.On <= meeting, ct);
            if (classes < Recruit.RequiredClasses)
            {
                failures.Add(new Failure("On", "TooFewClasses", 400, Recruit.RequiredClasses, classes));
            }
            var birth = await db.People.Where(p => p.Id == r.PersonId).Select(p => p.BirthDate).FirstAsync(ct);
            failures.AddRange(CheckAge("On", birth, meeting));
        }
        if (c.Form is null)
        {
            failures.Add(Failure.Required("Form"));
        }
        if (failures.Count > 0)
        {
            return Result<Recruit>.Fail(failures);
        }
        var document = await StoreDocument.AcceptAsync(db, c.Form, r.UnitId, "Form", now, ct);
        if (!document.Ok)
        {
            return Result<Recruit>.Fail(document.Failures);
        }
        switch (c.To)
        {
            case RecruitStage.Activist: r.ActivistOn = c.On; break;
            case RecruitStage.Candidate: r.CandidateOn = c.On; break;
            default: r.MeetingOn = c.On; break;
        }
        r.Stage = c.To;
        r.UpdatedAt = now;
        AddStep(r, c.To, c.On!.Value, document.Value, c.Note, now);
        if (c.To == RecruitStage.Proposed)
        {
            var unit = await db.OrgUnits.FirstAsync(u => u.Id == r.UnitId, ct);
            if (unit.ParentId is { } parent)
            {
                var name = await db.People.Where(p => p.Id == r.PersonId).Select(p => p.Name).FirstAsync(ct);
                db.Tell(parent, NoticeKind.AdmissionProposed, $"/recruits/{r.Id}", now, name, unit.Name);
            }
        }
        await db.SaveChangesAsync(ct);
        return r;
    }

    public sealed record DecideCommand(Guid Id, bool Approve, DateOnly? On, string? Note);

    /// <summary>The level above approves the admission or returns it to the branch (with a reason).</summary>
    public async Task<Result<Recruit>> DecideAsync(DecideCommand c, CancellationToken ct)
    {
        var found = await db.OwnedAsync(db.Recruits, x => x.Id == c.Id, Permission.PeopleRead, ct);
        if (!found.Ok)
        {
            return found;
        }
        var r = found.Value!;
        var path = await db.OrgUnits.Where(u => u.Id == r.UnitId).Select(u => u.Path).FirstAsync(ct);
        if (!db.Scope.CanApprove(path))
        {
            return new Failure("Id", "UpperLevelOnly", 403);
        }
        if (r.Stage != RecruitStage.Proposed)
        {
            return new Failure("Approve", "WrongStage", 409);
        }
        var now = clock.GetUtcNow();
        var failures = CheckNote(c.Note).ToList();
        if (c.Approve)
        {
            failures.AddRange(CheckDate("AdmittedOn", c.On, r.MeetingOn, now.ChinaDate()));
        }
        else if (string.IsNullOrWhiteSpace(c.Note))
        {
            failures.Add(Failure.Required("Note"));
        }
        if (failures.Count > 0)
        {
            return Result<Recruit>.Fail(failures);
        }
        if (c.Approve)
        {
            r.Stage = RecruitStage.Admitted;
            r.AdmittedOn = c.On;
            AddStep(r, RecruitStage.Admitted, c.On!.Value, null, c.Note, now);
        }
        else
        {
            // Back to the branch: the meeting must be held again.
            r.Stage = RecruitStage.Candidate;
            r.MeetingOn = null;
            AddStep(r, RecruitStage.Candidate, now.ChinaDate(), null, c.Note, now);
        }
        r.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        return r;
    }

    public sealed record EnrolCommand(Guid Id, string? MemberNumber, bool IsStudent);

    /// <summary>The admitted young person joins the roster; 团龄 counts from the upper committee's approval.</summary>
    public async Task<Result<Recruit>> EnrolAsync(EnrolCommand c, CancellationToken ct)
    {
        var found = await db.OwnedAsync(db.Recruits, x => x.Id == c.Id, Permission.PeopleManage, ct);
        if (!found.Ok)
        {
            return found;
        }
        var r = found.Value!;
        if (r.Stage != RecruitStage.Admitted)
        {
            return new Failure("MemberNumber", "WrongStage", 409);
        }
        var number = (c.MemberNumber ?? "").Trim();
        var failures = MemberInput.CheckNumber(number).ToList();
        if (failures.Count == 0 && await db.Memberships.IgnoreQueryFilters().AnyAsync(m => m.MemberNumber == number, ct))
        {
            failures.Add(new Failure("MemberNumber", "DuplicateMemberNumber", 409, number));
        }
        if (await db.Memberships.IgnoreQueryFilters().AnyAsync(m => m.PersonId == r.PersonId, ct))
        {
            failures.Add(new Failure("Id", "AlreadyMember", 409));
        }
        if (failures.Count > 0)
        {
            return Result<Recruit>.Fail(failures);
        }
        var now = clock.GetUtcNow();
        var unit = await db.OrgUnits.FirstAsync(u => u.Id == r.UnitId, ct);
        var person = await db.People.FirstAsync(p => p.Id == r.PersonId, ct);
        var membership = new Membership
        {
            PersonId = r.PersonId, UnitId = r.UnitId, MemberNumber = number, JoinedOn = r.AdmittedOn!.Value,
            JoinedUnitId = unit.Id, JoinedUnitName = unit.Name, IsStudent = c.IsStudent, CreatedAt = now, UpdatedAt = now,
        };
        db.Memberships.Add(membership);
        db.MembershipEvents.Add(new MembershipEvent
        {
            MembershipId = membership.Id, UnitId = unit.Id, Kind = MembershipEventKind.Joined,
            After = $"{unit.Name} · {number}", ByUserName = db.Scope.UserName, At = now,
        });
        person.PoliticalStatus = PoliticalStatus.LeagueMember;
        person.UpdatedAt = now;
        r.Stage = RecruitStage.Member;
        r.MembershipId = membership.Id;
        r.UpdatedAt = now;
        AddStep(r, RecruitStage.Member, now.ChinaDate(), null, number, now);
        await db.SaveChangesAsync(ct);
        return r;
    }

    public sealed record ClassCommand(Guid Id, DateOnly? On, string? Topic, decimal? Hours);

    public async Task<Result<RecruitClass>> AddClassAsync(ClassCommand c, CancellationToken ct)
    {
        var found = await db.OwnedAsync(db.Recruits, x => x.Id == c.Id, Permission.PeopleManage, ct);
        if (!found.Ok)
        {
            return Result<RecruitClass>.Fail(found.Failures);
        }
        var r = found.Value!;
        if (r.Stage is not (RecruitStage.Activist or RecruitStage.Candidate))
        {
            return new Failure("Topic", "ClassesForActivists", 409);
        }
        var now = clock.GetUtcNow();
        var topic = (c.Topic ?? "").Trim();
        var failures = CheckDate("On", c.On, r.ActivistOn, now.ChinaDate()).ToList();
        if (topic.Length == 0)
        {
            failures.Add(Failure.Required("Topic"));
        }
        else if (topic.Length > RecruitClass.TopicMaxLength)
        {
            failures.Add(Failure.TooLong("Topic", RecruitClass.TopicMaxLength));
        }
        if (c.Hours is not { } hours || hours <= 0 || hours > 24)
        {
            failures.Add(new Failure("Hours", "Range", 400, 0.5, 24));
        }
        if (failures.Count > 0)
        {
            return Result<RecruitClass>.Fail(failures);
        }
        var entry = new RecruitClass { RecruitId = r.Id, UnitId = r.UnitId, On = c.On!.Value, Topic = topic, Hours = c.Hours!.Value, ByUserName = db.Scope.UserName, At = now };
        db.RecruitClasses.Add(entry);
        await db.SaveChangesAsync(ct);
        return entry;
    }

    public async Task<Result<Recruit>> WithdrawAsync(Guid id, string? note, CancellationToken ct)
    {
        var found = await db.OwnedAsync(db.Recruits, x => x.Id == id, Permission.PeopleManage, ct);
        if (!found.Ok)
        {
            return found;
        }
        var r = found.Value!;
        if (!r.IsOpen || r.Stage == RecruitStage.Admitted)
        {
            return new Failure("Note", "WrongStage", 409);
        }
        var failures = CheckNote(note).ToList();
        if (string.IsNullOrWhiteSpace(note))
        {
            failures.Add(Failure.Required("Note"));
        }
        if (failures.Count > 0)
        {
            return Result<Recruit>.Fail(failures);
        }
        var now = clock.GetUtcNow();
        r.Stage = RecruitStage.Withdrawn;
        r.UpdatedAt = now;
        AddStep(r, RecruitStage.Withdrawn, now.ChinaDate(), null, note, now);
        await db.SaveChangesAsync(ct);
        return r;
    }


    private void AddStep(Recruit r, RecruitStage stage, DateOnly on, Document? document, string? note, DateTimeOffset now) =>
        db.RecruitSteps.Add(new RecruitStep
        {
            RecruitId = r.Id, UnitId = r.UnitId, Stage = stage, On = on, DocumentId = document?.Id,
            Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(), ByUserName = db.Scope.UserName, At = now,
        });

    private static DateOnly LastDate(Recruit r) => r.MeetingOn ?? r.CandidateOn ?? r.ActivistOn ?? r.AppliedOn;

    internal static IEnumerable<Failure> CheckDate(string field, DateOnly? on, DateOnly? notBefore, DateOnly today)
    {
        if (on is not { } d)
        {
            yield return Failure.Required(field);
        }
        else if (d > today)
        {
            yield return new Failure(field, "DateInFuture");
        }
        else if (notBefore is { } earliest && d < earliest)
        {
            yield return new Failure(field, "BeforePreviousStep", 400, earliest.ShowDate());
        }
    }

    private static IEnumerable<Failure> CheckNote(string? note)
    {
        if (note is { Length: > RecruitStepNoteMax })
        {
            yield return Failure.TooLong("Note", RecruitStepNoteMax);
        }
    }

    private const int RecruitStepNoteMax = 500;

    /// <summary>From the 14th birthday up to the day before the 28th.</summary>
    internal static IEnumerable<Failure> CheckAge(string field, DateOnly birth, DateOnly on)
    {
        if (birth.AddYears(Membership.MinJoinAge) > on || birth.AddYears(Recruit.MaxAge) <= on)
        {
            yield return new Failure(field, "RecruitAge", 400, Membership.MinJoinAge, Recruit.MaxAge);
        }
    }
}
