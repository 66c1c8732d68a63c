using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.SocialOrgs;
using Qingyun.Features.Building;

namespace Qingyun.Features.SocialOrgs;

/// <summary>Shows a registry organization contact's full phone under the same rule as League-building records.</summary>
public sealed class RevealSocialOrgPhone(AppDbContext db, RevealContactPhone.Handler reveal)
{
    public async Task<Result<string>> Handle(Guid id, CancellationToken ct) =>
        await reveal.RevealAsync(nameof(SocialOrganization),
            await db.SocialOrganizations.AsNoTracking().Where(o => o.Id == id)
                .Select(o => new RevealContactPhone.SealedPhone(o.Id, o.UnitId, o.ContactPhoneCipher)).FirstOrDefaultAsync(ct), ct);
}
