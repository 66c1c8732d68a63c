using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.Audit;
using Qingyun.Domain.People;
using Qingyun.Security;

namespace Qingyun.Features.People;

/// <summary>Shows one full sensitive value to someone allowed to see it, and writes that down.</summary>
public static class RevealSensitive
{
    public const string IdNumberField = "IdNumber";
    public const string PhoneField = "Phone";

    public sealed class Handler(AppDbContext db, SensitiveData sensitive, AuditLog audit)
    {
        public async Task<Result<string>> Handle(Guid personId, string? field, CancellationToken ct)
        {
            if (field is not (IdNumberField or PhoneField))
            {
                return new Failure("Field", "InvalidChoice");
            }
            var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == personId, ct);
            if (person is null)
            {
                return Failure.NotFound("Id");
            }
            var unit = await db.UnitForAsync(person.UnitId, Permission.SensitiveReveal, "Id", ct);
            if (!unit.Ok)
            {
                return Result<string>.Fail(unit.Failures);
            }
            var cipher = field == IdNumberField ? person.IdNumberCipher : person.PhoneCipher;
            if (cipher is null)
            {
                return new Failure(field, "NoValue", 404);
            }
            await audit.RecordAsync(AuditAction.Reveal, nameof(Person), person.Id.ToString(), person.UnitId, field, ct: ct);
            return sensitive.Decrypt(cipher);
        }
    }
}
