namespace Qingyun.Domain.People;

/// <summary>A mainland mobile number: 11 digits starting with 1.</summary>
public static class Phone
{
    public static bool TryNormalize(string? input, out string phone)
    {
        phone = new string((input ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());
        if (phone.StartsWith("+86", StringComparison.Ordinal))
        {
            phone = phone[3..];
        }
        return phone.Length == 11 && phone[0] == '1' && phone.All(char.IsAsciiDigit);
    }

    /// <summary>138****5678.</summary>
    public static string Mask(string phone) =>
        phone.Length == 11 ? phone[..3] + "****" + phone[^4..] : new string('*', phone.Length);
}
