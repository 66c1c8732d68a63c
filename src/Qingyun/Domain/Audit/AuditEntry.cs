namespace Qingyun.Domain.Audit;

public enum AuditAction
{
    Create = 1,
    Update = 2,
    Delete = 3,
    Reveal = 4,
    Login = 5,
    LoginFailed = 6,
    Export = 7,
    Import = 8,
    Download = 9,
    /// <summary>A record read where the law asks for every read to be logged (assistance cases).</summary>
    Read = 10,
}

/// <summary>
/// One line of the audit log: who, when, from where, which unit, what changed. Append-only: the
/// application never updates or deletes one, and the database refuses it (triggers in the migrations).
/// </summary>
public sealed class AuditEntry
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public DateTimeOffset At { get; set; }
    public Guid? UserId { get; set; }
    public string? UserName { get; set; }
    public string? Ip { get; set; }
    public Guid? UnitId { get; set; }
    public AuditAction Action { get; set; }
    public string EntityType { get; set; } = "";
    public string? EntityId { get; set; }
    public string? Field { get; set; }
    /// <summary>JSON object of {property: [before, after]}; sensitive values appear masked.</summary>
    public string? Changes { get; set; }
}
