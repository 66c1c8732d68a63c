using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Qingyun.Data;
using Qingyun.Domain.Access;

namespace Qingyun.Security;

/// <summary>"Authorization: Bearer qy_…" for machine clients; the token acts as its owner.</summary>
public sealed class TokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    AppDbContext db, TokenUsage usage, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Token";

    private sealed record TokenOwner(Guid Id, DateTimeOffset? ExpiresAt, DateTimeOffset? LastUsedAt, Guid UserId, ScopeMiddleware.Account Account);

    // The token, its owner and the owner's live grants in one round trip: this runs before every API call a
    // machine client makes, and the scope middleware takes the account from here instead of reading it again.
    // (The account's shape is ScopeMiddleware's, read there by user id for the pages.)
    private static readonly PerModel<Func<AppDbContext, string, CancellationToken, Task<TokenOwner?>>> TokenByHash = new(() =>
        EF.CompileAsyncQuery((AppDbContext db, string hash, CancellationToken ct) => db.ApiTokens.AsNoTracking()
            .Where(t => t.Hash == hash && t.RevokedAt == null)
            .Join(db.Users, t => t.UserId, u => u.Id, (t, u) => new TokenOwner(t.Id, t.ExpiresAt, t.LastUsedAt, u.Id,
                new ScopeMiddleware.Account(u.UserName, u.DisplayName, u.DisabledAt, u.MustChangePassword, u.SecurityStamp, u.PersonId,
                    db.Grants.Where(g => g.UserId == u.Id && g.RevokedAt == null)
                        .Join(db.OrgUnits.IgnoreQueryFilters(), g => g.UnitId, o => o.Id,
                            (g, o) => new ScopeGrant(g.Id, o.Id, o.Path, o.Code, o.Name, g.Role))
                        .ToList())))
            .FirstOrDefault()));

    public static string Hash(string clear) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(clear)));

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }
        var clear = header["Bearer ".Length..].Trim();
        if (!clear.StartsWith(ApiToken.ClearPrefix, StringComparison.Ordinal))
        {
            return AuthenticateResult.Fail("Unknown token format.");
        }
        var hash = Hash(clear);
        var now = clock.GetUtcNow();
        var found = await TokenByHash.For(db)(db, hash, CancellationToken.None);
        if (found is null || found.ExpiresAt <= now)
        {
            return AuthenticateResult.Fail("Token not valid.");
        }
        if (found.Account.DisabledAt is not null)
        {
            return AuthenticateResult.Fail("Token owner not active.");
        }
        if (found.LastUsedAt is null || now - found.LastUsedAt > TokenUsage.Precision)
        {
            usage.Mark(found.Id, now);
        }
        ScopeMiddleware.Preload(Context, found.UserId, found.Account);
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, found.UserId.ToString()),
            new Claim(ClaimTypes.Name, found.Account.UserName ?? ""),
            new Claim("token_id", found.Id.ToString()),
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
