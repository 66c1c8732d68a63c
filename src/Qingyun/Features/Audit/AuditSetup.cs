using Microsoft.Extensions.Localization;
using Qingyun.Domain.Access;
using Qingyun.Domain.Audit;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Audit;

public static class AuditSetup
{
    public static WebApplication MapAuditApi(this WebApplication app)
    {
        app.MapGet("/api/v1/audit", async (DateOnly? from, DateOnly? to, string? user, AuditAction? action, string? entityType, Guid? unitId, Guid? before,
            SearchAudit search, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await search.Handle(new AuditQuery(from, to, user, action, entityType, unitId, before), ct);
            return r.Ok ? Results.Ok(new { items = r.Value!.Items, next = r.Value.Next }) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.AuditRead).WithTags("Audit").WithName("SearchAudit");
        return app;
    }
}
