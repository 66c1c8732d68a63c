using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.Notices;
using Qingyun.Domain.Rosters;
using Qingyun.Features.Documents;
using Qingyun.Features.Notices;
using Qingyun.Features.Recruitment;
using Qingyun.Infrastructure;
using Qingyun.Security;

namespace Qingyun.Features.Recommendations;

/// <summary>
/// 推优入党: the branch nominates a member (18 or older, active), its meeting votes (two thirds present,
/// more than half of all members in favour), the level above approves and sets how long the recommendation
/// stands, and the Party organization's answer is recorded as the outcome.
/// </summary>
public sealed class RecommendationSteps(AppDbContext db, TimeProvider clock)
{
    public sealed record NominateCommand(Guid? MembershipId, DateOnly? NominatedOn, string? Reason);

    public async Task<Result<Recommendation>> NominateAsync(NominateCommand c, CancellationToken ct)
    {
        var m = c.MembershipId is { } id ? await db.Memberships.FirstOrDefaultAsync(x => x.Id == id, ct) : null;
        if (m is null)
        {
            return c.MembershipId is null ? Failure.Required("MembershipId") : Failure.NotFound("MembershipId");
        }
        var unit = await db.UnitForAsync(m.UnitId, Permission.PeopleManage, "MembershipId", ct);
        if (!unit.Ok)
        {
            return Result<Recommendation>.Fail(unit.Failures);
        }
        var now = clock.GetUtcNow();
        var today = now.ChinaDate();
        var failures = RecruitmentSteps.CheckDate("NominatedOn", c.NominatedOn, null, today).ToList();
        if (c.Reason is { Length: > Recommendation.TextMaxLength })
        {
            failures.Add(Failure.TooLong("Reason", Recommendation.TextMaxLength));
        }
        if (!m.IsActive)
        {
            failures.Add(new Failure("MembershipId", "MemberNotActive", 409));
        }
        var birth = await db.People.Where(p => p.Id == m.PersonId).Select(p => p.BirthDate).FirstAsync(ct);
        if (c.NominatedOn is { } on && birth.AddYears(Recommendation.MinAge) > on)
        {
            failures.Add(new Failure("NominatedOn", "RecommendTooYoung", 400, Recommendation.MinAge));
        }
        if (await db.Recommendations.AnyAsync(r => r.MembershipId == m.Id
            && (r.State == RecommendationState.Nominated || r.State == RecommendationState.MeetingHeld || r.State == RecommendationState.Approved), ct))
        {
            failures.Add(new Failure("MembershipId", "RecommendationOpen", 409));
        }
        if (failures.Count > 0)
        {
            return Result<Recommendation>.Fail(failures);
        }
        var r = new Recommendation
        {
            MembershipId = m.Id, UnitId = m.UnitId, NominatedOn = c.NominatedOn!.Value, Reason = string.IsNullOrWhiteSpace(c.Reason) ? null : c.Reason.Trim(),
            NominatedByUserName = db.Scope.UserName, CreatedAt = now, UpdatedAt = now,
        };
        db.Recommendations.Add(r);
        await db.SaveChangesAsync(ct);
        return r;
    }

    public sealed record MeetingCommand(Guid Id, DateOnly? MeetingOn, int? MembersTotal, int? MembersPresent, int? VotesFor, IFormFile? Minutes);

    /// <summary>The branch meeting (支部大会) that votes on the nomination, with its signed minutes.</summary>
    public async Task<Result<Recommendation>> RecordMeetingAsync(MeetingCommand c, CancellationToken ct)
    {
        var found = await db.OwnedAsync(db.Recommendations, x => x.Id == c.Id, Permission.PeopleManage, ct);
        if (!found.Ok)
        {
            return found;
        }
        var r = found.Value!;
        if (r.State is not (RecommendationState.Nominated or RecommendationState.Returned))
        {
            return new Failure("Id", "WrongStage", 409);
        }
        var now = clock.GetUtcNow();
        var failures = RecruitmentSteps.CheckDate("MeetingOn", c.MeetingOn, r.NominatedOn, now.ChinaDate()).ToList();
        if (c.MembersTotal is not { } total || total < 1 || total > 10_000)
        {
            failures.Add(new Failure("MembersTotal", "Range", 400, 1, 10_000));
        }
        else
        {
            if (c.MembersPresent is not { } present || present < 0 || present > total)
            {
                failures.Add(new Failure("MembersPresent", "Range", 400, 0, total));
            }
            else if (!ReviewRound.QuorumMet(present, total))
            {
                failures.Add(new Failure("MembersPresent", "QuorumNotMet", 400, present, total, (total * 2 + 2) / 3));
            }
            if (c.VotesFor is not { } votes || votes < 0 || votes > (c.MembersPresent ?? total))
            {
                failures.Add(new Failure("VotesFor", "Range", 400, 0, c.MembersPresent ?? total));
            }
            else if (votes * 2 <= total)
            {
                failures.Add(new Failure("VotesFor", "MajorityNotReached", 400, total / 2 + 1));
            }
        }
        if (c.Minutes is null)
        {
            failures.Add(Failure.Required("Minutes"));
        }
        if (failures.Count > 0)
        {
            return Result<Recommendation>.Fail(failures);
        }
        var document = await StoreDocument.AcceptAsync(db, c.Minutes, r.UnitId, "Minutes", now, ct);
        if (!document.Ok)
        {
            return Result<Recommendation>.Fail(document.Failures);
        }
        r.MeetingOn = c.MeetingOn;
        r.MembersTotal = c.MembersTotal;
        r.MembersPresent = c.MembersPresent;
        r.VotesFor = c.VotesFor;
        r.MeetingDocumentId = document.Value!.Id;
        r.State = RecommendationState.MeetingHeld;
        r.ReturnNote = null;
        r.UpdatedAt = now;
        var unit = await db.OrgUnits.FirstAsync(u => u.Id == r.UnitId, ct);
        if (unit.ParentId is { } parent)
        {
            var name = await NameAsync(r, ct);
            db.Tell(parent, NoticeKind.RecommendationSubmitted, $"/recommendations/{r.Id}", now, name, unit.Name);
        }
        await db.SaveChangesAsync(ct);
        return r;
    }

    public sealed record DecideCommand(Guid Id, bool Approve, DateOnly? On, int? ValidMonths, string? PartyOrganization, string? Note);

    public async Task<Result<Recommendation>> DecideAsync(DecideCommand c, CancellationToken ct)
    {
        var found = await db.OwnedAsync(db.Recommendations, x => x.Id == c.Id, Permission.PeopleRead, ct);
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
        if (r.State != RecommendationState.MeetingHeld)
        {
            return new Failure("Id", "WrongStage", 409);
        }
        var now = clock.GetUtcNow();
        var note = string.IsNullOrWhiteSpace(c.Note) ? null : c.Note.Trim();
        var failures = new List<Failure>();
        if (note is { Length: > Recommendation.TextMaxLength })
        {
            failures.Add(Failure.TooLong("Note", Recommendation.TextMaxLength));
        }
        if (c.Approve)
        {
            failures.AddRange(RecruitmentSteps.CheckDate("On", c.On, r.MeetingOn, now.ChinaDate()));
            if (c.ValidMonths is { } months && (months < 1 || months > 24))
            {
                failures.Add(new Failure("ValidMonths", "Range", 400, 1, 24));
            }
            var party = (c.PartyOrganization ?? "").Trim();
            if (party.Length > 100)
            {
                failures.Add(Failure.TooLong("PartyOrganization", 100));
            }
        }
        else if (note is null)
        {
            failures.Add(Failure.Required("Note"));
        }
        if (failures.Count > 0)
        {
            return Result<Recommendation>.Fail(failures);
        }
        if (c.Approve)
        {
            r.State = RecommendationState.Approved;
            r.ApprovedOn = c.On;
            r.ApprovedByUserName = db.Scope.UserName;
            r.ValidUntil = c.On!.Value.AddMonths(c.ValidMonths ?? Recommendation.DefaultValidMonths).AddDays(-1);
            r.PartyOrganization = string.IsNullOrWhiteSpace(c.PartyOrganization) ? null : c.PartyOrganization.Trim();
        }
        else
        {
            r.State = RecommendationState.Returned;
            r.ReturnNote = note;
        }
        r.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        return r;
    }

    public sealed record OutcomeCommand(Guid Id, RecommendationOutcome? Outcome, DateOnly? On);

    /// <summary>The Party organization's answer, within the validity period.</summary>
    public async Task<Result<Recommendation>> RecordOutcomeAsync(OutcomeCommand c, CancellationToken ct)
    {
        var found = await db.OwnedAsync(db.Recommendations, x => x.Id == c.Id, Permission.PeopleManage, ct);
        if (!found.Ok)
        {
            return found;
        }
        var r = found.Value!;
        if (r.State != RecommendationState.Approved)
        {
            return new Failure("Id", "WrongStage", 409);
        }
        var now = clock.GetUtcNow();
        var failures = RecruitmentSteps.CheckDate("On", c.On, r.ApprovedOn, now.ChinaDate()).ToList();
        if (c.Outcome is not { } outcome || !Enum.IsDefined(outcome))
        {
            failures.Add(c.Outcome is null ? Failure.Required("Outcome") : new Failure("Outcome", "InvalidChoice"));
        }
        else if (outcome != RecommendationOutcome.NotAccepted && c.On is { } on && on > r.ValidUntil)
        {
            failures.Add(new Failure("On", "RecommendationExpired", 409, r.ValidUntil!.Value.ShowDate()));
        }
        if (failures.Count > 0)
        {
            return Result<Recommendation>.Fail(failures);
        }
        r.Outcome = c.Outcome;
        r.OutcomeOn = c.On;
        r.State = RecommendationState.Closed;
        r.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        return r;
    }


    private Task<string> NameAsync(Recommendation r, CancellationToken ct) =>
        db.Memberships.Where(m => m.Id == r.MembershipId).Join(db.People, m => m.PersonId, p => p.Id, (m, p) => p.Name).FirstAsync(ct);
}
