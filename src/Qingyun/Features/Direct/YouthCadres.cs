using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain.Cadres;
using Qingyun.Domain.Direct;

namespace Qingyun.Features.Direct;

/// <summary>A young person's cadres (联系团干部) and the last contacts, for their page and their own phone.</summary>
public static class YouthCadres
{
    public sealed record Cadre(Guid TermId, string Name, string UnitName, CadrePost Post, DateOnly BoundOn);

    public sealed record Contact(DateOnly On, ContactChannel Channel, string CadreName);

    public sealed record View(IReadOnlyList<Cadre> Cadres, IReadOnlyList<Contact> Recent);

    /// <summary>
    /// Read through <paramref name="scoped"/>: true on admin pages (only bindings the viewer reads), false for the
    /// young person's own page, where the rows are theirs (read by their person id past the scope filter).
    /// </summary>
    public static async Task<View> OfAsync(AppDbContext db, Guid personId, bool scoped, int take, CancellationToken ct)
    {
        var bindings = scoped ? db.DirectBindings : db.DirectBindings.IgnoreQueryFilters([AppDbContext.ScopeFilter]);
        var contacts = scoped ? db.DirectContactYouth : db.DirectContactYouth.IgnoreQueryFilters([AppDbContext.ScopeFilter]);
        var people = db.People.IgnoreQueryFilters([AppDbContext.ScopeFilter]);
        var units = db.OrgUnits.IgnoreQueryFilters([AppDbContext.ScopeFilter]);
        var cadres = await (from b in bindings
                            join t in db.CadreTerms.IgnoreQueryFilters([AppDbContext.ScopeFilter]) on b.CadreTermId equals t.Id
                            join p in people on b.CadrePersonId equals p.Id
                            join u in units on b.UnitId equals u.Id
                            where b.YouthPersonId == personId && b.EndedOn == null
                            orderby b.Level descending
                            select new Cadre(t.Id, p.Name, u.Name, t.Post, b.BoundOn)).AsNoTracking().ToListAsync(ct);
        var recent = await (from y in contacts
                            join p in people on y.CadrePersonId equals p.Id
                            where y.YouthPersonId == personId
                            orderby y.On descending, y.Id descending
                            select new Contact(y.On, y.Channel, p.Name)).AsNoTracking().Take(take).ToListAsync(ct);
        return new View(cadres, recent);
    }
}
