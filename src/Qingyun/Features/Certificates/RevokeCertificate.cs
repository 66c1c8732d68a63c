using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.Volunteering;
using Qingyun.Security;

namespace Qingyun.Features.Certificates;

/// <summary>
/// 撤销证明: the issuing unit (or a unit above it) withdraws a certificate with a reason. The row stays;
/// the verification page and the PDF then show it as revoked. The change is audited like any write.
/// </summary>
public static class RevokeCertificate
{
    public const int ReasonMaxLength = 500;

    public sealed record Command(Guid Id, string? Reason);

    public sealed class Handler(AppDbContext db, TimeProvider clock)
    {
        public async Task<Result<Certificate>> Handle(Command c, CancellationToken ct)
        {
            var found = await db.OwnedAsync(db.Certificates, x => x.Id == c.Id, Permission.ServiceManage, ct);
            if (!found.Ok)
            {
                return found;
            }
            var certificate = found.Value!;
            if (certificate.RevokedAt is not null)
            {
                return new Failure("Id", "CertificateRevoked", 409);
            }
            var failures = new List<Failure>();
            var reason = IssueCertificate.Text(c.Reason, "RevokeReason", ReasonMaxLength, multiline: true, failures);
            if (failures.Count > 0)
            {
                return Result<Certificate>.Fail(failures);
            }
            certificate.RevokedAt = clock.GetUtcNow();
            certificate.RevokedBy = db.Scope.UserName ?? "";
            certificate.RevokeReason = reason;
            await db.SaveChangesAsync(ct);
            return certificate;
        }
    }
}
