using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.SocialOrgs;
using Qingyun.Infrastructure;
using Qingyun.Security;

namespace Qingyun.Features.SocialOrgs.Ventures;

/// <summary>
/// Closes applications and starts the review (申报中 → 评审中): one evaluation of the round's scheme whose
/// subjects are the submitted applications, created atomically and exactly once (decision 013). Before
/// the window has closed this needs an explicit early close.
/// </summary>
public sealed class StartReview(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<Evaluation>> RunAsync(Guid roundId, bool early, CancellationToken ct)
    {
        var found = await db.OwnedAsync(db.VentureRounds.AsNoTracking(), r => r.Id == roundId, Permission.SocialOrgsManage, ct);
        if (!found.Ok)
        {
            return Result<Evaluation>.Fail(found.Failures);
        }
        var round = found.Value!;
        if (round.Status != RoundStatus.Open)
        {
            return new Failure("Round", round.Status == RoundStatus.Draft ? "RoundNotOpen" : "ReviewStarted", 409);
        }
        var now = clock.GetUtcNow();
        if (!early && clock.ChinaToday() <= round.ApplyUntil)
        {
            return new Failure("Round", "WindowStillOpen", 400, round.ApplyUntil.ShowDate());
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var flipped = await db.VentureRounds.Where(r => r.Id == roundId && r.Status == RoundStatus.Open)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, RoundStatus.Reviewing).SetProperty(r => r.UpdatedAt, now), ct);
        if (flipped == 0)
        {
            return new Failure("Round", "ReviewStarted", 409);
        }
        var applications = await (
            from a in db.VentureApplications
            where a.RoundId == roundId && a.Status == ApplicationStatus.Submitted
            join o in db.SocialOrganizations on a.OrganizationId equals o.Id
            orderby a.SubmittedAt
            select new { a.Id, a.OrganizationId, a.ProjectTitle, OrgName = o.Name }).ToListAsync(ct);
        if (applications.Count == 0)
        {
            await tx.RollbackAsync(ct);
            return new Failure("Round", "NoApplications");
        }
        var evaluation = new Evaluation
        {
            UnitId = round.UnitId, SchemeId = round.SchemeId, RoundId = round.Id, Year = round.Year, Status = EvaluationStatus.Scoring,
            Title = Truncate(round.Title + " 评审", Evaluation.TitleMaxLength), CreatedBy = db.Scope.UserName, CreatedAt = now,
        };
        db.Evaluations.Add(evaluation);
        db.EvaluationSubjects.AddRange(applications.Select(a => new EvaluationSubject
        {
            EvaluationId = evaluation.Id, UnitId = round.UnitId, OrganizationId = a.OrganizationId, ApplicationId = a.Id,
            Label = Truncate(a.ProjectTitle + " — " + a.OrgName, 200),
        }));
        await db.SaveChangesAsync(ct);
        await db.VentureRounds.Where(r => r.Id == roundId)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.EvaluationId, evaluation.Id), ct);
        await tx.CommitAsync(ct);
        return evaluation;
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}
