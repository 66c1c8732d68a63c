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
    SignUpConfirmed = 9,
    SignUpWaitlisted = 10,
    PromotedFromWaitlist = 11,
    SignUpRejected = 12,
    ActivityReminder = 13,
    ActivityCancelled = 14,
    HoursConfirmed = 15,
    HoursCorrected = 16,
    DisputeOpened = 17,
    DisputeAnswered = 18,
    SignUpPending = 20,
    MenuItemRunning = 21,   // 点学成团：{0} 标题, {1} 时间, {2} 地点
    MenuItemReleased = 22,  // 点学未成团：{0} 标题, {1} 截止时间, {2} 已点人数, {3} 最少人数
    MenuItemReached = 23,   // 给组织方：{0} 标题, {1} 人数
    RegistrationConfirmed = 24, // {0} 标题, {1} 时间, {2} 地点
    CaseVisitOverdue = 25,   // {0} 帮扶对象, {1} 应走访次数, {2} 已走访次数, {3} 到期日
    CasePaired = 26,         // {0} 帮扶对象, {1} 开始日期
    YouthNotReached = 27,    // {0} 季度, {1} 未联系人数, {2} 联系总人数
    FigureReportSubmitted = 42, // 下级填报待审核：{0} 单位, {1} 指标, {2} 年度
    FigureReportApproved = 43,  // 填报已通过：{0} 指标, {1} 年度, {2} 意见
    FigureReportReturned = 44,  // 填报被退回：{0} 指标, {1} 年度, {2} 理由
    SocialOrgRegistered = 41, // 青年社会组织申请入库（自主申报或更正后重新提交）：{0} 组织名称. Stored as int: no migration.
}

/// <summary>
/// An in-app notice addressed to a unit: everyone who looks after that unit sees it in their inbox. With
/// <see cref="PersonId"/> it is addressed to that one person instead (a volunteer's reminder) and shows
/// only in their own inbox; the unit is still the one it came from.
/// The text is rendered from <see cref="Kind"/> and <see cref="Args"/> in the reader's language.
/// </summary>
public sealed class Notice : IUnitOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UnitId { get; set; }
    public Guid? PersonId { get; set; }
    public NoticeKind Kind { get; set; }
    /// <summary>Values for the message's placeholders, joined by a unit separator (U+001F).</summary>
    public string Args { get; set; } = "";
    public string? Link { get; set; }
    public DateTimeOffset At { get; set; }

    public const char Separator = '\u001F';

    public string[] ArgList => Args.Split(Separator);
}
