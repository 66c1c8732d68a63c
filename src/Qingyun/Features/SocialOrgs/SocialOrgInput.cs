using Qingyun.Domain;
using Qingyun.Domain.SocialOrgs;

namespace Qingyun.Features.SocialOrgs;

/// <summary>
/// What a registry form, an API call or a self-registration carries about an organization; the same rules
/// for all (decision 013). The unit and the League unit are checked against the scope by the handler.
/// </summary>
public sealed record SocialOrgInput(
    Guid? UnitId, string? Name, LegalStatus LegalStatus, OrgField Field, string? CreditCode, string? Summary, string? Address,
    DateOnly? FoundedOn, string? ContactName, string? ContactPhone, int? MemberCount, int? YoungMemberCount,
    bool HasLeagueBranch, bool HasPartyBranch, Guid? LeagueUnitId)
{
    public const int ContactNameMaxLength = 50;

    /// <summary>The input after its rules: trimmed and normalized, ready to store.</summary>
    public sealed record Checked(
        string Name, string? CreditCode, string? Summary, string? Address, DateOnly? FoundedOn, string ContactName, string? ContactPhone,
        int MemberCount, int YoungMemberCount, Guid? LeagueUnitId);

    /// <param name="phoneRequired">False on an edit that keeps the stored phone (it is never sent back in clear).</param>
    public Result<Checked> Check(DateOnly today, bool phoneRequired)
    {
        var failures = new List<Failure>();
        var name = (Name ?? "").Trim();
        if (name.Length == 0)
        {
            failures.Add(Failure.Required("Name") with { Label = "OrganizationName" });
        }
        else if (name.Length > SocialOrganization.NameMaxLength)
        {
            failures.Add(Failure.TooLong("Name", SocialOrganization.NameMaxLength) with { Label = "OrganizationName" });
        }
        else if (name.Any(char.IsControl))
        {
            failures.Add(new Failure("Name", "ControlCharacters") { Label = "OrganizationName" });
        }
        if (!Enum.IsDefined(LegalStatus))
        {
            failures.Add(new Failure("LegalStatus", "InvalidChoice"));
        }
        if (!Enum.IsDefined(Field))
        {
            failures.Add(new Failure("Field", "InvalidChoice") { Label = "OrgField" });
        }
        // 依法登记 needs the credit code; 备案 may give one; a grassroots group (未登记) has none to give.
        string? code = null;
        if (string.IsNullOrWhiteSpace(CreditCode))
        {
            if (LegalStatus == LegalStatus.Registered)
            {
                failures.Add(new Failure("CreditCode", "RequiredWhenRegistered"));
            }
        }
        else if (LegalStatus == LegalStatus.Informal)
        {
            failures.Add(new Failure("CreditCode", "NotForInformal"));
        }
        else if (Domain.Building.CreditCode.TryParse(CreditCode, out var parsed, out var rule))
        {
            code = parsed;
        }
        else
        {
            failures.Add(new Failure("CreditCode", rule));
        }
        var summary = Optional(Summary, "Summary", SocialOrganization.TextMaxLength, failures, allowNewLines: true);
        var address = Optional(Address, "Address", SocialOrganization.ShortMaxLength, failures, label: "OrgAddress");
        if (FoundedOn is { } founded && founded > today)
        {
            failures.Add(new Failure("FoundedOn", "DateInFuture"));
        }
        else if (FoundedOn is { Year: < 1900 })
        {
            failures.Add(new Failure("FoundedOn", "DateTooEarly", 400, 1900));
        }
        var contact = Optional(ContactName, "ContactName", ContactNameMaxLength, failures);
        if (contact is null)
        {
            failures.Add(Failure.Required("ContactName"));
        }
        string? phone = null;
        if (string.IsNullOrWhiteSpace(ContactPhone))
        {
            if (phoneRequired)
            {
                failures.Add(Failure.Required("ContactPhone"));
            }
        }
        else if (Domain.Building.ContactPhone.TryNormalize(ContactPhone, out var p))
        {
            phone = p;
        }
        else
        {
            failures.Add(new Failure("ContactPhone", "ContactPhonePattern"));
        }
        var members = Count(MemberCount, "MemberCount", failures);
        var young = Count(YoungMemberCount, "YoungMemberCount", failures);
        if (members is { } m && young is { } y && y > m)
        {
            failures.Add(new Failure("YoungMemberCount", "YoungExceedsMembers", 400, m));
        }
        return failures.Count > 0
            ? Result<Checked>.Fail(failures)
            : new Checked(name, code, summary, address, FoundedOn, contact!, phone, members!.Value, young!.Value,
                LeagueUnitId == Guid.Empty ? null : LeagueUnitId);
    }

    private static int? Count(int? value, string field, List<Failure> failures)
    {
        if (value is not { } v)
        {
            failures.Add(Failure.Required(field));
            return null;
        }
        if (v is < 0 or > SocialOrganization.MaxCount)
        {
            failures.Add(new Failure(field, "Range", 400, 0, SocialOrganization.MaxCount));
            return null;
        }
        return v;
    }

    internal static string? Optional(string? value, string field, int max, List<Failure> failures, bool allowNewLines = false, string? label = null)
    {
        var v = value?.Trim();
        if (string.IsNullOrEmpty(v))
        {
            return null;
        }
        if (v.Length > max)
        {
            failures.Add(Failure.TooLong(field, max) with { Label = label });
        }
        else if (v.Any(c => char.IsControl(c) && !(allowNewLines && c is '\n' or '\r' or '\t')))
        {
            failures.Add(new Failure(field, "ControlCharacters") { Label = label });
        }
        return v;
    }
}
