using Qingyun.Domain;
using Qingyun.Domain.People;

namespace Qingyun.Features.People;

/// <summary>What a person form or API call carries; the same rules for create, edit and import.</summary>
public sealed record PersonInput(
    Guid? UnitId, string? Name, string? IdNumber, string? Phone, string? Ethnicity,
    PoliticalStatus PoliticalStatus, Education? Education, string? Workplace, string? Address)
{
    public const int MinimumAge = 14;

    public sealed record Checked(string Name, IdNumber IdNumber, string? Phone, string? Ethnicity, string? Workplace, string? Address);

    public Result<Checked> Check(DateOnly today)
    {
        var failures = new List<Failure>();
        var name = (Name ?? "").Trim();
        if (name.Length == 0)
        {
            failures.Add(Failure.Required("Name") with { Label = "PersonName" });
        }
        else if (name.Length > Person.NameMaxLength)
        {
            failures.Add(Failure.TooLong("Name", Person.NameMaxLength) with { Label = "PersonName" });
        }
        else if (name.Any(char.IsControl))
        {
            failures.Add(new Failure("Name", "ControlCharacters") { Label = "PersonName" });
        }
        Domain.People.IdNumber id = default;
        if (string.IsNullOrWhiteSpace(IdNumber))
        {
            failures.Add(Failure.Required("IdNumber"));
        }
        else if (!Domain.People.IdNumber.TryParse(IdNumber, today, out id, out var rule))
        {
            failures.Add(new Failure("IdNumber", rule));
        }
        else if (id.BirthDate.AddYears(MinimumAge) > today)
        {
            // Children under 14 are kept only inside an assistance case, seen by its owner and paired
            // volunteer (DESIGN.md); the general registry does not take them.
            failures.Add(new Failure("IdNumber", "UnderFourteen", 400, MinimumAge));
        }
        string? phone = null;
        if (!string.IsNullOrWhiteSpace(Phone))
        {
            if (Domain.People.Phone.TryNormalize(Phone, out var p))
            {
                phone = p;
            }
            else
            {
                failures.Add(new Failure("Phone", "PhonePattern"));
            }
        }
        var ethnicity = Optional(Ethnicity, "Ethnicity", 20, failures);
        var workplace = Optional(Workplace, "Workplace", 100, failures);
        var address = Optional(Address, "Address", 200, failures);
        if (!Enum.IsDefined(PoliticalStatus))
        {
            failures.Add(new Failure("PoliticalStatus", "InvalidChoice"));
        }
        if (Education is { } e && !Enum.IsDefined(e))
        {
            failures.Add(new Failure("Education", "InvalidChoice"));
        }
        return failures.Count > 0 ? Result<Checked>.Fail(failures) : new Checked(name, id, phone, ethnicity, workplace, address);
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
        return v;
    }
}
