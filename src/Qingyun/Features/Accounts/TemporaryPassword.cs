using System.Security.Cryptography;

namespace Qingyun.Features.Accounts;

/// <summary>A one-time password an admin hands over; the account must change it at first sign-in.</summary>
public static class TemporaryPassword
{
    private const string Letters = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Digits = "23456789";

    public static string New()
    {
        var chars = new char[10];
        for (var i = 0; i < chars.Length; i++)
        {
            var set = i % 3 == 2 ? Digits : Letters;
            chars[i] = set[RandomNumberGenerator.GetInt32(set.Length)];
        }
        return new string(chars);
    }
}
