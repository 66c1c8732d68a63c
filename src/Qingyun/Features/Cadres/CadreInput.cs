using Qingyun.Domain;
using Qingyun.Domain.Cadres;

namespace Qingyun.Features.Cadres;

/// <summary>The term fields of a form, an API call or an import row, and their rules.</summary>
public static class CadreInput
{
    /// <summary>The names the import template and the export use (the same words as the resources).</summary>
    public static readonly IReadOnlyDictionary<string, CadrePost> PostNames = new Dictionary<string, CadrePost>
    {
        ["书记"] = CadrePost.Secretary, ["副书记"] = CadrePost.DeputySecretary, ["委员"] = CadrePost.CommitteeMember, ["专干"] = CadrePost.Officer,
    };

    public static readonly IReadOnlyDictionary<string, CadreKind> KindNames = new Dictionary<string, CadreKind>
    {
        ["专职"] = CadreKind.FullTime, ["兼职"] = CadreKind.PartTime, ["挂职"] = CadreKind.OutsideQuota, ["编外"] = CadreKind.OutsideQuota,
        ["挂职/编外"] = CadreKind.OutsideQuota,
    };

    public static string NameOf(CadrePost post) => PostNames.First(kv => kv.Value == post).Key;

    public static string NameOf(CadreKind kind) => kind == CadreKind.OutsideQuota ? "挂职/编外" : KindNames.First(kv => kv.Value == kind).Key;

    public static IEnumerable<Failure> CheckPost(CadrePost post, CadreKind kind)
    {
        if (!Enum.IsDefined(post))
        {
            yield return new Failure("Post", "InvalidChoice");
        }
        if (!Enum.IsDefined(kind))
        {
            yield return new Failure("CadreKind", "InvalidChoice");
        }
    }

    /// <summary>A term starts on a real day, not in the future; its planned end, if any, comes after the start.</summary>
    public static IEnumerable<Failure> CheckDates(DateOnly? startedOn, DateOnly? plannedEndOn, DateOnly today, string startField = "StartedOn")
    {
        if (startedOn is not { } start)
        {
            yield return Failure.Required(startField);
            yield break;
        }
        if (start > today)
        {
            yield return new Failure(startField, "DateInFuture");
        }
        if (start.Year < 1950)
        {
            yield return new Failure(startField, "DateTooEarly", 400, 1950);
        }
        if (plannedEndOn is { } end && end <= start)
        {
            yield return new Failure("PlannedEndOn", "EndNotAfterStart");
        }
    }

    public static string? Note(string? note, List<Failure> failures, string field = "Note")
    {
        var n = note?.Trim();
        if (string.IsNullOrEmpty(n))
        {
            return null;
        }
        if (n.Length > CadreTerm.NoteMaxLength)
        {
            failures.Add(Failure.TooLong(field, CadreTerm.NoteMaxLength));
        }
        else if (n.Any(char.IsControl))
        {
            failures.Add(new Failure(field, "ControlCharacters"));
        }
        return n;
    }
}
