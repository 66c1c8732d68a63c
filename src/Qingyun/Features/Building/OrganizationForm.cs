using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qingyun.Data;
using Qingyun.Domain.Access;
using Qingyun.Domain.Building;
using Qingyun.Domain.Organization;
using Qingyun.Features.Organization;
using Qingyun.Resources;

namespace Qingyun.Features.Building;

/// <summary>The organization form's fields as the browser posts them.</summary>
public sealed class OrganizationForm
{
    public Guid? UnitId { get; set; }
    public NewOrganizationKind Kind { get; set; } = NewOrganizationKind.NonPublicEnterprise;
    public string? Name { get; set; }
    public string? CreditCode { get; set; }
    public string? Address { get; set; }
    public string? ContactName { get; set; }
    public string? ContactPhone { get; set; }
    public int? StaffCount { get; set; }
    public int? YoungStaffCount { get; set; }
    public bool HasPartyOrganization { get; set; }
    public BuildingStatus Status { get; set; } = BuildingStatus.NotBuilt;
    public DateOnly? BuiltOn { get; set; }
    public Guid? LeagueUnitId { get; set; }
    public int? MembersAdded { get; set; }

    public OrganizationInput ToInput() => new(UnitId, Kind, Name, CreditCode, Address, ContactName, ContactPhone, StaffCount, YoungStaffCount,
        HasPartyOrganization, Status, BuiltOn, LeagueUnitId, MembersAdded);

    public static OrganizationForm From(NewOrganization o) => new()
    {
        UnitId = o.UnitId, Kind = o.Kind, Name = o.Name, CreditCode = o.CreditCode, Address = o.Address, ContactName = o.ContactName,
        StaffCount = o.StaffCount, YoungStaffCount = o.YoungStaffCount, HasPartyOrganization = o.HasPartyOrganization, Status = o.Status,
        BuiltOn = o.BuiltOn, LeagueUnitId = o.LeagueUnitId, MembersAdded = o.MembersAdded,
    };

    /// <summary>
    /// Choices for "League unit built there": the enterprise and social-organization units the caller can
    /// see, where such a branch lives in the tree, keeping the current choice.
    /// </summary>
    public static async Task<IReadOnlyList<UnitRow>> LeagueUnitChoicesAsync(AppDbContext db, Guid? keep, CancellationToken ct)
    {
        var paths = db.Scope.PathsWith(Permission.PeopleRead);
        var list = await db.OrgUnits.AsNoTracking()
            .Where(u => (u.Kind == UnitKind.NonPublicEnterprise || u.Kind == UnitKind.SocialOrganization || u.Id == keep)
                && (db.Scope.Unrestricted || paths.Any(p => u.Path.StartsWith(p))))
            .OrderBy(u => u.Name).Take(300)
            .Select(u => new UnitRow(u.Id, u.ParentId, u.Code, u.Name, u.Kind, u.BodyType, u.ClosedAt != null, 0))
            .ToListAsync(ct);
        return list;
    }
}

public sealed record OrganizationFieldsView(
    OrganizationForm Form, IReadOnlyList<UnitRow> Units, IReadOnlyList<UnitRow> LeagueUnits, string? MaskedPhone,
    ModelStateDictionary State, IStringLocalizer<SharedResource> T);
