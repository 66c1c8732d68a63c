using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qingyun.Data;
using Qingyun.Resources;

namespace Qingyun.Security;

/// <summary>
/// Loads the signed-in account's live grants into <see cref="CurrentScope"/> once per request, so a
/// revoked grant, a disabled account or a reset password takes effect on the next request. An account
/// that must change its password may do nothing else: pages go to the change form, the API answers 403.
/// </summary>
public sealed class ScopeMiddleware(RequestDelegate next)
{
    private const string StampClaim = "AspNet.Identity.SecurityStamp";

    /// <summary>What the scope is loaded from: the account with its live grants.</summary>
    internal sealed record Account(string? UserName, string DisplayName, DateTimeOffset? DisabledAt, bool MustChangePassword,
        string? SecurityStamp, Guid? PersonId, List<ScopeGrant> Grants);

    /// <summary>
    /// An account an authentication handler has already read in its own round trip (the API token's owner),
    /// keyed by user id: the middleware uses it instead of reading it again.
    /// </summary>
    internal static void Preload(HttpContext http, Guid userId, Account account) => http.Items[typeof(Account)] = (userId, account);

    // The account and its live grants in one round trip: this runs before every request.
    private static readonly PerModel<Func<AppDbContext, Guid, CancellationToken, Task<Account?>>> AccountById = new(() =>
        EF.CompileAsyncQuery((AppDbContext db, Guid userId, CancellationToken ct) => db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new Account(u.UserName, u.DisplayName, u.DisabledAt, u.MustChangePassword, u.SecurityStamp, u.PersonId,
                db.Grants.Where(g => g.UserId == u.Id && g.RevokedAt == null)
                    .Join(db.OrgUnits.IgnoreQueryFilters(), g => g.UnitId, o => o.Id,
                        (g, o) => new ScopeGrant(g.Id, o.Id, o.Path, o.Code, o.Name, g.Role))
                    .ToList()))
            .FirstOrDefault()));

    public async Task InvokeAsync(HttpContext http, CurrentScope scope, AppDbContext db, IStringLocalizer<SharedResource> t)
    {
        scope.Ip = http.Connection.RemoteIpAddress?.ToString();
        var id = http.User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (id is not null && Guid.TryParse(id, out var userId))
        {
            var user = http.Items[typeof(Account)] is ValueTuple<Guid, Account> preloaded && preloaded.Item1 == userId
                ? preloaded.Item2
                : await AccountById.For(db)(db, userId, http.RequestAborted);
            var cookieStamp = http.User.FindFirstValue(StampClaim);
            var stale = cookieStamp is not null && cookieStamp != user?.SecurityStamp;
            if (user is null || user.DisabledAt is not null || stale)
            {
                http.User = new ClaimsPrincipal(new ClaimsIdentity());
            }
            else
            {
                scope.Load(userId, user.UserName ?? user.DisplayName, user.Grants, user.DisplayName);
                scope.SetPerson(user.PersonId);
                if (user.MustChangePassword && !MayWaitForPasswordChange(http.Request.Path))
                {
                    if (http.Request.Path.StartsWithSegments("/api"))
                    {
                        await Results.Problem(title: t["Problem.MustChangePassword"], statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(http);
                        return;
                    }
                    http.Response.Redirect("/account/change-password");
                    return;
                }
            }
        }
        await next(http);
    }

    private static bool MayWaitForPasswordChange(PathString path) =>
        path.StartsWithSegments("/account/change-password") || path.StartsWithSegments("/account/logout")
        || path.StartsWithSegments("/lib") || path.StartsWithSegments("/css") || path.StartsWithSegments("/error")
        || path.StartsWithSegments("/culture") || path.StartsWithSegments("/healthz");
}
