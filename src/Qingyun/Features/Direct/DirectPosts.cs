using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.Cadres;
using Qingyun.Domain.Direct;
using Qingyun.Domain.Organization;
using Qingyun.Security;

namespace Qingyun.Features.Direct;

/// <summary>
/// One cadre post as 1+100 sees it: the term, its unit, the cadre, the quota, and what the viewer may do.
/// <see cref="CanAct"/>: bind, end bindings and log contacts (the cadre themself or a people manager over the
/// unit); <see cref="CanManage"/>: also set the post's quota.
/// </summary>
public sealed record DirectPost(CadreTerm Term, OrgUnit Unit, string CadreName, int Quota, bool IsSelf, bool CanManage)
{
    public bool CanAct => IsSelf || CanManage;

    /// <summary>The level a binding of this post takes (the depth of the cadre's unit): one cadre per level for a young person.</summary>
    public int Level => Unit.Depth;

    public bool QuotaIsDefault => Term.ContactQuota is null;

    public static int QuotaOf(CadreTerm term, OrgUnit unit) => term.ContactQuota ?? ContactChannels.DefaultQuota(term.Kind, unit.BodyType);
}

/// <summary>China quarters and years, for coverage and reminders.</summary>
public readonly record struct Period(DateOnly QuarterStart, DateOnly YearStart, DateOnly Today)
{
    public static Period Of(DateOnly today) =>
        new(new DateOnly(today.Year, (today.Month - 1) / 3 * 3 + 1, 1), new DateOnly(today.Year, 1, 1), today);

    public int Quarter => (QuarterStart.Month - 1) / 3 + 1;

    /// <summary>"2026 Q3": the same in both languages, kept in notices.</summary>
    public string Label => $"{Today.Year} Q{Quarter}";

    /// <summary>From the first day of the quarter's last month: the month reminders go out.</summary>
    public bool InLastMonth => Today.Month % 3 == 0;
}

/// <summary>The door to a post: every 1+100 page and endpoint opens the term through it.</summary>
public sealed class DirectPosts(AppDbContext db)
{
    /// <summary>
    /// The post, when the viewer reads people of its unit or is the cadre themself; otherwise 404. Acting
    /// (<paramref name="act"/>) needs <see cref="DirectPost.CanAct"/> (403) and an open term (409).
    /// </summary>
    public async Task<Result<DirectPost>> OpenAsync(Guid termId, bool act, CancellationToken ct)
    {
        var own = await db.OwnPersonIdAsync(ct);
        var term = await db.CadreTerms.FirstOrDefaultAsync(t => t.Id == termId, ct);
        if (term is null && own is { } me)
        {
            // The cadre's own post, even where their account reads no roster.
            term = await db.CadreTerms.IgnoreQueryFilters([AppDbContext.ScopeFilter]).FirstOrDefaultAsync(t => t.Id == termId && t.PersonId == me, ct);
        }
        if (term is null)
        {
            return Failure.NotFound("Id");
        }
        var unit = await db.OrgUnits.IgnoreQueryFilters([AppDbContext.ScopeFilter]).FirstAsync(u => u.Id == term.UnitId, ct);
        var name = await db.People.IgnoreQueryFilters([AppDbContext.ScopeFilter]).Where(p => p.Id == term.PersonId).Select(p => p.Name).FirstOrDefaultAsync(ct) ?? "";
        var post = new DirectPost(term, unit, name, DirectPost.QuotaOf(term, unit), own == term.PersonId, db.Scope.Covers(unit.Path, Permission.PeopleManage));
        if (act && !post.CanAct)
        {
            return Failure.Forbidden("Id");
        }
        if (act && !term.IsOpen)
        {
            return new Failure("Id", "TermAlreadyEnded", 409);
        }
        return post;
    }

    /// <summary>The signed-in account's own posts in office, with their units (for /direct).</summary>
    public async Task<IReadOnlyList<DirectPost>> MineAsync(CancellationToken ct)
    {
        if (await db.OwnPersonIdAsync(ct) is not { } me)
        {
            return [];
        }
        var rows = await (from t in db.CadreTerms.IgnoreQueryFilters([AppDbContext.ScopeFilter])
                          join u in db.OrgUnits.IgnoreQueryFilters([AppDbContext.ScopeFilter]) on t.UnitId equals u.Id
                          where t.PersonId == me && t.EndedOn == null
                          orderby u.Depth, t.Post
                          select new { t, u }).AsNoTracking().ToListAsync(ct);
        var name = await db.People.IgnoreQueryFilters([AppDbContext.ScopeFilter]).Where(p => p.Id == me).Select(p => p.Name).FirstOrDefaultAsync(ct) ?? "";
        return [.. rows.Select(r => new DirectPost(r.t, r.u, name, DirectPost.QuotaOf(r.t, r.u), true, db.Scope.Covers(r.u.Path, Permission.PeopleManage)))];
    }
}
