using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.SocialOrgs;
using Qingyun.Features.Organization;
using Qingyun.Infrastructure;
using Qingyun.Security;

namespace Qingyun.Features.SocialOrgs;

public sealed record SocialOrgFilter(
    Guid? UnitId = null, string? Name = null, OrgField? Field = null, LegalStatus? LegalStatus = null, OrgReviewStatus? ReviewStatus = null,
    IncubationStage? Stage = null, bool? HasLeagueBranch = null, bool? PartnerNow = null, int Page = 1);

/// <summary>A list line. Member-initialized so EF Core can filter and sort on it after projection.</summary>
public sealed record SocialOrgRow
{
    public Guid Id { get; init; }
    public Guid UnitId { get; init; }
    public string UnitName { get; init; } = "";
    public string Name { get; init; } = "";
    public string? CreditCode { get; init; }
    public LegalStatus LegalStatus { get; init; }
    public OrgField Field { get; init; }
    public string ContactName { get; init; } = "";
    public string? ContactPhoneMasked { get; init; }
    public int MemberCount { get; init; }
    public int YoungMemberCount { get; init; }
    public bool HasLeagueBranch { get; init; }
    public bool HasPartyBranch { get; init; }
    public OrgReviewStatus ReviewStatus { get; init; }
    public IncubationStage? Stage { get; init; }
    public OrgSource Source { get; init; }
    public bool PartnerNow { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>The figures at the top of the registry, for the unit's subtree whatever the other filters.</summary>
public sealed record SocialOrgCounts(int Total, int PendingReview, int Incubating, int PartnersNow, int WithLeagueBranch);

public sealed record SocialOrgPage(IReadOnlyList<SocialOrgRow> Items, SocialOrgCounts Counts, int Page, bool HasNext);

/// <summary>
/// The registry of youth social organizations in the caller's scope (decision 013): a unit's subtree,
/// filtered; pending reviews first (what reviewers need), then by name; pages of 50.
/// </summary>
public sealed class BrowseSocialOrgs(AppDbContext db, TimeProvider clock)
{
    public const int PageSize = 50;

    private IQueryable<SocialOrgRow> Rows(DateOnly today) =>
        from o in db.SocialOrganizations
        join u in db.OrgUnits on o.UnitId equals u.Id
        select new SocialOrgRow
        {
            Id = o.Id, UnitId = u.Id, UnitName = u.Name, Name = o.Name, CreditCode = o.CreditCode, LegalStatus = o.LegalStatus, Field = o.Field,
            ContactName = o.ContactName, ContactPhoneMasked = o.ContactPhoneMasked, MemberCount = o.MemberCount, YoungMemberCount = o.YoungMemberCount,
            HasLeagueBranch = o.HasLeagueBranch, HasPartyBranch = o.HasPartyBranch, ReviewStatus = o.ReviewStatus, Stage = o.Stage, Source = o.Source,
            PartnerNow = db.Partnerships.Any(p => p.OrganizationId == o.Id && p.RevokedOn == null && p.From <= today && p.Until >= today),
            CreatedAt = o.CreatedAt,
        };

    /// <summary>The subtree's rows (no other filter), or 404 when the unit is unknown or out of scope.</summary>
    private async Task<Result<IQueryable<SocialOrgRow>>> SubtreeAsync(Guid? unitId, DateOnly today, CancellationToken ct)
    {
        var q = Rows(today);
        if (unitId is { } id)
        {
            var path = await db.OrgUnits.Where(u => u.Id == id).Select(u => u.Path).FirstOrDefaultAsync(ct);
            if (path is null || !db.Scope.Covers(path, Permission.SocialOrgsRead))
            {
                return Failure.NotFound("UnitId");
            }
            var hi = ScopeRanges.UpperBound(path);
            q = q.Where(r => db.OrgUnits.Any(u => u.Id == r.UnitId && string.Compare(u.Path, path) >= 0 && string.Compare(u.Path, hi) < 0));
        }
        return Result<IQueryable<SocialOrgRow>>.Success(q);
    }

    public async Task<Result<IQueryable<SocialOrgRow>>> QueryAsync(SocialOrgFilter f, CancellationToken ct)
    {
        var sub = await SubtreeAsync(f.UnitId, clock.ChinaToday(), ct);
        if (!sub.Ok)
        {
            return sub;
        }
        var q = sub.Value!;
        if (!string.IsNullOrWhiteSpace(f.Name))
        {
            var n = f.Name.Trim();
            var code = n.ToUpperInvariant();
            q = q.Where(r => r.Name.Contains(n) || r.CreditCode == code);
        }
        if (f.Field is { } field)
        {
            q = q.Where(r => r.Field == field);
        }
        if (f.LegalStatus is { } legal)
        {
            q = q.Where(r => r.LegalStatus == legal);
        }
        if (f.ReviewStatus is { } review)
        {
            q = q.Where(r => r.ReviewStatus == review);
        }
        if (f.Stage is { } stage)
        {
            q = q.Where(r => r.Stage == stage);
        }
        if (f.HasLeagueBranch is { } branch)
        {
            q = q.Where(r => r.HasLeagueBranch == branch);
        }
        if (f.PartnerNow is { } partner)
        {
            q = q.Where(r => r.PartnerNow == partner);
        }
        return Result<IQueryable<SocialOrgRow>>.Success(q);
    }

    /// <summary>Pending first, then by name: the order of the list and of the export.</summary>
    public static IQueryable<SocialOrgRow> Ordered(IQueryable<SocialOrgRow> q) =>
        q.OrderBy(r => r.ReviewStatus == OrgReviewStatus.Pending ? 0 : 1).ThenBy(r => r.Name).ThenBy(r => r.Id);

    public async Task<Result<SocialOrgPage>> ListAsync(SocialOrgFilter f, CancellationToken ct)
    {
        var q = await QueryAsync(f, ct);
        if (!q.Ok)
        {
            return Result<SocialOrgPage>.Fail(q.Failures);
        }
        var page = Math.Max(1, f.Page);
        var rows = await Ordered(q.Value!).Skip((page - 1) * PageSize).Take(PageSize + 1).ToListAsync(ct);
        var hasNext = rows.Count > PageSize;
        if (hasNext)
        {
            rows.RemoveAt(PageSize);
        }
        var counts = await CountsAsync(f.UnitId, ct);
        return new SocialOrgPage(rows, counts.Value!, page, hasNext);
    }

    public async Task<Result<SocialOrgCounts>> CountsAsync(Guid? unitId, CancellationToken ct)
    {
        var sub = await SubtreeAsync(unitId, clock.ChinaToday(), ct);
        if (!sub.Ok)
        {
            return Result<SocialOrgCounts>.Fail(sub.Failures);
        }
        var q = sub.Value!;
        // Five small counts rather than one grouped query: the partner test is a subquery, which an aggregate cannot hold everywhere.
        return new SocialOrgCounts(
            await q.CountAsync(ct),
            await q.CountAsync(r => r.ReviewStatus == OrgReviewStatus.Pending, ct),
            await q.CountAsync(r => r.Stage == IncubationStage.Incubating, ct),
            await q.CountAsync(r => r.PartnerNow, ct),
            await q.CountAsync(r => r.HasLeagueBranch, ct));
    }

    /// <summary>Where the registry opens when no unit is chosen: the highest unit the caller may read it in.</summary>
    public static Guid? DefaultUnit(AppDbContext db)
    {
        var path = db.Scope.PathsWith(Permission.SocialOrgsRead).OrderBy(p => p.Length).FirstOrDefault();
        return path is null ? null : BrowseUnits.IdsOnPath(path).Last();
    }
}
