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
    AppDbContext db, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Token";

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
        var token = await db.ApiTokens.AsNoTracking().FirstOrDefaultAsync(t => t.Hash == hash && t.RevokedAt == null);
        if (token is null || token.ExpiresAt <= now)
        {
            return AuthenticateResult.Fail("Token not valid.");
        }
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == token.UserId && u.DisabledAt == null);
        if (user is null)
        {
            return AuthenticateResult.Fail("Token owner not active.");
        }
        if (token.LastUsedAt is null || now - token.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            // Usage bookkeeping, not a business write: kept out of the audit log on purpose.
            await db.ApiTokens.Where(t => t.Id == token.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now));
        }
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, user.Id.ToString()),
            new Claim(ClaimTypes.Name, user.UserName ?? ""),
            new Claim("token_id", token.Id.ToString()),
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
