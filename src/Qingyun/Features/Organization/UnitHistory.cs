using Qingyun.Domain.Organization;
using Qingyun.Security;

namespace Qingyun.Features.Organization;

internal static class UnitHistory
{
    public static OrgUnitEvent Event(CurrentScope scope, Guid unitId, OrgUnitEventKind kind, string? before, string? after, DateTimeOffset at) => new()
    {
        UnitId = unitId,
        Kind = kind,
        Before = before,
        After = after,
        At = at,
        ByUserId = scope.UserId,
        ByUserName = scope.UserName,
    };
}
