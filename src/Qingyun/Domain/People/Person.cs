namespace Qingyun.Domain.People;

public enum Gender
{
    Male = 1,
    Female = 2,
}

/// <summary>政治面貌.</summary>
public enum PoliticalStatus
{
    Masses = 1,             // 群众
    LeagueMember = 2,       // 共青团员
    PartyMember = 3,        // 中共党员
    ProbationaryParty = 4,  // 中共预备党员
    Other = 9,
}

public enum Education
{
    Primary = 1,
    JuniorHigh = 2,
    SeniorHigh = 3,
    Vocational = 4,
    College = 5,
    Bachelor = 6,
    Master = 7,
    Doctorate = 8,
}

/// <summary>
/// One human. Member, cadre, volunteer, youth contact and beneficiary are roles that point here, never
/// copies. The ID number and phone are stored encrypted with a blind index (HMAC) for look-up and
/// de-duplication, and a masked form for display.
/// </summary>
public sealed class Person : IUnitOwned
{
    public const int NameMaxLength = 50;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UnitId { get; set; }
    public string Name { get; set; } = "";
    public Gender Gender { get; set; }
    public DateOnly BirthDate { get; set; }
    public string? Ethnicity { get; set; }
    public PoliticalStatus PoliticalStatus { get; set; } = PoliticalStatus.Masses;
    public Education? Education { get; set; }
    public string? Workplace { get; set; }
    public string? Address { get; set; }

    public byte[]? IdNumberCipher { get; set; }
    public string? IdNumberIndex { get; set; }
    public string? IdNumberMasked { get; set; }

    public byte[]? PhoneCipher { get; set; }
    public string? PhoneIndex { get; set; }
    public string? PhoneMasked { get; set; }

    /// <summary>
    /// 受保护: a person who came into the platform as a beneficiary of an assistance case. Only those
    /// holding CasesRead over their unit see them in people lists; their case owner and paired volunteer
    /// reach them through the case (decision 012).
    /// </summary>
    public bool Protected { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }

    public int AgeOn(DateOnly day)
    {
        var age = day.Year - BirthDate.Year;
        return BirthDate.AddYears(age) > day ? age - 1 : age;
    }
}
