using System.Globalization;
using System.Security.Cryptography;
using Qingyun.Domain.Volunteering;

namespace Qingyun.Features.Certificates;

/// <summary>The small rules of a 志愿服务证明: its number, the masked name, hours as printed.</summary>
public static class CertificateRules
{
    /// <summary>No 0/O, 1/I: a number read aloud or copied by hand from paper still matches.</summary>
    private const string Alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    /// <summary>
    /// "ZS", the year of issue and ten random characters (50 bits): 16 characters that cannot be guessed
    /// from another certificate's number. The unique index catches the rare clash; the issuer retries.
    /// </summary>
    public static string NewNumber(DateOnly issuedOn)
    {
        Span<char> random = stackalloc char[10];
        for (var i = 0; i < random.Length; i++)
        {
            random[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }
        var number = "ZS" + issuedOn.Year.ToString("D4", CultureInfo.InvariantCulture) + new string(random);
        return number.Length == Certificate.NumberLength ? number : throw new InvalidOperationException("certificate number length");
    }

    /// <summary>A number as typed or scanned: trimmed and upper-cased; null when it cannot be one.</summary>
    public static string? Normalize(string? number)
    {
        var n = (number ?? "").Trim().ToUpperInvariant();
        return n.Length == Certificate.NumberLength && n.All(char.IsAsciiLetterOrDigit) ? n : null;
    }

    /// <summary>张*明, 李*, 欧阳**锋: the first and (from three characters) the last character stay.</summary>
    public static string MaskName(string name)
    {
        var n = name.Trim();
        var chars = System.Globalization.StringInfo.GetTextElementEnumerator(n);
        var elements = new List<string>();
        while (chars.MoveNext())
        {
            elements.Add(chars.GetTextElement());
        }
        return elements.Count switch
        {
            0 => "",
            1 => "*",
            2 => elements[0] + "*",
            _ => elements[0] + new string('*', elements.Count - 2) + elements[^1],
        };
    }

    /// <summary>Hours with one decimal, as printed: 750 minutes → "12.5".</summary>
    public static string Hours(long minutes) =>
        Math.Round(minutes / 60m, 1, MidpointRounding.AwayFromZero).ToString("0.0", CultureInfo.InvariantCulture);

    /// <summary>The public page a certificate's QR code points to.</summary>
    public static string VerifyUrl(HttpRequest request, string number) =>
        $"{request.Scheme}://{request.Host}/verify/{number}";
}
