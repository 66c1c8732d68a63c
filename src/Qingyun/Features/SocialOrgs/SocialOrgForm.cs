using Microsoft.AspNetCore.Mvc.ModelBinding;
using Qingyun.Domain.SocialOrgs;
using Qingyun.Features.Organization;

namespace Qingyun.Features.SocialOrgs;

/// <summary>The organization form's fields as the browser posts them (unit entry, edit, self-registration, the organization's own edit).</summary>
public sealed class SocialOrgForm
{
    public Guid? UnitId { get; set; }
    public string? Name { get; set; }
    public LegalStatus LegalStatus { get; set; } = LegalStatus.Registered;
    public OrgField Field { get; set; } = OrgField.Volunteer;
    public string? CreditCode { get; set; }
    public string? Summary { get; set; }
    public string? Address { get; set; }
    public DateOnly? FoundedOn { get; set; }
    public string? ContactName { get; set; }
    public string? ContactPhone { get; set; }
    public int? MemberCount { get; set; }
    public int? YoungMemberCount { get; set; }
    public bool HasLeagueBranch { get; set; }
    public bool HasPartyBranch { get; set; }
    public Guid? LeagueUnitId { get; set; }

    public SocialOrgInput ToInput() => new(UnitId, Name, LegalStatus, Field, CreditCode, Summary, Address, FoundedOn, ContactName, ContactPhone,
        MemberCount, YoungMemberCount, HasLeagueBranch, HasPartyBranch, LeagueUnitId);

    public static SocialOrgForm From(SocialOrganization o) => new()
    {
        UnitId = o.UnitId, Name = o.Name, LegalStatus = o.LegalStatus, Field = o.Field, CreditCode = o.CreditCode, Summary = o.Summary, Address = o.Address,
        FoundedOn = o.FoundedOn, ContactName = o.ContactName, MemberCount = o.MemberCount, YoungMemberCount = o.YoungMemberCount,
        HasLeagueBranch = o.HasLeagueBranch, HasPartyBranch = o.HasPartyBranch, LeagueUnitId = o.LeagueUnitId,
    };
}

/// <summary>
/// What the fields partial needs. <paramref name="Units"/> null hides the unit choices (self-registration and
/// the organization's own edit: the unit is not the organization's to choose).
/// </summary>
public sealed record SocialOrgFieldsView(
    SocialOrgForm Form, IReadOnlyList<UnitRow>? Units, IReadOnlyList<UnitRow>? LeagueUnits, string? MaskedPhone, ModelStateDictionary State, string Prefix = "Input");
