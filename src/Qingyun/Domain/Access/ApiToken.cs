namespace Qingyun.Domain.Access;

/// <summary>
/// A personal access token for machine clients. Only its SHA-256 hash is stored; the clear value is
/// shown once. It acts with its owner's grants, so it can never see more than the owner.
/// </summary>
public sealed class ApiToken
{
    public const string ClearPrefix = "qy_";

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }
    public string Name { get; set; } = "";
    public string Hash { get; set; } = "";
    public string Hint { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
