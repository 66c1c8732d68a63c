using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Qingyun.Data;

namespace Qingyun.Security;

/// <summary>
/// Loads the signed-in account's live grants into <see cref="CurrentScope"/> once per request, so a
/// revoked grant or a disabled account takes effect on the next request. Also sends an account that
/// must change its password to the change page before anything else.
/// </summary>
public sealed class ScopeMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http, CurrentScope scope, AppDbContext db)
    {
        scope.Ip = http.Connection.RemoteIpAddress?.ToString();
        var id = http.User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (id is not null && Guid.TryParse(id, out var userId))
        {
            var user = await db.Users.AsNoTracking()
                .Where(u => u.Id == userId)
                .Select(u => new { u.UserName, u.DisplayName, u.DisabledAt, u.MustChangePassword })
                .FirstOrDefaultAsync(http.RequestAborted);
            if (user is null || user.DisabledAt is not null)
            {
                http.User = new ClaimsPrincipal(new ClaimsIdentity());
            }
            else
            {
                var grants = await db.Grants.AsNoTracking()
                    .Where(g => g.UserId == userId && g.RevokedAt == null)
                    .Join(db.OrgUnits.IgnoreQueryFilters(), g => g.UnitId, u => u.Id,
                        (g, u) => new ScopeGrant(g.Id, u.Id, u.Path, u.Code, u.Name, g.Role))
                    .ToListAsync(http.RequestAborted);
                scope.Load(userId, user.UserName ?? user.DisplayName, grants);
                if (user.MustChangePassword && NeedsPasswordChangeFirst(http))
                {
                    http.Response.Redirect("/account/change-password");
                    return;
                }
            }
        }
        await next(http);
    }

    private static bool NeedsPasswordChangeFirst(HttpContext http)
    {
        var path = http.Request.Path;
        return !path.StartsWithSegments("/account") && !path.StartsWithSegments("/api")
            && !path.StartsWithSegments("/lib") && !path.StartsWithSegments("/css") && !path.StartsWithSegments("/js")
            && !path.StartsWithSegments("/healthz");
    }
}
