using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Security;

namespace Qingyun.Features.Accounts;

/// <summary>A signed-in user's own personal access tokens: create (clear value shown once), list, revoke.</summary>
public sealed class ApiTokens(AppDbContext db, TimeProvider clock)
{
    public sealed record Created(ApiToken Token, string Clear);

    public async Task<IReadOnlyList<ApiToken>> MineAsync(CancellationToken ct) =>
        await db.ApiTokens.Where(t => t.UserId == db.Scope.UserId).OrderByDescending(t => t.CreatedAt).ToListAsync(ct);

    public async Task<Result<Created>> CreateAsync(string? name, int? days, CancellationToken ct)
    {
        var n = (name ?? "").Trim();
        if (n.Length == 0)
        {
            return Failure.Required("TokenName");
        }
        if (n.Length > 50)
        {
            return Failure.TooLong("TokenName", 50);
        }
        if (days is not null and (< 1 or > 365))
        {
            return new Failure("Days", "Range", 400, 1, 365);
        }
        var clear = ApiToken.ClearPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow();
        var token = new ApiToken
        {
            UserId = db.Scope.UserId ?? throw new InvalidOperationException("no user"),
            Name = n,
            Hash = TokenAuthenticationHandler.Hash(clear),
            Hint = clear[..7] + "…",
            CreatedAt = now,
            ExpiresAt = now.AddDays(days ?? 90),
        };
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(ct);
        return new Created(token, clear);
    }

    public async Task<Result<ApiToken>> RevokeAsync(Guid id, CancellationToken ct)
    {
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == id && t.UserId == db.Scope.UserId, ct);
        if (token is null)
        {
            return Failure.NotFound("TokenId");
        }
        token.RevokedAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return token;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
