using System.Globalization;

namespace Qingyun.Domain.People;

/// <summary>
/// The 18-character citizen ID number (公民身份号码) of GB 11643-1999: 6-digit area code, 8-digit birth
/// date, 3-digit sequence (odd for men, even for women) and an ISO 7064 MOD 11-2 check character.
/// </summary>
public readonly record struct IdNumber
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckChars = "10X98765432";

    private IdNumber(string value, DateOnly birthDate)
    {
        Value = value;
        BirthDate = birthDate;
    }

    public string Value { get; }
    public DateOnly BirthDate { get; }
    public Gender Gender => (Value[16] - '0') % 2 == 1 ? Gender.Male : Gender.Female;

    /// <summary>Parses and checks an ID number; <paramref name="today"/> bounds the birth date.</summary>
    public static bool TryParse(string? input, DateOnly today, out IdNumber idNumber, out string ruleKey)
    {
        idNumber = default;
        var s = (input ?? "").Trim().ToUpperInvariant();
        if (s.Length != 18)
        {
            ruleKey = "IdNumberLength";
            return false;
        }
        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(s[i]))
            {
                ruleKey = "IdNumberDigits";
                return false;
            }
        }
        if (!DateOnly.TryParseExact(s.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birth)
            || birth > today || birth.Year < 1900)
        {
            ruleKey = "IdNumberBirthDate";
            return false;
        }
        if (s[17] != CheckCharFor(s.AsSpan(0, 17)))
        {
            ruleKey = "IdNumberChecksum";
            return false;
        }
        idNumber = new IdNumber(s, birth);
        ruleKey = "";
        return true;
    }

    public static char CheckCharFor(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * Weights[i];
        }
        return CheckChars[sum % 11];
    }

    /// <summary>110***********1234: area's first three, the last four.</summary>
    public string Masked() => Mask(Value);

    public static string Mask(string value) =>
        value.Length < 8 ? new string('*', value.Length) : value[..3] + new string('*', value.Length - 7) + value[^4..];
}
