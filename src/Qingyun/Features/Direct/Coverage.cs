using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.Cadres;
using Qingyun.Domain.Direct;
using Qingyun.Domain.Organization;
using Qingyun.Infrastructure;
using Qingyun.Security;

namespace Qingyun.Features.Direct;

/// <summary>A bound young person not reached on a measure, with the last time they were reached at all.</summary>
public sealed record YouthRef(Guid PersonId, string Name, string? PhoneMasked, DateOnly? LastContactOn);

/// <summary>
/// One post's 1+100 coverage on a day: bound against quota, reached this quarter (any channel), met offline this
/// quarter (meeting, activity or face to face), face to face this year, and who is not reached on each.
/// </summary>
public sealed record CadreCoverage(Guid TermId, Guid CadrePersonId, string CadreName, Guid UnitId, string UnitName, CadrePost Post, bool InOffice,
    int Quota, int Bound, int Contacted, int MetOffline, int FaceToFace,
    IReadOnlyList<YouthRef> NotContacted, IReadOnlyList<YouthRef> NotMetOffline, IReadOnlyList<YouthRef> NotFaceToFace);

public sealed record CoverageTotals(int Posts, int Quota, int Bound, int Contacted, int MetOffline, int FaceToFace)
{
    public static int Percent(int part, int whole) => whole == 0 ? 0 : (int)Math.Round(100.0 * part / whole);
}

public sealed record UnitCoverage(OrgUnit Unit, Period Period, IReadOnlyList<CadreCoverage> Rows, CoverageTotals Totals);

/// <summary>Coverage of a post or of a unit's subtree, on a China day (tests pass their own day).</summary>
public sealed class Coverage(AppDbContext db, DirectPosts posts, TimeProvider clock)
{
    public DateOnly Today => clock.ChinaToday();

    public async Task<Result<CadreCoverage>> ForTermAsync(Guid termId, DateOnly? day, CancellationToken ct)
    {
        var open = await posts.OpenAsync(termId, act: false, ct);
        if (!open.Ok)
        {
            return Result<CadreCoverage>.Fail(open.Failures);
        }
        var p = open.Value!;
        var rows = await ComputeAsync([(p.Term, p.Unit, p.CadreName)], Period.Of(day ?? Today), ct);
        return rows[0];
    }

    /// <summary>Every post in office in the unit's subtree (and ended posts still holding bindings), one row each, with totals.</summary>
    public async Task<Result<UnitCoverage>> ForUnitAsync(Guid? unitId, DateOnly? day, CancellationToken ct)
    {
        var unit = await db.UnitForAsync(unitId, Permission.PeopleRead, "UnitId", ct);
        if (!unit.Ok)
        {
            return Result<UnitCoverage>.Fail(unit.Failures);
        }
        var u = unit.Value!;
        var hi = ScopeRanges.UpperBound(u.Path);
        var terms = await (from t in db.CadreTerms.AsNoTracking()
                           join o in db.OrgUnits.AsNoTracking() on t.UnitId equals o.Id
                           join p in db.People.IgnoreQueryFilters([AppDbContext.ScopeFilter]) on t.PersonId equals p.Id
                           where string.Compare(o.Path, u.Path) >= 0 && string.Compare(o.Path, hi) < 0
                                 && (t.EndedOn == null || db.DirectBindings.Any(b => b.CadreTermId == t.Id && b.EndedOn == null))
                           orderby o.Depth, o.Path, t.Post, p.Name
                           select new { t, o, p.Name }).Take(2000).ToListAsync(ct);
        var period = Period.Of(day ?? Today);
        var rows = await ComputeAsync([.. terms.Select(x => (x.t, x.o, x.Name))], period, ct);
        var totals = new CoverageTotals(rows.Count, rows.Sum(r => r.Quota), rows.Sum(r => r.Bound), rows.Sum(r => r.Contacted), rows.Sum(r => r.MetOffline), rows.Sum(r => r.FaceToFace));
        return new UnitCoverage(u, period, rows, totals);
    }

    /// <summary>The coverage of posts: bindings live on the day, contacts up to the day, in one query each.</summary>
    public async Task<IReadOnlyList<CadreCoverage>> ComputeAsync(IReadOnlyList<(CadreTerm Term, OrgUnit Unit, string CadreName)> terms, Period period, CancellationToken ct)
    {
        var termIds = terms.Select(t => t.Term.Id).ToList();
        var cadreIds = terms.Select(t => t.Term.PersonId).Distinct().ToList();
        var today = period.Today;
        var bindings = await (from b in db.DirectBindings.IgnoreQueryFilters()
                              join p in db.People.IgnoreQueryFilters([AppDbContext.ScopeFilter]) on b.YouthPersonId equals p.Id
                              where termIds.Contains(b.CadreTermId) && b.BoundOn <= today && (b.EndedOn == null || b.EndedOn > today)
                              select new { b.CadreTermId, b.UnitId, b.CadrePersonId, b.YouthPersonId, p.Name, p.PhoneMasked }).AsNoTracking().ToListAsync(ct);
        var reached = await db.DirectContactYouth.IgnoreQueryFilters()
            .Where(y => cadreIds.Contains(y.CadrePersonId) && y.On <= today)
            .GroupBy(y => new { y.UnitId, y.CadrePersonId, y.YouthPersonId })
            .Select(g => new
            {
                g.Key.UnitId, g.Key.CadrePersonId, g.Key.YouthPersonId,
                Last = g.Max(y => y.On),
                LastOffline = g.Max(y => y.Channel >= ContactChannel.Meeting ? (DateOnly?)y.On : null),
                LastFaceToFace = g.Max(y => y.Channel == ContactChannel.FaceToFace ? (DateOnly?)y.On : null),
            }).ToListAsync(ct);
        var byKey = reached.ToDictionary(r => (r.UnitId, r.CadrePersonId, r.YouthPersonId));
        var byTerm = bindings.ToLookup(b => b.CadreTermId);
        var result = new List<CadreCoverage>(terms.Count);
        foreach (var (term, unit, name) in terms)
        {
            var mine = byTerm[term.Id].OrderBy(b => b.Name).Select(b =>
            {
                var r = byKey.GetValueOrDefault((b.UnitId, b.CadrePersonId, b.YouthPersonId));
                return (Ref: new YouthRef(b.YouthPersonId, b.Name, b.PhoneMasked, r?.Last), Contacted: r?.Last >= period.QuarterStart,
                    Offline: r?.LastOffline >= period.QuarterStart, FaceToFace: r?.LastFaceToFace >= period.YearStart);
            }).ToList();
            result.Add(new CadreCoverage(term.Id, term.PersonId, name, unit.Id, unit.Name, term.Post, term.IsOpen, DirectPost.QuotaOf(term, unit), mine.Count,
                mine.Count(m => m.Contacted), mine.Count(m => m.Offline), mine.Count(m => m.FaceToFace),
                [.. mine.Where(m => !m.Contacted).Select(m => m.Ref)], [.. mine.Where(m => !m.Offline).Select(m => m.Ref)],
                [.. mine.Where(m => !m.FaceToFace).Select(m => m.Ref)]));
        }
        return result;
    }
}
