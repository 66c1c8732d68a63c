using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.SocialOrgs;
using Qingyun.Security;

namespace Qingyun.Features.SocialOrgs.Ventures;

/// <summary>Opens a drafted round to applications (筹备中 → 申报中); organizations see it from then on.</summary>
public sealed class OpenRound(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<VentureRound>> RunAsync(Guid roundId, CancellationToken ct)
    {
        var round = await db.OwnedAsync(db.VentureRounds.AsNoTracking(), r => r.Id == roundId, Permission.SocialOrgsManage, ct);
        if (!round.Ok)
        {
            return round;
        }
        var now = clock.GetUtcNow();
        var opened = await db.VentureRounds.Where(r => r.Id == roundId && r.Status == RoundStatus.Draft)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, RoundStatus.Open).SetProperty(r => r.UpdatedAt, now), ct);
        if (opened == 0)
        {
            return new Failure("Round", "RoundNotDraft", 409);
        }
        return await db.VentureRounds.AsNoTracking().FirstAsync(r => r.Id == roundId, ct);
    }
}
