using Qingyun.Domain;

namespace Qingyun.Features.Training;

/// <summary>The text rules every training form shares: trimmed, not too long, no control characters.</summary>
internal static class TrainingText
{
    public static string? Clean(string? value, string field, int max, bool required, List<Failure> failures, string? label = null, bool multiline = false)
    {
        var v = value?.Trim() ?? "";
        if (v.Length == 0)
        {
            if (required)
            {
                failures.Add(Failure.Required(field) with { Label = label });
            }
            return null;
        }
        if (v.Length > max)
        {
            failures.Add(Failure.TooLong(field, max) with { Label = label });
        }
        else if (v.Any(ch => char.IsControl(ch) && !(multiline && ch is '\r' or '\n')))
        {
            failures.Add(new Failure(field, "ControlCharacters") { Label = label });
        }
        return v;
    }
}
