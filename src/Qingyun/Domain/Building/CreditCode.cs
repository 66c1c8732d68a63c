namespace Qingyun.Domain.Building;

/// <summary>
/// The unified social credit code (统一社会信用代码) of GB 32100-2015: registration authority (1 char),
/// organization type (1), administrative area (6 digits), organization code (9, GB 11714), and a check
/// character: 31 − (Σ value×3^i mod 31) mod 31 over the first 17, in the 31-character set without
/// I, O, S, V, Z.
/// </summary>
public static class CreditCode
{
    public const int Length = 18;
    private const string Chars = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>Checks a code; <paramref name="ruleKey"/> names the broken rule (an "Error." key).</summary>
    public static bool TryParse(string? input, out string code, out string ruleKey)
    {
        code = (input ?? "").Trim().ToUpperInvariant();
        if (code.Length != Length)
        {
            ruleKey = "CreditCodeLength";
            return false;
        }
        for (var i = 0; i < Length; i++)
        {
            var ok = i is >= 2 and <= 7 ? char.IsAsciiDigit(code[i]) : Chars.Contains(code[i], StringComparison.Ordinal);
            if (!ok)
            {
                ruleKey = "CreditCodeChars";
                return false;
            }
        }
        if (code[17] != CheckCharFor(code.AsSpan(0, 17)))
        {
            ruleKey = "CreditCodeChecksum";
            return false;
        }
        ruleKey = "";
        return true;
    }

    public static char CheckCharFor(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += Chars.IndexOf(first17[i]) * Weights[i];
        }
        return Chars[(31 - sum % 31) % 31];
    }
}
