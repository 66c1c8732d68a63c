using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.Audit;
using Qingyun.Domain.Building;
using Qingyun.Security;

namespace Qingyun.Features.Building;

/// <summary>
/// Shows an organization contact's full phone to someone allowed to see it, and writes that down. One rule for
/// every organization record that keeps an encrypted contact phone: the League-building record here and the
/// social-liaison registry (Features/SocialOrgs).
/// </summary>
public static class RevealContactPhone
{
    /// <summary>What a reveal needs of the record: which it is, its unit, and the sealed phone.</summary>
    public sealed record SealedPhone(Guid Id, Guid UnitId, byte[]? Cipher);

    public sealed class Handler(AppDbContext db, SensitiveData sensitive, AuditLog audit)
    {
        public async Task<Result<string>> Handle(Guid id, CancellationToken ct) =>
            await RevealAsync(nameof(NewOrganization),
                await db.NewOrganizations.AsNoTracking().Where(o => o.Id == id).Select(o => new SealedPhone(o.Id, o.UnitId, o.ContactPhoneCipher)).FirstOrDefaultAsync(ct), ct);

        /// <summary>404 for a record the caller cannot read, 403 without SensitiveReveal over its unit; else the phone, audited.</summary>
        public async Task<Result<string>> RevealAsync(string entity, SealedPhone? record, CancellationToken ct)
        {
            if (record is null)
            {
                return Failure.NotFound("Id");
            }
            var unit = await db.UnitForAsync(record.UnitId, Permission.SensitiveReveal, "Id", ct);
            if (!unit.Ok)
            {
                return Result<string>.Fail(unit.Failures);
            }
            if (record.Cipher is null)
            {
                return new Failure("ContactPhone", "NoValue", 404);
            }
            await audit.RecordAsync(AuditAction.Reveal, entity, record.Id.ToString(), record.UnitId, "ContactPhone", ct: ct);
            return sensitive.Decrypt(record.Cipher);
        }
    }
}
