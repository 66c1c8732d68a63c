using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.SocialOrgs;
using Qingyun.Security;

namespace Qingyun.Features.SocialOrgs.Ventures;

/// <summary>结项: the round closes when every funded project is completed, or earlier by an explicit decision.</summary>
public sealed class CloseRound(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<VentureRound>> RunAsync(Guid roundId, bool byDecision, CancellationToken ct)
    {
        var found = await db.OwnedAsync(db.VentureRounds.AsNoTracking(), r => r.Id == roundId, Permission.SocialOrgsManage, ct);
        if (!found.Ok)
        {
            return found;
        }
        if (found.Value!.Status != RoundStatus.Awarded)
        {
            return new Failure("Round", "RoundNotAwarded", 409);
        }
        var running = await db.VentureApplications.CountAsync(a => a.RoundId == roundId && a.Status == ApplicationStatus.Awarded, ct);
        if (running > 0 && !byDecision)
        {
            return new Failure("Round", "ProjectsNotCompleted", 409, running);
        }
        var now = clock.GetUtcNow();
        var closed = await db.VentureRounds.Where(r => r.Id == roundId && r.Status == RoundStatus.Awarded)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, RoundStatus.Closed).SetProperty(r => r.UpdatedAt, now), ct);
        if (closed == 0)
        {
            return new Failure("Round", "RoundNotAwarded", 409);
        }
        return await db.VentureRounds.AsNoTracking().FirstAsync(r => r.Id == roundId, ct);
    }
}
