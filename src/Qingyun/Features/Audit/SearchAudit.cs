using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Audit;

namespace Qingyun.Features.Audit;

public sealed record AuditQuery(DateOnly? From, DateOnly? To, string? User, AuditAction? Action, string? EntityType, Guid? UnitId, Guid? Before);

public sealed record AuditPage(IReadOnlyList<AuditEntry> Items, Guid? Next);

/// <summary>The audit log within the caller's scope (the DbContext filter), newest first.</summary>
public sealed class SearchAudit(AppDbContext db)
{
    public const int PageSize = 100;

    public async Task<Result<AuditPage>> Handle(AuditQuery q, CancellationToken ct)
    {
        var query = db.AuditEntries.AsNoTracking().AsQueryable();
        foreach (var (field, day) in new[] { ("From", q.From), ("To", q.To) })
        {
            if (day is { Year: < 2000 or > 2100 })
            {
                return new Failure(field, "Range", 400, "2000-01-01", "2100-12-31");
            }
        }
        if (q.From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8)).ToUniversalTime();
            query = query.Where(a => a.At >= start);
        }
        if (q.To is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8)).ToUniversalTime();
            query = query.Where(a => a.At < end);
        }
        if (!string.IsNullOrWhiteSpace(q.User))
        {
            var u = q.User.Trim();
            query = query.Where(a => a.UserName == u);
        }
        if (q.Action is { } action)
        {
            query = query.Where(a => a.Action == action);
        }
        if (!string.IsNullOrWhiteSpace(q.EntityType))
        {
            var e = q.EntityType.Trim();
            query = query.Where(a => a.EntityType == e);
        }
        if (q.UnitId is { } unitId)
        {
            var path = await db.OrgUnits.Where(u => u.Id == unitId).Select(u => u.Path).FirstOrDefaultAsync(ct);
            if (path is null)
            {
                return Failure.NotFound("UnitId");
            }
            query = query.Where(a => db.OrgUnits.Any(u => u.Id == a.UnitId && u.Path.StartsWith(path)));
        }
        if (q.Before is { } before)
        {
            query = query.Where(a => a.Id.CompareTo(before) < 0);
        }
        var items = await query.OrderByDescending(a => a.Id).Take(PageSize + 1).ToListAsync(ct);
        Guid? next = null;
        if (items.Count > PageSize)
        {
            items.RemoveAt(PageSize);
            next = items[^1].Id;
        }
        return new AuditPage(items, next);
    }
}
