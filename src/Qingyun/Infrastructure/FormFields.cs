using System.Globalization;
using Qingyun.Domain;

namespace Qingyun.Infrastructure;

/// <summary>
/// Reads a multipart API call field by field. The endpoint binds the request itself (not [FromForm]) so
/// that a call without a form body still reaches the handler's scope check and gets 403/404 rather than
/// 415, and an unreadable value is named like any other rule breach.
/// </summary>
public sealed class FormFields
{
    private readonly IFormCollection _form;

    private FormFields(IFormCollection form) => _form = form;

    public List<Failure> Failures { get; } = [];

    public static async Task<FormFields> ReadAsync(HttpRequest request, CancellationToken ct) =>
        new(request.HasFormContentType ? await request.ReadFormAsync(ct) : FormCollection.Empty);

    public string? Text(string name) => _form.TryGetValue(name, out var v) && !string.IsNullOrEmpty(v.ToString()) ? v.ToString() : null;

    public IFormFile? File(string name) => _form.Files.GetFile(name);

    public DateOnly? Date(string name, string field)
    {
        var s = Text(name);
        if (s is null)
        {
            return null;
        }
        if (DateOnly.TryParseExact(s.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            return d;
        }
        Failures.Add(new Failure(field, "DateFormat"));
        return null;
    }

    public int? Int(string name, string field)
    {
        var s = Text(name);
        if (s is null)
        {
            return null;
        }
        if (int.TryParse(s.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var i))
        {
            return i;
        }
        Failures.Add(new Failure(field, "Unreadable"));
        return null;
    }

    public decimal? Number(string name, string field)
    {
        var s = Text(name);
        if (s is null)
        {
            return null;
        }
        if (decimal.TryParse(s.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var n))
        {
            return n;
        }
        Failures.Add(new Failure(field, "Unreadable"));
        return null;
    }

    /// <summary>A checkbox or a flag: "true"/"on"/"1" is true, absent is false.</summary>
    public bool Flag(string name) => Text(name)?.Trim().ToLowerInvariant() is "true" or "on" or "1";

    public Guid? Id(string name, string field)
    {
        var s = Text(name);
        if (s is null)
        {
            return null;
        }
        if (Guid.TryParse(s.Trim(), out var g))
        {
            return g;
        }
        Failures.Add(new Failure(field, "Unreadable"));
        return null;
    }

    public T? Choice<T>(string name, string field) where T : struct, Enum
    {
        var s = Text(name);
        if (s is null)
        {
            return null;
        }
        if (Enum.TryParse<T>(s.Trim(), ignoreCase: true, out var v) && Enum.IsDefined(v))
        {
            return v;
        }
        Failures.Add(new Failure(field, "InvalidChoice"));
        return null;
    }
}
