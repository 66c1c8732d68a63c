using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.Audit;
using Qingyun.Domain.Organization;
using Qingyun.Security;

namespace Qingyun.Features.Organization;

/// <summary>
/// Moves a unit with its whole subtree under another parent. The caller must manage both the unit and
/// the new parent. The subtree's paths are rewritten in one statement inside the same transaction.
/// </summary>
public static class MoveUnit
{
    public sealed record Command(Guid Id, Guid? NewParentId);

    public sealed class Handler(AppDbContext db, TimeProvider clock, AuditLog audit)
    {
        public async Task<Result<OrgUnit>> Handle(Command c, CancellationToken ct)
        {
            var found = await db.UnitForAsync(c.Id, Permission.UnitsManage, "Id", ct);
            if (!found.Ok)
            {
                return found;
            }
            var unit = found.Value!;
            var target = await db.UnitForAsync(c.NewParentId, Permission.UnitsManage, "NewParentId", ct);
            if (!target.Ok)
            {
                return Result<OrgUnit>.Fail(target.Failures);
            }
            var parent = target.Value!;
            if (parent.IsInSubtreeOf(unit))
            {
                return new Failure("NewParentId", "MoveIntoOwnSubtree", 409);
            }
            if (parent.IsClosed)
            {
                return new Failure("NewParentId", "ParentClosed", 409);
            }
            if (unit.ParentId == parent.Id)
            {
                return unit;
            }

            var oldPath = unit.Path;
            var newPath = OrgUnit.PathFor(parent, unit.Id);
            var depthDelta = parent.Depth + 1 - unit.Depth;
            var before = unit.ParentId is { } oldParentId
                ? await db.OrgUnits.IgnoreQueryFilters().Where(u => u.Id == oldParentId).Select(u => u.Code + " " + u.Name).FirstOrDefaultAsync(ct)
                : null;
            var now = clock.GetUtcNow();

            await using var tx = await db.Database.BeginTransactionAsync(ct);
            unit.ParentId = parent.Id;
            unit.Path = newPath;
            unit.Depth = parent.Depth + 1;
            unit.RootId = parent.RootId;
            unit.SortOrder = (await db.OrgUnits.IgnoreQueryFilters().Where(u => u.ParentId == parent.Id).MaxAsync(u => (int?)u.SortOrder, ct) ?? 0) + 1;
            db.OrgUnitEvents.Add(UnitHistory.Event(db.Scope, unit.Id, OrgUnitEventKind.Moved, before, $"{parent.Code} {parent.Name}", now));
            await db.SaveChangesAsync(ct);
            var oldLength = oldPath.Length;
#pragma warning disable CA1845 // an expression for SQL, not string code: spans do not translate
            var rewritten = await db.OrgUnits.IgnoreQueryFilters()
                .Where(u => u.Path.StartsWith(oldPath) && u.Id != unit.Id)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(u => u.Path, u => newPath + u.Path.Substring(oldLength))
                    .SetProperty(u => u.Depth, u => u.Depth + depthDelta)
                    .SetProperty(u => u.RootId, parent.RootId), ct);
#pragma warning restore CA1845
            // The bulk rewrite bypasses the change tracker, so it gets its own audit line.
            await audit.RecordAsync(AuditAction.Update, nameof(OrgUnit), unit.Id.ToString(), unit.Id, "Path",
                System.Text.Json.JsonSerializer.Serialize(new { Path = new[] { oldPath, newPath }, Descendants = new[] { null, (object)rewritten } }, AuditInterceptor.JsonOptions), ct);
            await tx.CommitAsync(ct);
            return unit;
        }
    }
}
