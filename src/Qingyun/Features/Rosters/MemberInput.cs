using System.Text.RegularExpressions;
using Qingyun.Domain;
using Qingyun.Domain.Rosters;

namespace Qingyun.Features.Rosters;

/// <summary>The membership fields of a form, an API call or an import row, and their rules.</summary>
public static partial class MemberInput
{
    [GeneratedRegex("^[A-Za-z0-9-]+$")]
    private static partial Regex NumberPattern();

    public static IEnumerable<Failure> CheckNumber(string number)
    {
        if (number.Length == 0)
        {
            yield return Failure.Required("MemberNumber");
        }
        else if (number.Length > Membership.MemberNumberMaxLength)
        {
            yield return Failure.TooLong("MemberNumber", Membership.MemberNumberMaxLength);
        }
        else if (!NumberPattern().IsMatch(number))
        {
            yield return new Failure("MemberNumber", "MemberNumberPattern");
        }
    }

    /// <summary>Joined on a real day, not in the future, at 14 or older.</summary>
    public static IEnumerable<Failure> CheckJoined(DateOnly? joinedOn, DateOnly birthDate, DateOnly today)
    {
        if (joinedOn is not { } d)
        {
            yield return Failure.Required("JoinedOn");
        }
        else if (d > today)
        {
            yield return new Failure("JoinedOn", "DateInFuture");
        }
        else if (birthDate.AddYears(Membership.MinJoinAge) > d)
        {
            yield return new Failure("JoinedOn", "JoinedTooYoung", 400, Membership.MinJoinAge);
        }
    }

    public static IEnumerable<Failure> CheckStatus(MemberStatus status)
    {
        if (!Enum.IsDefined(status))
        {
            yield return new Failure("Status", "InvalidChoice");
        }
    }
}
