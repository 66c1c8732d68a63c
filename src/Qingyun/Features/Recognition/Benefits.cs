using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.Volunteering;
using Qingyun.Features.Certificates;
using Qingyun.Features.Volunteering;
using Qingyun.Infrastructure;
using Qingyun.Security;

namespace Qingyun.Features.Recognition;

public sealed record BenefitRow(Guid Id, Guid UnitId, string UnitName, string Partner, string Offer, int MinimumStars, DateOnly? ValidUntil);

/// <summary>
/// 便民优惠: what partners offer volunteers from a star level up. A unit records its partners' offers; a
/// volunteer sees the offers, still valid, of their own unit and every unit above it, at or below their level.
/// </summary>
public sealed class Benefits(AppDbContext db, TimeProvider clock)
{
    public sealed record AddCommand(Guid? UnitId, string? Partner, string? Offer, int? MinimumStars, DateOnly? ValidUntil);

    public async Task<Result<Benefit>> AddAsync(AddCommand c, CancellationToken ct)
    {
        var unit = await db.UnitForAsync(c.UnitId, Permission.ServiceManage, "UnitId", ct);
        if (!unit.Ok)
        {
            return Result<Benefit>.Fail(unit.Failures);
        }
        var now = clock.GetUtcNow();
        var failures = new List<Failure>();
        var partner = IssueCertificate.Text(c.Partner, "Partner", Benefit.TextMaxLength, multiline: false, failures);
        var offer = IssueCertificate.Text(c.Offer, "Offer", Benefit.TextMaxLength, multiline: true, failures);
        if (c.MinimumStars is not { } minimum)
        {
            failures.Add(Failure.Required("MinimumStars"));
        }
        else if (minimum is < 0 or > 5)
        {
            failures.Add(new Failure("MinimumStars", "Range", 400, 0, 5));
        }
        if (c.ValidUntil is { } until && until < now.ChinaDate())
        {
            failures.Add(new Failure("ValidUntil", "DateInPast"));
        }
        if (failures.Count > 0)
        {
            return Result<Benefit>.Fail(failures);
        }
        var benefit = new Benefit
        {
            UnitId = unit.Value!.Id, Partner = partner!, Offer = offer!, MinimumStars = c.MinimumStars!.Value, ValidUntil = c.ValidUntil, CreatedAt = now,
        };
        db.Benefits.Add(benefit);
        await db.SaveChangesAsync(ct);
        return benefit;
    }

    /// <summary>Takes an offer down (the audit log keeps it).</summary>
    public async Task<Result<Benefit>> RemoveAsync(Guid id, CancellationToken ct)
    {
        var found = await db.OwnedAsync(db.Benefits, b => b.Id == id, Permission.ServiceManage, ct);
        if (!found.Ok)
        {
            return found;
        }
        db.Benefits.Remove(found.Value!);
        await db.SaveChangesAsync(ct);
        return found.Value!;
    }

    /// <summary>Rows with their units' names, read apart so the benefits query keeps its own filters.</summary>
    private async Task<IReadOnlyList<BenefitRow>> RowsAsync(IQueryable<Benefit> benefits, CancellationToken ct)
    {
        var list = await benefits.AsNoTracking().OrderBy(b => b.MinimumStars).ThenBy(b => b.Id).Take(500).ToListAsync(ct);
        var ids = list.Select(b => b.UnitId).Distinct().ToList();
        var names = await db.OrgUnits.IgnoreQueryFilters([AppDbContext.ScopeFilter]).Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        return list.Select(b => new BenefitRow(b.Id, b.UnitId, names.GetValueOrDefault(b.UnitId, ""), b.Partner, b.Offer, b.MinimumStars, b.ValidUntil)).ToList();
    }

    /// <summary>Offers recorded by units in scope (or the <paramref name="unitId"/> subtree), expired ones included.</summary>
    public async Task<Result<IReadOnlyList<BenefitRow>>> InScopeAsync(Guid? unitId, CancellationToken ct)
    {
        var q = db.Benefits.AsQueryable();
        if (unitId is { } id)
        {
            var path = await db.OrgUnits.Where(u => u.Id == id).Select(u => u.Path).FirstOrDefaultAsync(ct);
            if (path is null)
            {
                return Failure.NotFound("UnitId");
            }
            var hi = ScopeRanges.UpperBound(path);
            q = q.Where(b => db.OrgUnits.Any(u => u.Id == b.UnitId && string.Compare(u.Path, path) >= 0 && string.Compare(u.Path, hi) < 0));
        }
        return Result<IReadOnlyList<BenefitRow>>.Success(await RowsAsync(q, ct));
    }

    /// <summary>
    /// The offers a volunteer may use: from their own unit and the units above it, still valid, asking no
    /// more stars than they have. Callers pass a volunteer they may read (their own, or one out of a scoped row).
    /// </summary>
    public async Task<IReadOnlyList<BenefitRow>> ForVolunteerAsync(Volunteer volunteer, CancellationToken ct)
    {
        var path = await db.OrgUnits.IgnoreQueryFilters([AppDbContext.ScopeFilter]).Where(u => u.Id == volunteer.UnitId).Select(u => u.Path).FirstOrDefaultAsync(ct);
        if (path is null)
        {
            return [];
        }
        var onPath = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(s => Guid.ParseExact(s, "N")).ToList();
        var today = clock.ChinaToday();
        var stars = volunteer.Stars;
        var q = db.Benefits.IgnoreQueryFilters([AppDbContext.ScopeFilter])
            .Where(b => onPath.Contains(b.UnitId) && b.MinimumStars <= stars && (b.ValidUntil == null || b.ValidUntil >= today));
        return await RowsAsync(q, ct);
    }

    /// <summary>The signed-in volunteer's offers; empty when the account is not a volunteer.</summary>
    public async Task<IReadOnlyList<BenefitRow>> OwnAsync(CancellationToken ct) =>
        await VolunteerDirectory.OwnAsync(db, ct) is { } own ? await ForVolunteerAsync(own, ct) : [];
}
