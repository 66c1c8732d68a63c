namespace Qingyun.Domain.Volunteering;

public enum ProjectState
{
    Draft = 1,
    Published = 2,
    Closed = 3,
}

/// <summary>志愿服务项目: published by an organizer unit; its activities carry the time, place and positions.</summary>
public sealed class ServiceProject : IUnitOwned
{
    public const int NameMaxLength = 100;
    public const int DescriptionMaxLength = 2000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UnitId { get; set; }
    public string Name { get; set; } = "";
    public ServiceArea Area { get; set; }
    public string? Description { get; set; }
    public DateOnly StartsOn { get; set; }
    public DateOnly EndsOn { get; set; }
    public ProjectState State { get; set; } = ProjectState.Draft;
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
}

public enum SignUpState
{
    Pending = 1,     // 待审核 (the position asks for approval)
    Confirmed = 2,   // 已录用
    Waitlisted = 3,  // 候补
    Cancelled = 4,   // 已取消
    Rejected = 5,    // 未通过
}

/// <summary>
/// 岗位: a place in an activity with a quota. <see cref="Taken"/> counts confirmed sign-ups; sign-up and
/// cancel first lock the row by bumping <see cref="Version"/>, so the count and the waitlist stay exact
/// when hundreds race for the last places.
/// </summary>
public sealed class Position : IUnitOwned
{
    public const int NameMaxLength = 50;
    public const int DutyMaxLength = 500;
    public const int MaxQuota = 10_000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ActivityId { get; set; }
    public Guid UnitId { get; set; }
    public string Name { get; set; } = "";
    public string? Duty { get; set; }
    public int Quota { get; set; }
    public int Taken { get; set; }
    public long Version { get; set; }
    public Skill RequiredSkills { get; set; }
    public int? MinimumAge { get; set; }
    public bool NeedsApproval { get; set; }
    public Guid? RequiredCourseId { get; set; }
}

public sealed class SignUp : IUnitOwned
{
    public const int NoteMaxLength = 200;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PositionId { get; set; }
    public Guid ActivityId { get; set; }
    public Guid VolunteerId { get; set; }
    /// <summary>The organizer unit.</summary>
    public Guid UnitId { get; set; }
    public SignUpState State { get; set; }
    /// <summary>Arrival order; the waitlist is served by it (ties by id).</summary>
    public long Sequence { get; set; }
    public DateTimeOffset SignedUpAt { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? DecidedBy { get; set; }
    public string? Note { get; set; }
    public DateTimeOffset? RemindedAt { get; set; }

    public bool IsActive => State is SignUpState.Pending or SignUpState.Confirmed or SignUpState.Waitlisted;
}

public enum CheckMethod
{
    ActivityCode = 1,   // 扫活动码
    TypedCode = 2,      // 输入6位数字码
    PersonalCode = 3,   // 组织方扫志愿者个人码
    Organizer = 4,      // 组织方补录（标注）
}

public enum AttendanceState
{
    CheckedIn = 1,    // 已签到
    CheckedOut = 2,   // 已签退，待确认
    Confirmed = 3,    // 已确认计入时长
    Rejected = 4,     // 组织方不予计入
}

/// <summary>
/// One volunteer at one activity: at most one row (unique), so a repeated tap on a slow network finds the
/// row and records nothing new. Hours reach the service record only when the organizer confirms.
/// </summary>
public sealed class Attendance : IUnitOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ActivityId { get; set; }
    public Guid PositionId { get; set; }
    public Guid VolunteerId { get; set; }
    public Guid UnitId { get; set; }
    public DateTimeOffset CheckedInAt { get; set; }
    public CheckMethod CheckInMethod { get; set; }
    public DateTimeOffset? CheckedOutAt { get; set; }
    public CheckMethod? CheckOutMethod { get; set; }
    public AttendanceState State { get; set; } = AttendanceState.CheckedIn;
    /// <summary>Service minutes: check-in to check-out, clipped to the scheduled time (travel is outside it).</summary>
    public int Minutes { get; set; }
    public string? Note { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? DecidedBy { get; set; }
    public Guid? EntryId { get; set; }
}
