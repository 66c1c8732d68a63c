using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.SocialOrgs;
using Qingyun.Security;

namespace Qingyun.Features.SocialOrgs.Ventures;

/// <summary>
/// 立项: awards follow the closed evaluation's results (decision 013). The proposal fills awards top-down in
/// result order within the budget and each cap; the admin may change it; saving checks every award against the
/// request and the cap and the sum against the budget, marks the rest not awarded, and creates a library project
/// for each funded application — all at once, and only once per round.
/// </summary>
public sealed class Awards(AppDbContext db, EvaluationResults results, TimeProvider clock)
{
    public sealed record Line(Guid ApplicationId, Guid OrganizationId, string ProjectTitle, string OrganizationName, OrgField Field, int Rank,
        decimal Total, int MissingCriteria, decimal Requested, decimal Proposed, ApplicationStatus Status, decimal? Awarded);

    public sealed record Board(VentureRound Round, Guid EvaluationId, bool EvaluationClosed, IReadOnlyList<Line> Lines, bool CanManage);

    public sealed record Award(Guid ApplicationId, decimal? Amount);

    /// <summary>The applications in result order with the proposal by ranking; empty lines until the evaluation is closed.</summary>
    public async Task<Result<Board>> BoardAsync(Guid roundId, CancellationToken ct)
    {
        var found = await db.OwnedAsync(db.VentureRounds.AsNoTracking(), r => r.Id == roundId, Permission.SocialOrgsRead, ct);
        if (!found.Ok)
        {
            return Result<Board>.Fail(found.Failures);
        }
        var round = found.Value!;
        var path = await VentureRules.UnitPathAsync(db, round.UnitId, ct);
        var canManage = path is not null && db.Scope.Covers(path, Permission.SocialOrgsManage);
        if (round.EvaluationId is not { } evaluationId)
        {
            return new Failure("Round", "ReviewNotStarted", 409);
        }
        var closed = await db.Evaluations.AnyAsync(e => e.Id == evaluationId && e.Status == EvaluationStatus.Closed, ct);
        if (!closed)
        {
            return new Board(round, evaluationId, false, [], canManage);
        }
        var outcomes = await results.StoredAsync(evaluationId, ct);
        var subjects = await db.EvaluationSubjects.AsNoTracking().Where(s => s.EvaluationId == evaluationId && s.ApplicationId != null)
            .ToDictionaryAsync(s => s.Id, s => s.ApplicationId!.Value, ct);
        var applications = await (
            from a in db.VentureApplications.AsNoTracking()
            where a.RoundId == roundId
            join o in db.SocialOrganizations on a.OrganizationId equals o.Id
            select new { a, OrgName = o.Name }).ToDictionaryAsync(x => x.a.Id, ct);
        var lines = new List<Line>();
        var left = round.Budget;
        foreach (var o in outcomes)
        {
            if (!subjects.TryGetValue(o.SubjectId, out var appId) || !applications.TryGetValue(appId, out var x))
            {
                continue;
            }
            var proposed = Math.Max(0, Math.Min(Math.Min(x.a.Requested, round.MaxGrant), left));
            left -= proposed;
            lines.Add(new Line(appId, x.a.OrganizationId, x.a.ProjectTitle, x.OrgName, x.a.Field, o.Rank, o.Total, o.MissingCriteria, x.a.Requested,
                proposed, x.a.Status, x.a.Awarded));
        }
        return new Board(round, evaluationId, true, lines, canManage);
    }

    public async Task<Result<VentureRound>> SaveAsync(Guid roundId, IReadOnlyList<Award>? awards, CancellationToken ct)
    {
        var found = await db.OwnedAsync(db.VentureRounds.AsNoTracking(), r => r.Id == roundId, Permission.SocialOrgsManage, ct);
        if (!found.Ok)
        {
            return found;
        }
        var board = await BoardAsync(roundId, ct);
        if (!board.Ok)
        {
            return Result<VentureRound>.Fail(board.Failures);
        }
        var round = found.Value!;
        if (round.Status != RoundStatus.Reviewing)
        {
            return new Failure("Round", round.Status == RoundStatus.Awarded || round.Status == RoundStatus.Closed ? "AwardsMade" : "RoundNotReviewing", 409);
        }
        if (!board.Value!.EvaluationClosed)
        {
            return new Failure("Round", "EvaluationNotClosed", 409);
        }
        var lines = board.Value.Lines.ToDictionary(l => l.ApplicationId);
        var f = new List<Failure>();
        var chosen = new Dictionary<Guid, decimal>();
        foreach (var a in awards ?? [])
        {
            if (!lines.TryGetValue(a.ApplicationId, out var line) || line.Status != ApplicationStatus.Submitted)
            {
                f.Add(new Failure("Awards", "NotEvaluated"));
                continue;
            }
            if (a.Amount is not { } amount || amount == 0)
            {
                continue;
            }
            if (amount < 0 || decimal.Round(amount, 2) != amount)
            {
                f.Add(new Failure("Awards", "AwardAmountRule", 400, line.ProjectTitle));
            }
            else if (amount > line.Requested)
            {
                f.Add(new Failure("Awards", "AwardOverRequested", 400, line.ProjectTitle, VentureRules.Yuan(line.Requested)));
            }
            else if (amount > round.MaxGrant)
            {
                f.Add(new Failure("Awards", "AwardOverMaxGrant", 400, line.ProjectTitle, VentureRules.Yuan(round.MaxGrant)));
            }
            if (!chosen.TryAdd(a.ApplicationId, amount))
            {
                f.Add(new Failure("Awards", "NotEvaluated"));
            }
        }
        var sum = chosen.Values.Sum();
        if (sum > round.Budget)
        {
            f.Add(new Failure("Awards", "AwardsOverBudget", 400, VentureRules.Yuan(sum), VentureRules.Yuan(round.Budget)));
        }
        if (f.Count > 0)
        {
            return Result<VentureRound>.Fail(f.Distinct().ToList());
        }

        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var flipped = await db.VentureRounds.Where(r => r.Id == roundId && r.Status == RoundStatus.Reviewing)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, RoundStatus.Awarded).SetProperty(r => r.UpdatedAt, now), ct);
        if (flipped == 0)
        {
            return new Failure("Round", "AwardsMade", 409);
        }
        var ids = lines.Keys.ToList();
        var applications = await db.VentureApplications.Where(a => a.RoundId == roundId && ids.Contains(a.Id) && a.Status == ApplicationStatus.Submitted).ToListAsync(ct);
        foreach (var a in applications)
        {
            a.UpdatedAt = now;
            if (chosen.TryGetValue(a.Id, out var amount))
            {
                var project = new LibraryProject
                {
                    UnitId = round.UnitId, OrganizationId = a.OrganizationId, ApplicationId = a.Id, Title = a.ProjectTitle, Field = a.Field,
                    Goals = a.Goals, Budget = amount, StartOn = a.StartOn, EndOn = a.EndOn, CreatedBy = db.Scope.UserName, CreatedAt = now, UpdatedAt = now,
                };
                db.LibraryProjects.Add(project);
                a.Status = ApplicationStatus.Awarded;
                a.Awarded = amount;
                a.ProjectId = project.Id;
            }
            else
            {
                a.Status = ApplicationStatus.NotAwarded;
            }
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await db.VentureRounds.AsNoTracking().FirstAsync(r => r.Id == roundId, ct);
    }
}
