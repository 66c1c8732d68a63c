using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Qingyun.Data;
using Qingyun.Domain.Access;
using Qingyun.Infrastructure;

namespace Qingyun.Security;

/// <summary>"Authorization: Bearer qy_…" for machine clients; the token acts as its owner.</summary>
public sealed class TokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    TokenReader tokens, TokenUsage usage, TimeProvider clock)
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
        var found = await tokens.ReadAsync(hash);
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

/// <summary>
/// Reads API tokens with their owners and the owners' live grants, for many calls at once: the calls that arrive while
/// one group is read go together in the next (<see cref="Grouped{T}"/>), one query for all of them. A lone call is
/// read at once. At a busy gate every check-in is a new token; its own round trip was half the database's work.
/// </summary>
public sealed class TokenReader
{
    internal sealed record TokenOwner(Guid Id, DateTimeOffset? ExpiresAt, DateTimeOffset? LastUsedAt, Guid UserId, ScopeMiddleware.Account Account);

    /// <summary>A token with its owner and one of the owner's live grants (or none): the rows are flat, see <see cref="ScopeMiddleware.AccountRow"/>.</summary>
    internal sealed record TokenRow(Guid Id, string Hash, DateTimeOffset? ExpiresAt, DateTimeOffset? LastUsedAt, Guid UserId, ScopeMiddleware.AccountRow Account);

    // Compiled: EF's extraction of a query's parameters was 7 % of the app's CPU at a busy gate. The hashes go in as
    // parameters (EF pads their number, so a few statements serve every size of group).
    private static readonly PerModel<Func<AppDbContext, string[], IAsyncEnumerable<TokenRow>>> TokensByHash = new(() =>
        EF.CompileAsyncQuery((AppDbContext db, string[] hashes) =>
            from t in db.ApiTokens.AsNoTracking().Where(t => hashes.Contains(t.Hash) && t.RevokedAt == null)
            join u in db.Users on t.UserId equals u.Id
            join g in (from g in db.Grants.Where(g => g.RevokedAt == null)
                       join o in db.OrgUnits.IgnoreQueryFilters() on g.UnitId equals o.Id
                       select new { g.UserId, g.Id, UnitId = o.Id, o.Path, o.Code, o.Name, g.Role }) on u.Id equals g.UserId into held
            from g in held.DefaultIfEmpty()
            select new TokenRow(t.Id, t.Hash, t.ExpiresAt, t.LastUsedAt, u.Id,
                new ScopeMiddleware.AccountRow(u.UserName, u.DisplayName, u.DisabledAt, u.MustChangePassword, u.SecurityStamp, u.PersonId,
                    (Guid?)g.Id, (Guid?)g.UnitId, g.Path, g.Code, g.Name, (Role?)g.Role))));

    /// <summary>Tokens per read: well inside both providers' limits on parameters.</summary>
    private const int MaxGroup = 500;

    private readonly IServiceScopeFactory _scopes;
    private readonly GroupedReads<string, TokenOwner?> _reads;

    public TokenReader(IServiceScopeFactory scopes, ILogger<TokenReader> log)
    {
        _scopes = scopes;
        _reads = new(ReadGroupAsync, log, "API tokens", MaxGroup);
    }

    /// <summary>The live (not revoked) token with this hash, its owner and the owner's live grants; null if there is none.</summary>
    internal Task<TokenOwner?> ReadAsync(string hash) => _reads.ReadAsync(hash);

    private async Task ReadGroupAsync(Asked<string, TokenOwner?>[] group)
    {
        await using var scope = _scopes.CreateAsyncScope();
        // Tokens, accounts and grants are not scoped records; the grants' units are read past the scope filter, as
        // the scope middleware reads them.
        scope.ServiceProvider.GetRequiredService<CurrentScope>().RunAsSystem("sign-in");
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        string[] hashes = [.. group.Select(a => a.Key).Distinct()];
        // A token comes once per live grant of its owner; a volunteer's (no grants) once.
        var rows = new Dictionary<string, List<TokenRow>>(StringComparer.Ordinal);
        await foreach (var row in TokensByHash.For(db)(db, hashes))
        {
            if (!rows.TryGetValue(row.Hash, out var same))
            {
                rows[row.Hash] = same = new List<TokenRow>(1);
            }
            same.Add(row);
        }
        var found = new Dictionary<string, TokenOwner>(rows.Count, StringComparer.Ordinal);
        foreach (var (hash, same) in rows)
        {
            var t = same[0];
            found[hash] = new TokenOwner(t.Id, t.ExpiresAt, t.LastUsedAt, t.UserId, ScopeMiddleware.Gather([.. same.Select(r => r.Account)]));
        }
        foreach (var ask in group)
        {
            ask.Done.TrySetResult(found.GetValueOrDefault(ask.Key));
        }
    }
}
