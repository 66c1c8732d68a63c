using Microsoft.Extensions.Localization;
using Qingyun.Domain.Access;
using Qingyun.Domain.Volunteering;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Certificates;

public static class CertificatesSetup
{
    public static IServiceCollection AddCertificates(this IServiceCollection services)
    {
        services.AddScoped<BrowseCertificates>();
        services.AddScoped<IssueCertificate.Handler>();
        services.AddScoped<RevokeCertificate.Handler>();
        return services;
    }

    public sealed record IssueBody(Guid? UnitId, string? VolunteerNumber, DateOnly? From, DateOnly? To, string? Content, string? PersonInCharge, string? ContactPhone);

    public sealed record RevokeBody(string? Reason);

    public static object Show(Certificate c) => new
    {
        c.Id, c.Number, c.UnitId, c.VolunteerId, c.VolunteerNumber, c.HolderName, c.HolderNameMasked, c.HolderIdMasked, c.Minutes,
        Hours = CertificateRules.Hours(c.Minutes), c.EntryCount, c.FromDate, c.ToDate, c.Content, c.IssuerName, c.PersonInCharge, c.ContactPhone,
        c.IssuedOn, c.IssuedAt, c.IssuedBy, Revoked = c.RevokedAt is not null, c.RevokedAt, c.RevokedBy, c.RevokeReason,
    };

    public static WebApplication MapCertificatesApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1/certificates").WithTags("Certificates");

        api.MapGet("/", async (string? search, Guid? unitId, Guid? after, BrowseCertificates browse, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await browse.ListAsync(search, unitId, after, ct);
            return r.Ok ? Results.Ok(new { items = r.Value!.Items.Select(Show), next = r.Value.Next }) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.ServiceRead).WithName("ListCertificates")
          .WithSummary("志愿服务证明 issued by units in scope (or the `unitId` subtree), newest first; `search` is a certificate number (or its start) or a volunteer number; keyset paging by `after`.");

        api.MapGet("/mine", async (BrowseCertificates browse, CancellationToken ct) =>
            Results.Ok(new { items = (await browse.OwnCertificates(ct)).Select(Show) }))
          .RequireAuthorization().WithName("ListOwnCertificates")
          .WithSummary("The signed-in volunteer's own certificates, from every issuing unit.");

        api.MapGet("/{id:guid}", async (Guid id, BrowseCertificates browse, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await browse.GetAsync(id, ct);
            return r.Ok ? Results.Ok(Show(r.Value!)) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.ServiceRead).WithName("GetCertificate").WithSummary("One certificate with its frozen facts.");

        api.MapGet("/{id:guid}/pdf", async (Guid id, HttpRequest request, BrowseCertificates browse, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await browse.PdfAsync(id, request, ct);
            return r.Ok ? Results.File(r.Value!, "application/pdf", $"certificate-{id:N}.pdf") : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.ServiceRead).WithName("CertificatePdf")
          .WithSummary("The certificate as a PDF (A4, Chinese) with a QR code to its verification page; a revoked one is marked 已撤销. The download is audited.");

        api.MapPost("/", async (IssueBody b, IssueCertificate.Handler handler, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await handler.Handle(new IssueCertificate.Command(b.UnitId, b.VolunteerNumber, b.From, b.To, b.Content, b.PersonInCharge, b.ContactPhone), ct);
            return r.Ok ? Results.Created($"/api/v1/certificates/{r.Value!.Id}", Show(r.Value)) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.ServiceManage).WithName("IssueCertificate")
          .WithSummary("Issues a certificate for the hours a volunteer (by `volunteerNumber`) served with the unit `unitId`, net of corrections, optionally between `from` and `to`; only that unit's own records count.");

        api.MapPost("/{id:guid}/revoke", async (Guid id, RevokeBody b, RevokeCertificate.Handler handler, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await handler.Handle(new RevokeCertificate.Command(id, b.Reason), ct);
            return r.Ok ? Results.Ok(Show(r.Value!)) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.ServiceManage).WithName("RevokeCertificate")
          .WithSummary("Revokes a certificate with a reason; its verification page then shows it as revoked.");

        // Anyone holding the paper may check it: only the masked name and the certificate's own facts leave.
        api.MapGet("/verify/{number}", async (string number, BrowseCertificates browse, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            await browse.VerifyAsync(number, ct) is { } v
                ? Results.Ok(new
                {
                    v.Number, v.HolderNameMasked, v.IssuerName, v.Minutes, v.Hours, v.Content, v.FromDate, v.ToDate, v.IssuedOn,
                    Status = v.Revoked ? "Revoked" : "Valid", v.RevokedAt, v.RevokeReason,
                })
                : new[] { Domain.Failure.NotFound("CertificateNumber") }.ToProblem(t))
          .AllowAnonymous().WithName("VerifyCertificate")
          .WithSummary("Public check of a certificate number (no sign-in): status Valid or Revoked, the masked holder name, issuer, hours and period; 404 when unknown.");

        return app;
    }
}
