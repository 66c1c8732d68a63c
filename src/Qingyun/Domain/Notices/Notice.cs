namespace Qingyun.Domain.Notices;

public enum NoticeKind
{
    TransferRequested = 1,
    TransferForwarded = 2,
    TransferAccepted = 3,
    TransferRejected = 4,
    TransferLapsed = 5,
    AdmissionProposed = 6,
    ReviewSubmitted = 7,
    RecommendationSubmitted = 8,
}

/// <summary>
/// An in-app notice addressed to a unit: everyone who looks after that unit sees it in their inbox.
/// The text is rendered from <see cref="Kind"/> and <see cref="Args"/> in the reader's language.
/// </summary>
public sealed class Notice : IUnitOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UnitId { get; set; }
    public NoticeKind Kind { get; set; }
    /// <summary>Values for the message's placeholders, joined by a unit separator (U+001F).</summary>
    public string Args { get; set; } = "";
    public string? Link { get; set; }
    public DateTimeOffset At { get; set; }

    public const char Separator = '\u001F';

    public string[] ArgList => Args.Split(Separator);
}
