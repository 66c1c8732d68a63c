using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.Building;
using Qingyun.Features.Organization;

namespace Qingyun.Features.Building;

public sealed record OrganizationFilter(
    Guid? UnitId = null, string? Name = null, BuildingStatus? Status = null, NewOrganizationKind? Kind = null,
    bool? HasPartyOrganization = null, Guid? After = null);

/// <summary>A list line. Member-initialized so EF Core can filter and sort on it after projection.</summary>
public sealed record OrganizationRow
{
    public Guid Id { get; init; }
    public Guid UnitId { get; init; }
    public string UnitName { get; init; } = "";
    public NewOrganizationKind Kind { get; init; }
    public string Name { get; init; } = "";
    public string CreditCode { get; init; } = "";
    public string? Address { get; init; }
    public string? ContactName { get; init; }
    public string? ContactPhoneMasked { get; init; }
    public int StaffCount { get; init; }
    public int YoungStaffCount { get; init; }
    public bool HasPartyOrganization { get; init; }
    public BuildingStatus Status { get; init; }
    public DateOnly? BuiltOn { get; init; }
    public Guid? LeagueUnitId { get; init; }
    public string? LeagueUnitName { get; init; }
    public int MembersAdded { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}

public sealed record OrganizationPage(IReadOnlyList<OrganizationRow> Items, Guid? Next);

public sealed record OrganizationHistoryLine(NewOrganizationEventKind Kind, string? Before, string? After, int? MembersDelta, DateOnly On, DateTimeOffset At, string? ByUserName);

public sealed record OrganizationDetails(OrganizationRow Organization, IReadOnlyList<OrganizationHistoryLine> History);

/// <summary>
/// The organizations tracked in the caller's scope: a unit's subtree, filtered, in id order with keyset
/// paging so a deep page costs what the first does.
/// </summary>
public sealed class BrowseOrganizations(AppDbContext db)
{
    public const int PageSize = 50;

    // Every set keeps its scope filter: the League unit's name shows only when the caller sees that unit.
    private IQueryable<OrganizationRow> Rows() =>
        from o in db.NewOrganizations
        join u in db.OrgUnits on o.UnitId equals u.Id
        select new OrganizationRow
        {
            Id = o.Id, UnitId = u.Id, UnitName = u.Name, Kind = o.Kind, Name = o.Name, CreditCode = o.CreditCode, Address = o.Address,
            ContactName = o.ContactName, ContactPhoneMasked = o.ContactPhoneMasked, StaffCount = o.StaffCount, YoungStaffCount = o.YoungStaffCount,
            HasPartyOrganization = o.HasPartyOrganization, Status = o.Status, BuiltOn = o.BuiltOn, LeagueUnitId = o.LeagueUnitId,
            LeagueUnitName = db.OrgUnits.Where(l => l.Id == o.LeagueUnitId).Select(l => l.Name).FirstOrDefault(),
            MembersAdded = o.MembersAdded, UpdatedAt = o.UpdatedAt,
        };

    public async Task<Result<IQueryable<OrganizationRow>>> QueryAsync(OrganizationFilter f, CancellationToken ct)
    {
        var q = Rows();
        if (f.UnitId is not null)
        {
            if (await SubtreeAsync(db, f.UnitId.Value, ct) is not { } range)
            {
                return Failure.NotFound("UnitId");
            }
            q = q.Where(r => db.OrgUnits.Any(u => u.Id == r.UnitId && string.Compare(u.Path, range.Lo) >= 0 && string.Compare(u.Path, range.Hi) < 0));
        }
        if (!string.IsNullOrWhiteSpace(f.Name))
        {
            var n = f.Name.Trim();
            var code = n.ToUpperInvariant();
            q = q.Where(r => r.Name.Contains(n) || r.CreditCode == code);
        }
        if (f.Status is { } status)
        {
            q = q.Where(r => r.Status == status);
        }
        if (f.Kind is { } kind)
        {
            q = q.Where(r => r.Kind == kind);
        }
        if (f.HasPartyOrganization is { } party)
        {
            q = q.Where(r => r.HasPartyOrganization == party);
        }
        return Result<IQueryable<OrganizationRow>>.Success(q);
    }

    public async Task<Result<OrganizationPage>> ListAsync(OrganizationFilter f, CancellationToken ct)
    {
        var q = await QueryAsync(f, ct);
        if (!q.Ok)
        {
            return Result<OrganizationPage>.Fail(q.Failures);
        }
        var query = q.Value!;
        if (f.After is { } after)
        {
            query = query.Where(r => r.Id.CompareTo(after) > 0);
        }
        var rows = await query.OrderBy(r => r.Id).Take(PageSize + 1).ToListAsync(ct);
        Guid? next = null;
        if (rows.Count > PageSize)
        {
            rows.RemoveAt(PageSize);
            next = rows[^1].Id;
        }
        return new OrganizationPage(rows, next);
    }

    public async Task<Result<OrganizationDetails>> DetailsAsync(Guid id, CancellationToken ct)
    {
        var row = await Rows().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (row is null)
        {
            return Failure.NotFound("Id");
        }
        // The organization is visible, so all of its history is: lines written before it moved between
        // units carry the old unit, and are read by organization, not by unit.
        var history = await db.NewOrganizationEvents.IgnoreQueryFilters().AsNoTracking()
            .Where(e => e.OrganizationId == id).OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Select(e => new OrganizationHistoryLine(e.Kind, e.Before, e.After, e.MembersDelta, e.On, e.At, e.ByUserName))
            .ToListAsync(ct);
        return new OrganizationDetails(row, history);
    }

    /// <summary>A visible unit's subtree as a path range; null when the unit is unknown or out of scope.</summary>
    public static async Task<(string Lo, string Hi, string Path)?> SubtreeAsync(AppDbContext db, Guid unitId, CancellationToken ct)
    {
        var path = await db.OrgUnits.Where(u => u.Id == unitId).Select(u => u.Path).FirstOrDefaultAsync(ct);
        return path is null ? null : (path, Security.ScopeRanges.UpperBound(path), path);
    }

    /// <summary>Where a page opens when no unit is chosen: the highest unit the caller may read people of.</summary>
    public static Guid? DefaultUnit(AppDbContext db)
    {
        var path = db.Scope.PathsWith(Permission.PeopleRead).OrderBy(p => p.Length).FirstOrDefault();
        return path is null ? null : BrowseUnits.IdsOnPath(path).Last();
    }
}
