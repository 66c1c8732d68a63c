using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.SocialOrgs;

namespace Qingyun.Features.SocialOrgs.Ventures;

/// <summary>A funded organization files a progress (中期) or final (结项) report; one report at a time awaits review.</summary>
public sealed class FileReport(AppDbContext db, TimeProvider clock)
{
    public const int MaxBeneficiaries = 10_000_000;

    public sealed record Command(VentureReportKind? Kind, string? Body, decimal? Spent, int? Beneficiaries);

    public async Task<Result<VentureReport>> RunAsync(Guid applicationId, Command c, CancellationToken ct)
    {
        var org = await VentureRules.OwnOrganizationAsync(db, ct);
        var application = org is null ? null
            : await db.VentureApplications.AsNoTracking().FirstOrDefaultAsync(a => a.Id == applicationId && a.OrganizationId == org.Id, ct);
        if (application is null)
        {
            return Failure.NotFound("Id");
        }
        if (application.Status != ApplicationStatus.Awarded)
        {
            return new Failure("Application", "NotFunded", 409);
        }
        var f = new List<Failure>();
        var kind = VentureRules.Choice(f, "Kind", c.Kind, "ReportKind");
        var body = VentureRules.Text(f, "Body", c.Body, VentureReport.TextMaxLength, "ReportBody");
        if (c.Spent is { } spent && (spent < 0 || spent > VentureRules.MaxBudget || decimal.Round(spent, 2) != spent))
        {
            f.Add(new Failure("Spent", "MoneyRule", 400, VentureRules.Yuan(VentureRules.MaxBudget)));
        }
        if (c.Beneficiaries is { } b && (b < 0 || b > MaxBeneficiaries))
        {
            f.Add(new Failure("Beneficiaries", "Range", 400, 0, MaxBeneficiaries));
        }
        if (f.Count > 0)
        {
            return Result<VentureReport>.Fail(f);
        }
        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Lock the application (still funded) so that two reports cannot both find nothing pending.
        var locked = await db.VentureApplications.Where(a => a.Id == applicationId && a.Status == ApplicationStatus.Awarded)
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.UpdatedAt, now), ct);
        if (locked == 0)
        {
            return new Failure("Application", "NotFunded", 409);
        }
        if (await db.VentureReports.AnyAsync(r => r.ApplicationId == applicationId && r.Accepted == null, ct))
        {
            return new Failure("Application", "ReportPending", 409);
        }
        var report = new VentureReport
        {
            ApplicationId = applicationId, UnitId = application.UnitId, Kind = kind, Body = body, Spent = c.Spent, Beneficiaries = c.Beneficiaries,
            SubmittedAt = now, SubmittedBy = db.Scope.UserName,
        };
        db.VentureReports.Add(report);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return report;
    }
}
