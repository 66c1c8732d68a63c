using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.SocialOrgs;
using Qingyun.Infrastructure;
using Qingyun.Security;

namespace Qingyun.Features.SocialOrgs.Ventures;

/// <summary>
/// The round's unit accepts a report, or returns it with a reason. Accepting the final report completes the
/// project (已结项) and writes its outcome into the project library.
/// </summary>
public sealed class ReviewReport(AppDbContext db, TimeProvider clock)
{
    public async Task<Result<VentureReport>> AcceptAsync(Guid reportId, CancellationToken ct) => await DecideAsync(reportId, true, null, ct);

    public async Task<Result<VentureReport>> ReturnAsync(Guid reportId, string? reason, CancellationToken ct)
    {
        var f = new List<Failure>();
        var why = VentureRules.Text(f, "Reason", reason, SocialOrganization.ShortMaxLength);
        if (f.Count > 0)
        {
            var found = await db.OwnedAsync(db.VentureReports.AsNoTracking(), r => r.Id == reportId, Permission.SocialOrgsManage, ct);
            return found.Ok ? Result<VentureReport>.Fail(f) : found;
        }
        return await DecideAsync(reportId, false, why, ct);
    }

    private async Task<Result<VentureReport>> DecideAsync(Guid reportId, bool accept, string? note, CancellationToken ct)
    {
        var found = await db.OwnedAsync(db.VentureReports.AsNoTracking(), r => r.Id == reportId, Permission.SocialOrgsManage, ct);
        if (!found.Ok)
        {
            return found;
        }
        var report = found.Value!;
        var now = clock.GetUtcNow();
        var by = db.Scope.UserName;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var decided = await db.VentureReports.Where(r => r.Id == reportId && r.Accepted == null)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.Accepted, accept).SetProperty(r => r.ReviewNote, note)
                .SetProperty(r => r.ReviewedBy, by).SetProperty(r => r.ReviewedAt, now), ct);
        if (decided == 0)
        {
            return new Failure("Report", "ReportReviewed", 409);
        }
        if (accept && report.Kind == VentureReportKind.Final)
        {
            var completed = await db.VentureApplications.Where(a => a.Id == report.ApplicationId && a.Status == ApplicationStatus.Awarded)
                .ExecuteUpdateAsync(u => u.SetProperty(a => a.Status, ApplicationStatus.Completed).SetProperty(a => a.UpdatedAt, now), ct);
            if (completed == 0)
            {
                return new Failure("Application", "NotFunded", 409);
            }
            var project = await db.LibraryProjects.FirstOrDefaultAsync(p => p.ApplicationId == report.ApplicationId, ct);
            if (project is not null)
            {
                project.Outcome = report.Body.Length <= LibraryProject.TextMaxLength ? report.Body : report.Body[..LibraryProject.TextMaxLength];
                project.EndOn ??= clock.ChinaToday();
                project.UpdatedAt = now;
                await db.SaveChangesAsync(ct);
            }
        }
        await tx.CommitAsync(ct);
        return await db.VentureReports.AsNoTracking().FirstAsync(r => r.Id == reportId, ct);
    }
}
