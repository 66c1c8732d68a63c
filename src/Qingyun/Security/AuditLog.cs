using Qingyun.Data;
using Qingyun.Domain.Audit;

namespace Qingyun.Security;

/// <summary>Audit lines that are not entity writes: reveals of sensitive fields, logins, exports.</summary>
public sealed class AuditLog(AppDbContext db, CurrentScope scope, TimeProvider clock)
{
    public async Task RecordAsync(AuditAction action, string entityType, string? entityId, Guid? unitId,
        string? field = null, string? changes = null, CancellationToken ct = default)
    {
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow(),
            UserId = scope.UserId,
            UserName = scope.UserName,
            Ip = scope.Ip,
            UnitId = unitId,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            Field = field,
            Changes = changes,
        });
        await db.SaveChangesAsync(ct);
    }
}
