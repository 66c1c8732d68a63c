using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain.Activities;
using Qingyun.Features.Activities;
using Qingyun.Security;

namespace Qingyun.Features.Youth;

/// <summary>
/// A young person's phone: coming youth activities of every hub (nearest first in time, or one hub by name),
/// then their own registrations and what they attended.
/// </summary>
[Authorize]
public sealed class IndexModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public sealed record Open(Guid Id, string Title, string Place, string UnitName, DateTimeOffset StartsAt, int? Capacity, int Registered);

    public List<Open> Coming { get; private set; } = [];
    public List<MyActivities.Line> Mine { get; private set; } = [];
    public bool HasPerson { get; private set; }
    public Direct.YouthCadres.View? MyCadres { get; private set; }
    public string? Q { get; private set; }

    public async Task OnGetAsync(string? q, CancellationToken ct)
    {
        Q = q?.Trim();
        var now = clock.GetUtcNow();
        // Published youth activities are public: read past the scope filter, published and coming only.
        var query = db.Activities.IgnoreQueryFilters().AsNoTracking()
            .Where(a => a.Kind == ActivityKind.Youth && a.State == ActivityState.Published && a.StartsAt > now);
        if (!string.IsNullOrEmpty(Q))
        {
            query = query.Where(a => a.Title.Contains(Q) || db.OrgUnits.IgnoreQueryFilters().Any(u => u.Id == a.UnitId && u.Name.Contains(Q)));
        }
        Coming = await query.OrderBy(a => a.StartsAt).Take(50)
            .Select(a => new Open(a.Id, a.Title, a.Place, db.OrgUnits.IgnoreQueryFilters().Where(u => u.Id == a.UnitId).Select(u => u.Name).First(),
                a.StartsAt, a.Capacity, a.Registered))
            .ToListAsync(ct);
        if (await db.OwnPersonIdAsync(ct) is { } personId)
        {
            HasPerson = true;
            Mine = await MyActivities.OfAsync(db, personId, ct);
            MyCadres = await Direct.YouthCadres.OfAsync(db, personId, scoped: false, take: 3, ct);
        }
    }
}
