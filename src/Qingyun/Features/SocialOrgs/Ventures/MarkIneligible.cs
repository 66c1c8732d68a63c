using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.SocialOrgs;
using Qingyun.Security;

namespace Qingyun.Features.SocialOrgs.Ventures;

/// <summary>资格审查: before review starts, an admin marks an application ineligible with a reason; it is then not reviewed.</summary>
public sealed class MarkIneligible(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<VentureApplication>> RunAsync(Guid applicationId, string? reason, CancellationToken ct)
    {
        var found = await db.OwnedAsync(db.VentureApplications.AsNoTracking(), a => a.Id == applicationId, Permission.SocialOrgsManage, ct);
        if (!found.Ok)
        {
            return found;
        }
        var f = new List<Failure>();
        var why = VentureRules.Text(f, "Reason", reason, SocialOrganization.ShortMaxLength);
        if (f.Count > 0)
        {
            return Result<VentureApplication>.Fail(f);
        }
        var now = clock.GetUtcNow();
        var done = await db.VentureApplications
            .Where(a => a.Id == applicationId && a.Status == ApplicationStatus.Submitted
                && db.VentureRounds.Any(r => r.Id == a.RoundId && r.Status == RoundStatus.Open))
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.Status, ApplicationStatus.Ineligible).SetProperty(a => a.StatusNote, why)
                .SetProperty(a => a.UpdatedAt, now), ct);
        if (done == 0)
        {
            return new Failure("Application", "NotBeforeReview", 409);
        }
        return await db.VentureApplications.AsNoTracking().FirstAsync(a => a.Id == applicationId, ct);
    }
}
