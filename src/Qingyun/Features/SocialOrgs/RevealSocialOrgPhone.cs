using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.Audit;
using Qingyun.Domain.SocialOrgs;
using Qingyun.Security;

namespace Qingyun.Features.SocialOrgs;

/// <summary>Shows an organization contact's full phone to someone allowed to reveal sensitive data, and writes that down.</summary>
public sealed class RevealSocialOrgPhone(AppDbContext db, SensitiveData sensitive, AuditLog audit)
{
    public async Task<Result<string>> Handle(Guid id, CancellationToken ct)
    {
        var org = await db.SocialOrganizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct);
        if (org is null)
        {
            return Failure.NotFound("Id");
        }
        var unit = await db.UnitForAsync(org.UnitId, Permission.SensitiveReveal, "Id", ct);
        if (!unit.Ok)
        {
            return Result<string>.Fail(unit.Failures);
        }
        if (org.ContactPhoneCipher is null)
        {
            return new Failure("ContactPhone", "NoValue", 404);
        }
        await audit.RecordAsync(AuditAction.Reveal, nameof(SocialOrganization), org.Id.ToString(), org.UnitId, "ContactPhone", ct: ct);
        return sensitive.Decrypt(org.ContactPhoneCipher);
    }
}
