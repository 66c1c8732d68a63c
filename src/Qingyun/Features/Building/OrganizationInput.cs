using Qingyun.Domain;
using Qingyun.Domain.Building;

namespace Qingyun.Features.Building;

/// <summary>What an organization form, an API call or an import row carries; the same rules for all three.</summary>
public sealed record OrganizationInput(
    Guid? UnitId, NewOrganizationKind Kind, string? Name, string? CreditCode, string? Address, string? ContactName, string? ContactPhone,
    int? StaffCount, int? YoungStaffCount, bool HasPartyOrganization, BuildingStatus Status, DateOnly? BuiltOn, Guid? LeagueUnitId, int? MembersAdded)
{
    /// <summary>The input after its rules: trimmed, normalized, ready to store.</summary>
    public sealed record Checked(
        string Name, string CreditCode, string? Address, string? ContactName, string? ContactPhone,
        int StaffCount, int YoungStaffCount, DateOnly? BuiltOn, Guid? LeagueUnitId, int MembersAdded);

    public Result<Checked> Check(DateOnly today)
    {
        var failures = new List<Failure>();
        var name = (Name ?? "").Trim();
        if (name.Length == 0)
        {
            failures.Add(Failure.Required("Name") with { Label = "OrganizationName" });
        }
        else if (name.Length > NewOrganization.NameMaxLength)
        {
            failures.Add(Failure.TooLong("Name", NewOrganization.NameMaxLength) with { Label = "OrganizationName" });
        }
        else if (name.Any(char.IsControl))
        {
            failures.Add(new Failure("Name", "ControlCharacters") { Label = "OrganizationName" });
        }
        if (!Enum.IsDefined(Kind))
        {
            failures.Add(new Failure("Kind", "InvalidChoice") { Label = "OrganizationKind" });
        }
        var code = "";
        if (string.IsNullOrWhiteSpace(CreditCode))
        {
            failures.Add(Failure.Required("CreditCode"));
        }
        else if (!Domain.Building.CreditCode.TryParse(CreditCode, out code, out var rule))
        {
            failures.Add(new Failure("CreditCode", rule));
        }
        var address = Optional(Address, "Address", NewOrganization.AddressMaxLength, failures);
        var contact = Optional(ContactName, "ContactName", NewOrganization.ContactNameMaxLength, failures);
        string? phone = null;
        if (!string.IsNullOrWhiteSpace(ContactPhone))
        {
            if (Domain.Building.ContactPhone.TryNormalize(ContactPhone, out var p))
            {
                phone = p;
            }
            else
            {
                failures.Add(new Failure("ContactPhone", "ContactPhonePattern"));
            }
        }
        var staff = Count(StaffCount, "StaffCount", required: true, failures);
        var young = Count(YoungStaffCount, "YoungStaffCount", required: true, failures);
        if (staff is { } s && young is { } y && y > s)
        {
            failures.Add(new Failure("YoungStaffCount", "YoungExceedsStaff", 400, s));
        }
        var members = Count(MembersAdded, "MembersAdded", required: false, failures) ?? 0;
        if (!Enum.IsDefined(Status))
        {
            failures.Add(new Failure("Status", "InvalidChoice") { Label = "BuildingStatus" });
        }
        DateOnly? builtOn = null;
        Guid? leagueUnit = null;
        // Only a built organization has a date built and a League unit; for the others they are cleared,
        // so moving back from 已建团 to 联系中 leaves no stale date counting toward a year's progress.
        if (Status == BuildingStatus.Built)
        {
            if (BuiltOn is not { } d)
            {
                failures.Add(new Failure("BuiltOn", "RequiredWhenBuilt"));
            }
            else if (d > today)
            {
                failures.Add(new Failure("BuiltOn", "DateInFuture"));
            }
            else if (d.Year < NewOrganization.MinBuiltYear)
            {
                failures.Add(new Failure("BuiltOn", "DateFormat"));
            }
            builtOn = BuiltOn;
            leagueUnit = LeagueUnitId == Guid.Empty ? null : LeagueUnitId;
        }
        return failures.Count > 0
            ? Result<Checked>.Fail(failures)
            : new Checked(name, code, address, contact, phone, staff!.Value, young!.Value, builtOn, leagueUnit, members);
    }

    private static int? Count(int? value, string field, bool required, List<Failure> failures)
    {
        if (value is not { } v)
        {
            if (required)
            {
                failures.Add(Failure.Required(field));
            }
            return null;
        }
        if (v < 0)
        {
            failures.Add(new Failure(field, "NotNegative"));
            return null;
        }
        if (v > NewOrganization.MaxCount)
        {
            failures.Add(new Failure(field, "Range", 400, 0, NewOrganization.MaxCount));
            return null;
        }
        return v;
    }

    private static string? Optional(string? value, string field, int max, List<Failure> failures)
    {
        var v = value?.Trim();
        if (string.IsNullOrEmpty(v))
        {
            return null;
        }
        if (v.Length > max)
        {
            failures.Add(Failure.TooLong(field, max));
        }
        else if (v.Any(char.IsControl))
        {
            failures.Add(new Failure(field, "ControlCharacters"));
        }
        return v;
    }
}
