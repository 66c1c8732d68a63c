using System.Text.RegularExpressions;

namespace Qingyun.Domain.Building;

/// <summary>
/// An organization's contact number: a mobile (as a person's) or, as enterprises often give, a landline
/// with its area code (010-12345678).
/// </summary>
public static partial class ContactPhone
{
    [GeneratedRegex(@"^(0\d{2,3})-?(\d{7,8})$")]
    private static partial Regex Landline();

    public static bool TryNormalize(string? input, out string phone)
    {
        if (People.Phone.TryNormalize(input, out phone))
        {
            return true;
        }
        var m = Landline().Match((input ?? "").Trim().Replace(" ", "", StringComparison.Ordinal));
        phone = m.Success ? m.Groups[1].Value + "-" + m.Groups[2].Value : "";
        return m.Success;
    }

    /// <summary>138****5678, or 010-****5678.</summary>
    public static string Mask(string phone)
    {
        var dash = phone.IndexOf('-', StringComparison.Ordinal);
        return dash < 0 ? People.Phone.Mask(phone) : phone[..(dash + 1)] + new string('*', phone.Length - dash - 5) + phone[^4..];
    }
}
