using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.SocialOrgs;

namespace Qingyun.Features.SocialOrgs.Ventures;

/// <summary>The organization withdraws its application while the round is still taking applications.</summary>
public sealed class WithdrawApplication(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<VentureApplication>> RunAsync(Guid applicationId, CancellationToken ct)
    {
        var org = await VentureRules.OwnOrganizationAsync(db, ct);
        var application = org is null ? null
            : await db.VentureApplications.AsNoTracking().FirstOrDefaultAsync(a => a.Id == applicationId && a.OrganizationId == org.Id, ct);
        if (application is null)
        {
            return Failure.NotFound("Id");
        }
        var now = clock.GetUtcNow();
        var done = await db.VentureApplications
            .Where(a => a.Id == applicationId && a.Status == ApplicationStatus.Submitted
                && db.VentureRounds.Any(r => r.Id == a.RoundId && r.Status == RoundStatus.Open))
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.Status, ApplicationStatus.Withdrawn).SetProperty(a => a.UpdatedAt, now), ct);
        if (done == 0)
        {
            return new Failure("Application", "CannotWithdraw", 409);
        }
        return await db.VentureApplications.AsNoTracking().FirstAsync(a => a.Id == applicationId, ct);
    }
}
