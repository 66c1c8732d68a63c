using System.Buffers.Binary;
using System.Security.Cryptography;
using QRCoder;
using Qingyun.Domain.Activities;
using Qingyun.Security;

namespace Qingyun.Features.Volunteering;

/// <summary>
/// The codes of on-site check-in. The organizer's phone shows a QR code that changes every 30 seconds
/// and a 6-digit code that changes every minute, both signed with the activity's own secret, so a
/// code photographed and shared later, or used for another activity, is refused. A volunteer's
/// personal code (for the organizer to scan) is signed with a server key and lives two minutes.
/// </summary>
public sealed class CheckInCodes(SensitiveDataKeys keys, TimeProvider clock)
{
    public const int QrStepSeconds = 30;
    public const int DigitsStepSeconds = 60;
    public const int PersonalStepSeconds = 60;

    private readonly byte[] _personalKey = HMACSHA256.HashData(keys.IndexKey, "qingyun/personal-code/v1"u8);

    private long Step(int seconds) => clock.GetUtcNow().ToUnixTimeSeconds() / seconds;

    /// <summary>Seconds until the current QR code is replaced, for the organizer's screen.</summary>
    public int SecondsLeft() => QrStepSeconds - (int)(clock.GetUtcNow().ToUnixTimeSeconds() % QrStepSeconds);

    public string ActivityToken(Activity a) => ActivityToken(a.Id, a.CheckInSecret, Step(QrStepSeconds));

    private static string ActivityToken(Guid id, byte[] secret, long step)
    {
        var payload = new byte[16 + 8];
        id.TryWriteBytes(payload);
        BinaryPrimitives.WriteInt64BigEndian(payload.AsSpan(16), step);
        var mac = HMACSHA256.HashData(secret, payload).AsSpan(0, 12);
        return Base64Url([.. payload, .. mac]);
    }

    /// <summary>The activity a scanned token names, before its signature is checked against that activity.</summary>
    public static Guid? ActivityOf(string? token)
    {
        var bytes = FromBase64Url(token);
        return bytes is { Length: 36 } ? new Guid(bytes.AsSpan(0, 16)) : null;
    }

    /// <summary>Signed by this activity's secret and from this or the previous 30-second step.</summary>
    public bool IsCurrent(Activity a, string? token) => IsCurrent(a.Id, a.CheckInSecret, token);

    /// <summary>Signed with this secret for this activity and from this or the previous 30-second step.</summary>
    public bool IsCurrent(Guid activityId, byte[] secret, string? token)
    {
        var bytes = FromBase64Url(token);
        if (bytes is not { Length: 36 } || new Guid(bytes.AsSpan(0, 16)) != activityId)
        {
            return false;
        }
        var step = BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(16, 8));
        var now = Step(QrStepSeconds);
        return (step == now || step == now - 1)
            && CryptographicOperations.FixedTimeEquals(FromBase64Url(ActivityToken(activityId, secret, step)), bytes);
    }

    public string Digits(Activity a) => Digits(a, Step(DigitsStepSeconds));

    private static string Digits(Activity a, long step)
    {
        Span<byte> payload = stackalloc byte[9];
        BinaryPrimitives.WriteInt64BigEndian(payload, step);
        payload[8] = (byte)'d';
        var mac = HMACSHA256.HashData(a.CheckInSecret, payload);
        var value = BinaryPrimitives.ReadUInt32BigEndian(mac) % 1_000_000;
        return value.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The typed code matches this activity's code of this minute or the one before.</summary>
    public bool DigitsMatch(Activity a, string digits)
    {
        var now = Step(DigitsStepSeconds);
        return CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(Digits(a, now)), System.Text.Encoding.ASCII.GetBytes(digits))
            || CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(Digits(a, now - 1)), System.Text.Encoding.ASCII.GetBytes(digits));
    }

    public string PersonalToken(Guid volunteerId) => PersonalToken(volunteerId, Step(PersonalStepSeconds));

    private string PersonalToken(Guid volunteerId, long step)
    {
        var payload = new byte[24];
        volunteerId.TryWriteBytes(payload);
        BinaryPrimitives.WriteInt64BigEndian(payload.AsSpan(16), step);
        return Base64Url([.. payload, .. HMACSHA256.HashData(_personalKey, payload).AsSpan(0, 12)]);
    }

    public Guid? VolunteerOf(string? token)
    {
        var bytes = FromBase64Url(token);
        if (bytes is not { Length: 36 })
        {
            return null;
        }
        var id = new Guid(bytes.AsSpan(0, 16));
        var step = BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(16, 8));
        var now = Step(PersonalStepSeconds);
        return (step == now || step == now - 1)
            && CryptographicOperations.FixedTimeEquals(FromBase64Url(PersonalToken(id, step)), bytes) ? id : null;
    }

    /// <summary>An SVG QR code of a URL, drawn on the server (no script, works on any phone).</summary>
    /// <summary>Where the QR leads: a volunteer's check-in and out, or a young person's check-in to a youth activity.</summary>
    public static string CheckPath(Activity a) => a.Kind == ActivityKind.Youth ? "/youth/check/" : "/serve/check/";

    public static string Svg(string url)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(8);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[]? FromBase64Url(string? s)
    {
        if (string.IsNullOrEmpty(s) || s.Length > 100)
        {
            return null;
        }
        var b = s.Replace('-', '+').Replace('_', '/');
        b = b.PadRight(b.Length + (4 - b.Length % 4) % 4, '=');
        try
        {
            return Convert.FromBase64String(b);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
