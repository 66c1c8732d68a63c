namespace Qingyun.Domain.Direct;

/// <summary>How a cadre reached young people: online (below 10) or offline.</summary>
public enum ContactChannel
{
    Message = 1,      // 私信/微信
    GroupChat = 2,    // 群聊
    Call = 3,         // 电话
    Meeting = 11,     // 座谈会
    Activity = 12,    // 活动
    FaceToFace = 13,  // 面对面
}

public static class ContactChannels
{
    public static bool IsOffline(ContactChannel c) => (int)c > 10;

    public static readonly ContactChannel[] Offline = [ContactChannel.Meeting, ContactChannel.Activity, ContactChannel.FaceToFace];

    /// <summary>
    /// 联系青年数 by default (seed 001: every full-time cadre at least 100): full-time and seconded cadres 100,
    /// part-time ones and any cadre of a branch 10. A post can carry its own number.
    /// </summary>
    public static int DefaultQuota(Cadres.CadreKind kind, Organization.LeagueBodyType body) =>
        body is Organization.LeagueBodyType.Branch or Organization.LeagueBodyType.TemporaryBranch || kind == Cadres.CadreKind.PartTime ? 10 : 100;
}

/// <summary>
/// 1+100 直接联系: a cadre (through the term of a post) answers for a young person from a day. A young person
/// is bound to at most one cadre per level (the depth of the cadre's unit in the tree) at a time.
/// </summary>
public sealed class DirectBinding : IUnitOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>The cadre's unit.</summary>
    public Guid UnitId { get; set; }
    public Guid CadreTermId { get; set; }
    public Guid CadrePersonId { get; set; }
    public Guid YouthPersonId { get; set; }
    public int Level { get; set; }
    public DateOnly BoundOn { get; set; }
    public DateOnly? EndedOn { get; set; }
    public string? EndNote { get; set; }
    public string? ByUserName { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>One contact made by a cadre, with one or more young people (<see cref="DirectContactYouth"/>).</summary>
public sealed class DirectContact : IUnitOwned
{
    public const int NoteMaxLength = 500;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UnitId { get; set; }
    public Guid CadreTermId { get; set; }
    public Guid CadrePersonId { get; set; }
    public DateOnly On { get; set; }
    public ContactChannel Channel { get; set; }
    public string? Note { get; set; }
    public string? ByUserName { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A young person reached by a contact; day and channel copied so coverage is one indexed count.</summary>
public sealed class DirectContactYouth : IUnitOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ContactId { get; set; }
    public Guid UnitId { get; set; }
    public Guid CadrePersonId { get; set; }
    public Guid YouthPersonId { get; set; }
    public DateOnly On { get; set; }
    public ContactChannel Channel { get; set; }
}
