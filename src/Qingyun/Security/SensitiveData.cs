using System.Security.Cryptography;
using System.Text;

namespace Qingyun.Security;

/// <summary>
/// Field encryption (AES-256-GCM) and blind indexes (HMAC-SHA256) for ID numbers and phones (PIPL).
/// Keys come from configuration (Security:DataKey, Security:IndexKey, base64 of 32 bytes); see
/// <see cref="SensitiveDataKeys"/> for the embedded default.
/// </summary>
public sealed class SensitiveData(SensitiveDataKeys keys) : IDisposable
{
    private const byte Version = 1;

    // An AesGcm holds the expanded key: building one per value was a measurable share of a 100,000-row import.
    // Instances are not thread-safe, so each thread keeps its own.
    private readonly ThreadLocal<AesGcm> _aes = new(() => new AesGcm(keys.DataKey, 16));

    // Likewise the HMAC keeps its keyed state between values.
    private readonly ThreadLocal<IncrementalHash> _hmac = new(() => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, keys.IndexKey));

    public byte[] Encrypt(string plain)
    {
        var data = Encoding.UTF8.GetBytes(plain);
        var output = new byte[1 + 12 + 16 + data.Length];
        output[0] = Version;
        var nonce = output.AsSpan(1, 12);
        RandomNumberGenerator.Fill(nonce);
        _aes.Value!.Encrypt(nonce, data, output.AsSpan(29), output.AsSpan(13, 16));
        return output;
    }

    public string Decrypt(byte[] cipher)
    {
        if (cipher.Length < 29 || cipher[0] != Version)
        {
            throw new CryptographicException("Unknown cipher format.");
        }
        var plain = new byte[cipher.Length - 29];
        _aes.Value!.Decrypt(cipher.AsSpan(1, 12), cipher.AsSpan(29), cipher.AsSpan(13, 16), plain);
        return Encoding.UTF8.GetString(plain);
    }

    public void Dispose()
    {
        _aes.Dispose();
        _hmac.Dispose();
    }

    public string IdNumberIndex(string idNumber) => BlindIndex("id", idNumber);

    public string PhoneIndex(string phone) => BlindIndex("phone", phone);

    /// <summary>Puts an ID number and a phone on a person the one way they are kept: encrypted, blind-indexed, masked.</summary>
    public void Protect(Domain.People.Person person, string idNumber, string? phone) =>
        Protect(person, idNumber, Seal(idNumber, IdNumberIndex(idNumber)), phone, phone is null ? null : Seal(phone, PhoneIndex(phone)));

    /// <summary>A value encrypted and indexed ahead of time: an import seals values while the file is still being read.</summary>
    public readonly record struct Sealed(byte[] Cipher, string Index);

    public Sealed SealIdNumber(string idNumber) => Seal(idNumber, IdNumberIndex(idNumber));

    public Sealed SealPhone(string phone) => Seal(phone, PhoneIndex(phone));

    private Sealed Seal(string value, string index) => new(Encrypt(value), index);

    /// <summary>The same as <see cref="Protect(Domain.People.Person, string, string?)"/> with values sealed beforehand.</summary>
    public static void Protect(Domain.People.Person person, string idNumber, Sealed id, string? phone, Sealed? sealedPhone)
    {
        person.IdNumberCipher = id.Cipher;
        person.IdNumberIndex = id.Index;
        person.IdNumberMasked = Domain.People.IdNumber.Mask(idNumber);
        person.PhoneCipher = phone is null ? null : sealedPhone!.Value.Cipher;
        person.PhoneIndex = phone is null ? null : sealedPhone!.Value.Index;
        person.PhoneMasked = phone is null ? null : Domain.People.Phone.Mask(phone);
    }

    /// <summary>Deterministic keyed hash: equal inputs give equal indexes, the index reveals nothing.</summary>
    public string BlindIndex(string kind, string value)
    {
        var length = Encoding.UTF8.GetMaxByteCount(kind.Length + 1 + value.Length);
        Span<byte> input = length <= 256 ? stackalloc byte[256] : new byte[length];
        var n = Encoding.UTF8.GetBytes(kind, input);
        input[n++] = (byte)':';
        n += Encoding.UTF8.GetBytes(value, input[n..]);
        Span<byte> mac = stackalloc byte[32];
        var hmac = _hmac.Value!;
        hmac.AppendData(input[..n]);
        hmac.GetHashAndReset(mac);
        return Convert.ToHexStringLower(mac);
    }
}

public sealed class SensitiveDataKeys
{
    public required byte[] DataKey { get; init; }
    public required byte[] IndexKey { get; init; }

    /// <summary>
    /// Reads the keys from configuration. The embedded SQLite default may generate them once into
    /// the data folder, so a first run needs no set-up; any other deployment must configure them.
    /// </summary>
    public static SensitiveDataKeys From(IConfiguration config, string? generateInto)
    {
        var data = config["Security:DataKey"];
        var index = config["Security:IndexKey"];
        if (string.IsNullOrEmpty(data) || string.IsNullOrEmpty(index))
        {
            if (generateInto is null)
            {
                throw new InvalidOperationException(
                    "Security:DataKey and Security:IndexKey must be configured (base64 of 32 random bytes each).");
            }
            var file = Path.Combine(generateInto, "keys.txt");
            if (!File.Exists(file))
            {
                Directory.CreateDirectory(generateInto);
                File.WriteAllLines(file,
                [
                    Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
                    Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
                ]);
            }
            var lines = File.ReadAllLines(file);
            data = lines[0];
            index = lines[1];
        }
        var keys = new SensitiveDataKeys { DataKey = Convert.FromBase64String(data), IndexKey = Convert.FromBase64String(index) };
        if (keys.DataKey.Length != 32 || keys.IndexKey.Length != 32)
        {
            throw new InvalidOperationException("Security:DataKey and Security:IndexKey must each be 32 bytes (base64).");
        }
        return keys;
    }
}
