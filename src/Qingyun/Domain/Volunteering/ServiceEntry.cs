namespace Qingyun.Domain.Volunteering;

public enum EntryKind
{
    Attendance = 1,  // 签到签退，组织方确认
    Manual = 2,      // 组织方手工补录（标注）
    Reversal = 3,    // 更正：冲销一条原记录
    Imported = 4,    // 从其他平台导入
}

/// <summary>
/// 志愿服务记录: one line of a volunteer's append-only hours record. Lines are never updated or
/// deleted; a correction is a new line with negative minutes that reverses an earlier one, with a
/// reason and who made it. Each line is numbered per volunteer and carries a keyed hash of its content
/// and of the previous line's hash, so `qingyun verify` finds any line changed, removed or inserted
/// outside the application.
/// </summary>
public sealed class ServiceEntry : IUnitOwned
{
    public const int ContentMaxLength = 200;
    public const int ReasonMaxLength = 500;
    public const int SourceMaxLength = 50;
    public const int ExternalIdMaxLength = 100;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid VolunteerId { get; set; }
    /// <summary>The organizing unit that recorded it ("谁组织谁记录").</summary>
    public Guid UnitId { get; set; }
    public Guid? ActivityId { get; set; }
    public Guid? AttendanceId { get; set; }
    public EntryKind Kind { get; set; }
    public int Minutes { get; set; }
    public DateOnly ServiceDate { get; set; }
    public string Content { get; set; } = "";
    public Guid? ReversesEntryId { get; set; }
    public string? Reason { get; set; }
    public string RecordedBy { get; set; } = "";
    public DateTimeOffset RecordedAt { get; set; }
    /// <summary>For imported lines: the platform it came from and its id there; the pair is unique.</summary>
    public string? Source { get; set; }
    public string? ExternalId { get; set; }
    public int Sequence { get; set; }
    public string PreviousHash { get; set; } = "";
    public string Hash { get; set; } = "";
}

public enum DisputeState
{
    Open = 1,      // 待答复
    Corrected = 2, // 已更正
    Upheld = 3,    // 维持原记录（附答复）
}

/// <summary>A volunteer's objection to a line of their record; the organizing unit must answer it.</summary>
public sealed class Dispute : IUnitOwned
{
    public const int TextMaxLength = 500;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid EntryId { get; set; }
    public Guid VolunteerId { get; set; }
    public Guid UnitId { get; set; }
    public string Reason { get; set; } = "";
    /// <summary>What the volunteer says the minutes should be, if the objection is about the amount.</summary>
    public int? ClaimedMinutes { get; set; }
    public DisputeState State { get; set; } = DisputeState.Open;
    public DateTimeOffset OpenedAt { get; set; }
    public string? Answer { get; set; }
    public string? AnsweredBy { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }
    public Guid? CorrectionEntryId { get; set; }
}
