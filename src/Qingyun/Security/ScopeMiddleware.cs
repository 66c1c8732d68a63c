using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qingyun.Data;
using Qingyun.Domain.Access;
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

    /// <summary>
    /// One row of an account read: the account with one of its live grants and that grant's unit, or with none. Read
    /// flat, a join rather than a collection: EF has the database sort a collection's rows and shapes each through a
    /// nested delegate, work the token read did for every group at a busy gate. <see cref="Gather"/> makes the account
    /// of its rows.
    /// </summary>
    internal sealed record AccountRow(string? UserName, string DisplayName, DateTimeOffset? DisabledAt, bool MustChangePassword,
        string? SecurityStamp, Guid? PersonId, Guid? GrantId, Guid? UnitId, string? UnitPath, string? UnitCode, string? UnitName, Role? Role);

    /// <summary>The account of one user's rows, its grants in the order of their ids as the database orders them (as before).</summary>
    internal static Account Gather(IReadOnlyList<AccountRow> rows)
    {
        var first = rows[0];
        var grants = new List<ScopeGrant>(rows.Count);
        foreach (var r in rows)
        {
            if (r is { GrantId: { } grantId, UnitId: { } unitId, Role: { } role })
            {
                grants.Add(new ScopeGrant(grantId, unitId, r.UnitPath!, r.UnitCode!, r.UnitName!, role));
            }
        }
        if (grants.Count > 1)
        {
            // A uuid's text is its bytes in order, which is how PostgreSQL and SQLite compare them.
            grants.Sort((a, b) => string.CompareOrdinal(a.GrantId.ToString(), b.GrantId.ToString()));
        }
        return new Account(first.UserName, first.DisplayName, first.DisabledAt, first.MustChangePassword, first.SecurityStamp, first.PersonId, grants);
    }

    // The account and its live grants in one round trip: this runs before every request.
    private static readonly PerModel<Func<AppDbContext, Guid, IAsyncEnumerable<AccountRow>>> AccountById = new(() =>
        EF.CompileAsyncQuery((AppDbContext db, Guid userId) =>
            from u in db.Users.AsNoTracking().Where(u => u.Id == userId)
            join g in (from g in db.Grants.Where(g => g.RevokedAt == null)
                       join o in db.OrgUnits.IgnoreQueryFilters() on g.UnitId equals o.Id
                       select new { g.UserId, g.Id, UnitId = o.Id, o.Path, o.Code, o.Name, g.Role }) on u.Id equals g.UserId into held
            from g in held.DefaultIfEmpty()
            select new AccountRow(u.UserName, u.DisplayName, u.DisabledAt, u.MustChangePassword, u.SecurityStamp, u.PersonId,
                (Guid?)g.Id, (Guid?)g.UnitId, g.Path, g.Code, g.Name, (Role?)g.Role)));

    private static async Task<Account?> ReadAccountAsync(AppDbContext db, Guid userId, CancellationToken ct)
    {
        var rows = new List<AccountRow>();
        await foreach (var row in AccountById.For(db)(db, userId).WithCancellation(ct))
        {
            rows.Add(row);
        }
        return rows.Count == 0 ? null : Gather(rows);
    }

    // The context and the localizer are asked for only when needed: an API call's account comes read with its token,
    // and a context leased from the pool and handed back for nothing was 2 % of the app's work at a busy gate.
    public async Task InvokeAsync(HttpContext http, CurrentScope scope)
    {
        scope.Ip = http.Connection.RemoteIpAddress?.ToString();
        var id = http.User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (id is not null && Guid.TryParse(id, out var userId))
        {
            var user = http.Items[typeof(Account)] is ValueTuple<Guid, Account> preloaded && preloaded.Item1 == userId
                ? preloaded.Item2
                : await ReadAccountAsync(http.RequestServices.GetRequiredService<AppDbContext>(), userId, http.RequestAborted);
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
                        var t = http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
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
