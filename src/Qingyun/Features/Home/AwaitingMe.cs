using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain.Access;
using Qingyun.Domain.Rosters;
using Qingyun.Features.Transfers;
using Qingyun.Security;

namespace Qingyun.Features.Home;

/// <summary>
/// The start page's to-do list: workflow steps that wait for the signed-in user — approvals for the
/// level above, transfer requests to route or answer. Counted over rows in scope, then narrowed to the
/// ones this user may decide (the same checks the handlers make).
/// </summary>
public sealed class AwaitingMe(AppDbContext db)
{
    public sealed record Counts(int Admissions, int Transfers, int Reviews, int Recommendations)
    {
        public int Total => Admissions + Transfers + Reviews + Recommendations;
    }

    private const int Cap = 500;

    public async Task<Counts?> CountAsync(CancellationToken ct)
    {
        if (!db.Scope.Has(Permission.PeopleManage))
        {
            return null;
        }
        var admissions = await PathsAsync(db.Recruits.Where(r => r.Stage == RecruitStage.Proposed).Select(r => r.UnitId), ct);
        var reviews = await PathsAsync(db.ReviewRounds.Where(r => r.State == ReviewState.Submitted).Select(r => r.UnitId), ct);
        var recommendations = await PathsAsync(db.Recommendations.Where(r => r.State == RecommendationState.MeetingHeld).Select(r => r.UnitId), ct);
        var open = await db.Transfers.AsNoTracking().Where(t => t.State == TransferState.AwaitingAncestor || t.State == TransferState.Pending)
            .OrderBy(t => t.Id).Take(Cap).ToListAsync(ct);
        var units = open.SelectMany(t => new[] { t.AncestorUnitId, TransferSteps.DecidingUnit(t) }).Distinct().ToList();
        // Paths only, to test this user's grants; the units may lie outside their read scope.
        var paths = await db.OrgUnits.IgnoreQueryFilters().Where(u => units.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Path, ct);
        var transfers = open.Count(t => db.Scope.Covers(paths[t.State == TransferState.AwaitingAncestor ? t.AncestorUnitId : TransferSteps.DecidingUnit(t)], Permission.PeopleManage));
        return new Counts(admissions.Count(db.Scope.CanApprove), transfers, reviews.Count(db.Scope.CanApprove), recommendations.Count(db.Scope.CanApprove));
    }

    private async Task<List<string>> PathsAsync(IQueryable<Guid> unitIds, CancellationToken ct) =>
        await (from id in unitIds.Take(Cap) join u in db.OrgUnits on id equals u.Id select u.Path).ToListAsync(ct);
}
