using System.Text.RegularExpressions;
using Qingyun.Domain;
using Qingyun.Domain.Organization;

namespace Qingyun.Features.Organization;

/// <summary>The rules a unit's name, code, kind and body type follow, shared by create, edit and import.</summary>
public static partial class UnitInput
{
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]*$")]
    private static partial Regex CodePattern();

    public static string Clean(string? s) => (s ?? "").Trim();

    /// <summary>Codes compare as typed by people, so "qy-01" and "QY-01" are one code: stored upper-case.</summary>
    public static string CleanCode(string? s) => Clean(s).ToUpperInvariant();

    public static bool HasControlCharacters(string s) => s.Any(char.IsControl);

    public static IEnumerable<Failure> CheckName(string name)
    {
        if (name.Length == 0)
        {
            yield return Failure.Required("Name");
        }
        else if (name.Length > OrgUnit.NameMaxLength)
        {
            yield return Failure.TooLong("Name", OrgUnit.NameMaxLength);
        }
        else if (HasControlCharacters(name))
        {
            yield return new Failure("Name", "ControlCharacters");
        }
    }

    public static IEnumerable<Failure> CheckCode(string code)
    {
        if (code.Length == 0)
        {
            yield return Failure.Required("Code");
        }
        else if (code.Length > OrgUnit.CodeMaxLength)
        {
            yield return Failure.TooLong("Code", OrgUnit.CodeMaxLength);
        }
        else if (!CodePattern().IsMatch(code))
        {
            yield return new Failure("Code", "CodePattern");
        }
    }

    public static IEnumerable<Failure> CheckKinds(UnitKind kind, LeagueBodyType body)
    {
        if (!Enum.IsDefined(kind))
        {
            yield return new Failure("Kind", "InvalidChoice");
        }
        if (!Enum.IsDefined(body))
        {
            yield return new Failure("BodyType", "InvalidChoice");
        }
    }
}
