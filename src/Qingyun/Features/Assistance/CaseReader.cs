using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.Assistance;
using Qingyun.Domain.Audit;
using Qingyun.Domain.People;
using Qingyun.Security;

namespace Qingyun.Features.Assistance;

/// <summary>Why the viewer may open a case — decides what they may do and whether identifiers are ever shown in full.</summary>
public enum CaseRole
{
    /// <summary>Holds CasesRead (and usually CasesManage) over the case's unit.</summary>
    Admin = 1,
    /// <summary>个案负责人.</summary>
    Owner = 2,
    /// <summary>The volunteer (or a member of the team) paired with it now.</summary>
    Volunteer = 3,
}

/// <summary>
/// The one door to a case (decision 012): the query filter decides whether the viewer may see it at all
/// (not visible is 404, nothing leaks), this decides what they may do, and every opening is audited.
/// Pages and endpoints under /assistance and /serve/cases go through <see cref="OpenAsync"/>.
/// </summary>
public sealed class CaseReader(AppDbContext db, AuditLog audit)
{
    public sealed record CaseView(AssistanceCase Case, Person Beneficiary, string UnitName, string UnitPath, CaseRole Role, bool CanManage, bool CanApprove)
    {
        /// <summary>Owner or administrator: edits the case, its pairing and its plan.</summary>
        public bool CanEdit => CanManage || Role == CaseRole.Owner;
    }

    public async Task<Result<CaseView>> OpenAsync(Guid id, CancellationToken ct, bool tracked = false)
    {
        var set = tracked ? db.AssistanceCases : db.AssistanceCases.AsNoTracking();
        var c = await set.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null)
        {
            // A case that exists but is not this viewer's is refused as such (the issue asks for 403); its
            // id is a random v7 guid, so saying it exists tells nothing about whom it concerns.
            return await db.AssistanceCases.IgnoreQueryFilters().AnyAsync(x => x.Id == id, ct) ? Failure.Forbidden("Id") : Failure.NotFound("Id");
        }
        // The beneficiary and the unit are reached through the case: a volunteer reads neither list.
        var person = await db.People.IgnoreQueryFilters().AsNoTracking().FirstAsync(p => p.Id == c.PersonId, ct);
        var unit = await db.OrgUnits.IgnoreQueryFilters().AsNoTracking().Where(u => u.Id == c.UnitId).Select(u => new { u.Name, u.Path }).FirstAsync(ct);
        var view = new CaseView(c, person, unit.Name, unit.Path, RoleOf(c, unit.Path),
            db.Scope.Covers(unit.Path, Permission.CasesManage), db.Scope.Covers(unit.Path, Permission.CasesManage));
        await audit.RecordAsync(AuditAction.Read, nameof(AssistanceCase), c.Id.ToString(), c.UnitId, ct: ct);
        return view;
    }

    public CaseRole RoleOf(AssistanceCase c, string unitPath) =>
        db.Scope.Covers(unitPath, Permission.CasesRead) ? CaseRole.Admin
        : c.OwnerUserId == db.Scope.UserId ? CaseRole.Owner
        : CaseRole.Volunteer;

    /// <summary>The ID number as this viewer may see it: masked always, revealed only through RevealSensitive by an administrator.</summary>
    public static string? IdNumberFor(CaseView v) => v.Beneficiary.IdNumberMasked;

    /// <summary>Reads of lists are audited as one line naming how many cases were shown.</summary>
    public Task AuditListAsync(string what, int count, Guid? unitId, CancellationToken ct) =>
        audit.RecordAsync(AuditAction.Read, nameof(AssistanceCase), null, unitId, field: what, changes: $"{{\"count\":{count}}}", ct: ct);
}
