using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Audit;
using Qingyun.Domain.Volunteering;
using Qingyun.Features.Volunteering;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Certificates;

public sealed record CertificatePage(IReadOnlyList<Certificate> Items, Guid? Next);

/// <summary>What the public verification shows: the certificate's facts with the holder's name masked, nothing else personal.</summary>
public sealed record VerifiedCertificate(
    string Number, string HolderNameMasked, string IssuerName, long Minutes, string Hours, string Content, DateOnly FromDate, DateOnly ToDate,
    DateOnly IssuedOn, bool Revoked, DateTimeOffset? RevokedAt, string? RevokeReason);

/// <summary>
/// The read side of certificates: the list in scope (the issuing unit's), one certificate, the public
/// verification by number, a volunteer's own certificates, and the PDF.
/// </summary>
public sealed class BrowseCertificates(AppDbContext db, AuditLog audit, IStringLocalizer<SharedResource> t)
{
    public const int PageSize = 50;

    /// <summary>Certificates in scope, newest first; <paramref name="search"/> is a certificate number (or its start) or a volunteer number.</summary>
    public async Task<Result<CertificatePage>> ListAsync(string? search, Guid? unitId, Guid? after, CancellationToken ct)
    {
        var q = db.Certificates.AsNoTracking();
        if (unitId is { } u)
        {
            var path = await db.OrgUnits.Where(x => x.Id == u).Select(x => x.Path).FirstOrDefaultAsync(ct);
            if (path is null)
            {
                return Failure.NotFound("UnitId");
            }
            var hi = ScopeRanges.UpperBound(path);
            q = q.Where(c => db.OrgUnits.Any(x => x.Id == c.UnitId && string.Compare(x.Path, path) >= 0 && string.Compare(x.Path, hi) < 0));
        }
        if (!string.IsNullOrWhiteSpace(search))
        {
            var s = search.Trim().ToUpperInvariant();
            q = q.Where(c => c.VolunteerNumber == s || c.Number.StartsWith(s));
        }
        if (after is { } a)
        {
            q = q.Where(c => c.Id.CompareTo(a) < 0);
        }
        var rows = await q.OrderByDescending(c => c.Id).Take(PageSize + 1).ToListAsync(ct);
        Guid? next = null;
        if (rows.Count > PageSize)
        {
            rows.RemoveAt(PageSize);
            next = rows[^1].Id;
        }
        return new CertificatePage(rows, next);
    }

    /// <summary>One certificate in scope: 404 outside it.</summary>
    public async Task<Result<Certificate>> GetAsync(Guid id, CancellationToken ct) =>
        await db.Certificates.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct) is { } c ? c : Failure.NotFound("Id");

    /// <summary>The public check of a number, read by anyone: null when no certificate has it.</summary>
    public async Task<VerifiedCertificate?> VerifyAsync(string? number, CancellationToken ct)
    {
        if (CertificateRules.Normalize(number) is not { } n)
        {
            return null;
        }
        var c = await db.Certificates.IgnoreQueryFilters([AppDbContext.ScopeFilter]).AsNoTracking().FirstOrDefaultAsync(x => x.Number == n, ct);
        return c is null ? null : new VerifiedCertificate(c.Number, c.HolderNameMasked, c.IssuerName, c.Minutes, CertificateRules.Hours(c.Minutes),
            c.Content, c.FromDate, c.ToDate, c.IssuedOn, c.RevokedAt is not null, c.RevokedAt, c.RevokeReason);
    }

    /// <summary>The signed-in volunteer's own certificates, newest first (read by their own registration, not by scope).</summary>
    public async Task<IReadOnlyList<Certificate>> OwnCertificates(CancellationToken ct)
    {
        var own = await VolunteerDirectory.OwnAsync(db, ct);
        return own is null ? [] : await ForVolunteerAsync(own.Id, ct);
    }

    /// <summary>A volunteer's certificates from every unit, newest first. Callers pass an id they may read (their own, or one out of a scoped row).</summary>
    public async Task<IReadOnlyList<Certificate>> ForVolunteerAsync(Guid volunteerId, CancellationToken ct) =>
        await db.Certificates.IgnoreQueryFilters([AppDbContext.ScopeFilter]).AsNoTracking()
            .Where(c => c.VolunteerId == volunteerId).OrderByDescending(c => c.Id).ToListAsync(ct);

    /// <summary>The PDF of a certificate in scope (revoked ones too, marked as such). The download is audited.</summary>
    public async Task<Result<byte[]>> PdfAsync(Guid id, HttpRequest request, CancellationToken ct)
    {
        var c = await GetAsync(id, ct);
        return c.Ok ? await RenderAsync(c.Value!, request, ct) : Result<byte[]>.Fail(c.Failures);
    }

    /// <summary>The PDF of one of the signed-in volunteer's own certificates.</summary>
    public async Task<Result<byte[]>> OwnPdfAsync(Guid id, HttpRequest request, CancellationToken ct)
    {
        var own = await VolunteerDirectory.OwnAsync(db, ct);
        var c = own is null ? null
            : await db.Certificates.IgnoreQueryFilters([AppDbContext.ScopeFilter]).AsNoTracking().FirstOrDefaultAsync(x => x.Id == id && x.VolunteerId == own.Id, ct);
        return c is null ? Failure.NotFound("Id") : await RenderAsync(c, request, ct);
    }

    private async Task<Result<byte[]>> RenderAsync(Certificate c, HttpRequest request, CancellationToken ct)
    {
        if (ChinesePdf.Typeface() is not { } typeface)
        {
            return new Failure("Id", "ChineseFontMissing", 503);
        }
        var pdf = CertificatePdf.Render(c, CertificateRules.VerifyUrl(request, c.Number), typeface, t);
        await audit.RecordAsync(AuditAction.Download, nameof(Certificate), c.Id.ToString(), c.UnitId, field: "Pdf", ct: ct);
        return pdf;
    }
}
