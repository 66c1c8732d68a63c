using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.SocialOrgs;
using Qingyun.Security;

namespace Qingyun.Features.SocialOrgs.Ventures;

/// <summary>Reading rounds and applications for staff (through the scope) and for an organization's own account.</summary>
public sealed class RoundReader(AppDbContext db)
{
    public const int Limit = 200;

    public sealed record Summary(decimal Budget, decimal Awarded, decimal Paid, decimal ToPay, decimal Unawarded, int Funded, int Completed, int Applications);

    public sealed record AppRow(VentureApplication Application, string OrganizationName, decimal Paid);

    public sealed record RoundView(VentureRound Round, string UnitName, string SchemeName, IReadOnlyList<EvaluationCriterion> Criteria,
        EvaluationStatus? EvaluationStatus, IReadOnlyList<AppRow> Applications, Summary Figures, bool CanManage);

    public sealed record ApplicationView(VentureApplication Application, VentureRound Round, string OrganizationName,
        IReadOnlyList<VentureReport> Reports, IReadOnlyList<VentureDisbursement> Payments, decimal Paid, bool CanManage);

    /// <summary>Staff: the rounds of units in scope. An organization's account: the open rounds it may apply to.</summary>
    public async Task<IReadOnlyList<VentureRound>> ListAsync(int? year, RoundStatus? status, CancellationToken ct)
    {
        var q = db.VentureRounds.AsNoTracking();
        if (year is { } y)
        {
            q = q.Where(r => r.Year == y);
        }
        if (status is { } s)
        {
            q = q.Where(r => r.Status == s);
        }
        return await q.OrderByDescending(r => r.Year).ThenByDescending(r => r.ApplyFrom).Take(Limit).ToListAsync(ct);
    }

    /// <summary>The open rounds (and those reviewing or running) that the organization may apply to or has applied to.</summary>
    public async Task<IReadOnlyList<VentureRound>> ForOrganizationAsync(SocialOrganization org, CancellationToken ct)
    {
        var orgPath = await VentureRules.UnitPathAsync(db, org.UnitId, ct) ?? "";
        var rounds = await db.VentureRounds.AsNoTracking().Where(r => r.Status != RoundStatus.Draft)
            .OrderByDescending(r => r.ApplyUntil).Take(Limit).ToListAsync(ct);
        var unitIds = rounds.Select(r => r.UnitId).Distinct().ToList();
        var paths = await db.OrgUnits.IgnoreQueryFilters([AppDbContext.ScopeFilter]).Where(u => unitIds.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.Path, ct);
        return rounds.Where(r => paths.TryGetValue(r.UnitId, out var p) && orgPath.StartsWith(p, StringComparison.Ordinal)).ToList();
    }

    public static Summary Figures(VentureRound round, IReadOnlyList<AppRow> rows)
    {
        var funded = rows.Where(r => r.Application.Status is ApplicationStatus.Awarded or ApplicationStatus.Completed).ToList();
        var awarded = funded.Sum(r => r.Application.Awarded ?? 0);
        var paid = rows.Sum(r => r.Paid);
        return new Summary(round.Budget, awarded, paid, awarded - paid, round.Budget - awarded, funded.Count,
            funded.Count(r => r.Application.Status == ApplicationStatus.Completed), rows.Count(r => r.Application.Status != ApplicationStatus.Withdrawn));
    }

    public async Task<Result<RoundView>> RoundAsync(Guid roundId, CancellationToken ct)
    {
        var found = await db.OwnedAsync(db.VentureRounds.AsNoTracking(), r => r.Id == roundId, Permission.SocialOrgsRead, ct);
        if (!found.Ok)
        {
            return Result<RoundView>.Fail(found.Failures);
        }
        var round = found.Value!;
        var unit = await db.OrgUnits.Where(u => u.Id == round.UnitId).Select(u => new { u.Name, u.Path }).FirstAsync(ct);
        var scheme = await db.EvaluationSchemes.Where(s => s.Id == round.SchemeId).Select(s => s.Name).FirstOrDefaultAsync(ct) ?? "";
        var criteria = await db.EvaluationCriteria.AsNoTracking().Where(c => c.SchemeId == round.SchemeId).OrderBy(c => c.SortOrder).ToListAsync(ct);
        var evaluationStatus = round.EvaluationId is { } e
            ? await db.Evaluations.Where(x => x.Id == e).Select(x => (EvaluationStatus?)x.Status).FirstOrDefaultAsync(ct) : null;
        var rows = await ApplicationsAsync(roundId, ct);
        return new RoundView(round, unit.Name, scheme, criteria, evaluationStatus, rows, Figures(round, rows),
            db.Scope.Covers(unit.Path, Permission.SocialOrgsManage));
    }

    public async Task<IReadOnlyList<AppRow>> ApplicationsAsync(Guid roundId, CancellationToken ct)
    {
        var rows = await (
            from a in db.VentureApplications.AsNoTracking()
            where a.RoundId == roundId
            join o in db.SocialOrganizations on a.OrganizationId equals o.Id into orgs
            from o in orgs.DefaultIfEmpty()
            orderby a.SubmittedAt
            select new { a, Name = o == null ? "" : o.Name }).ToListAsync(ct);
        var ids = rows.Select(r => r.a.Id).ToList();
        var payments = (await db.VentureDisbursements.Where(d => ids.Contains(d.ApplicationId)).Select(d => new { d.ApplicationId, d.Amount }).ToListAsync(ct))
            .GroupBy(d => d.ApplicationId).ToDictionary(g => g.Key, g => g.Sum(d => d.Amount));
        return rows.Select(r => new AppRow(r.a, r.Name, payments.GetValueOrDefault(r.a.Id))).ToList();
    }

    /// <summary>One application as staff see it (read scope over the round's unit).</summary>
    public async Task<Result<ApplicationView>> ApplicationAsync(Guid applicationId, CancellationToken ct)
    {
        var found = await db.OwnedAsync(db.VentureApplications.AsNoTracking(), a => a.Id == applicationId, Permission.SocialOrgsRead, ct);
        if (!found.Ok)
        {
            return Result<ApplicationView>.Fail(found.Failures);
        }
        var path = await VentureRules.UnitPathAsync(db, found.Value!.UnitId, ct) ?? "";
        return await ViewAsync(found.Value, db.Scope.Covers(path, Permission.SocialOrgsManage), ct);
    }

    /// <summary>One of the signed-in organization's own applications; anything else is not found.</summary>
    public async Task<Result<ApplicationView>> OwnApplicationAsync(Guid applicationId, CancellationToken ct)
    {
        var org = await VentureRules.OwnOrganizationAsync(db, ct);
        var application = org is null ? null
            : await db.VentureApplications.AsNoTracking().FirstOrDefaultAsync(a => a.Id == applicationId && a.OrganizationId == org.Id, ct);
        return application is null ? Failure.NotFound("Id") : await ViewAsync(application, false, ct);
    }

    public async Task<IReadOnlyList<(VentureApplication Application, VentureRound Round)>> OwnApplicationsAsync(SocialOrganization org, CancellationToken ct)
    {
        var rows = await (
            from a in db.VentureApplications.AsNoTracking()
            where a.OrganizationId == org.Id
            join r in db.VentureRounds.AsNoTracking() on a.RoundId equals r.Id
            orderby a.SubmittedAt descending
            select new { a, r }).Take(Limit).ToListAsync(ct);
        return rows.Select(x => (x.a, x.r)).ToList();
    }

    private async Task<ApplicationView> ViewAsync(VentureApplication a, bool canManage, CancellationToken ct)
    {
        var round = await db.VentureRounds.AsNoTracking().FirstAsync(r => r.Id == a.RoundId, ct);
        var name = await db.SocialOrganizations.Where(o => o.Id == a.OrganizationId).Select(o => o.Name).FirstOrDefaultAsync(ct) ?? "";
        var reports = await db.VentureReports.AsNoTracking().Where(r => r.ApplicationId == a.Id).OrderBy(r => r.SubmittedAt).ToListAsync(ct);
        var payments = await db.VentureDisbursements.AsNoTracking().Where(d => d.ApplicationId == a.Id).OrderBy(d => d.On).ThenBy(d => d.At).ToListAsync(ct);
        return new ApplicationView(a, round, name, reports, payments, payments.Sum(p => p.Amount), canManage);
    }
}
