namespace Qingyun.Domain.Volunteering;

/// <summary>
/// 志愿服务证明, issued by an organizing unit for its own records only. The facts are frozen at issue;
/// the PDF is drawn from them, and the public verification page shows them with the name masked.
/// </summary>
public sealed class Certificate : IUnitOwned
{
    public const int NumberLength = 16;
    public const int ContentMaxLength = 500;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string Number { get; set; } = "";
    public Guid VolunteerId { get; set; }
    public Guid UnitId { get; set; }
    public string HolderName { get; set; } = "";
    public string HolderNameMasked { get; set; } = "";
    public string VolunteerNumber { get; set; } = "";
    public string HolderIdMasked { get; set; } = "";
    public long Minutes { get; set; }
    public int EntryCount { get; set; }
    public DateOnly FromDate { get; set; }
    public DateOnly ToDate { get; set; }
    public string Content { get; set; } = "";
    public string IssuerName { get; set; } = "";
    public string PersonInCharge { get; set; } = "";
    public string ContactPhone { get; set; } = "";
    public DateOnly IssuedOn { get; set; }
    public DateTimeOffset IssuedAt { get; set; }
    public string IssuedBy { get; set; } = "";
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }
    public string? RevokeReason { get; set; }
}

/// <summary>表彰: a unit's commendation of a volunteer.</summary>
public sealed class Commendation : IUnitOwned
{
    public const int TitleMaxLength = 100;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid VolunteerId { get; set; }
    public Guid UnitId { get; set; }
    public string Title { get; set; } = "";
    public DateOnly AwardedOn { get; set; }
    public string? Note { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public string RecordedBy { get; set; } = "";
}

/// <summary>便民优惠: what a partner offers volunteers from a star level up.</summary>
public sealed class Benefit : IUnitOwned
{
    public const int TextMaxLength = 200;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UnitId { get; set; }
    public string Partner { get; set; } = "";
    public string Offer { get; set; } = "";
    public int MinimumStars { get; set; }
    public DateOnly? ValidUntil { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>志愿服务培训课程. Training hours are kept apart from service hours.</summary>
public sealed class Course : IUnitOwned
{
    public const int NameMaxLength = 100;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UnitId { get; set; }
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public int Minutes { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class TrainingSession : IUnitOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CourseId { get; set; }
    public Guid UnitId { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }
    public string Place { get; set; } = "";
    public string? Teacher { get; set; }
}

/// <summary>A volunteer at a training session: attended, and completed (passed) or not.</summary>
public sealed class TrainingRecord : IUnitOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid SessionId { get; set; }
    public Guid CourseId { get; set; }
    public Guid VolunteerId { get; set; }
    public Guid UnitId { get; set; }
    public bool Attended { get; set; }
    public bool Completed { get; set; }
    public int Minutes { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public string RecordedBy { get; set; } = "";
}

/// <summary>An SMS or e-mail handed to the sender; the local sender keeps it here (the outbox) and logs it.</summary>
public sealed class OutgoingMessage : IUnitOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UnitId { get; set; }
    public Guid PersonId { get; set; }
    public string Channel { get; set; } = "";
    public string Body { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
}
