using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain.Access;
using Qingyun.Domain.Rosters;
using Qingyun.Infrastructure;
using Qingyun.Security;

namespace Qingyun.Features.Recommendations;

[RequirePermission(Permission.PeopleRead)]
public sealed class IndexModel(AppDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public RecommendationState? State { get; set; }

    public IReadOnlyList<RecommendationRow> Items { get; private set; } = [];
    public DateOnly Today => clock.ChinaToday();

    public async Task OnGetAsync(CancellationToken ct)
    {
        var q = State is { } s ? db.Recommendations.Where(r => r.State == s) : db.Recommendations;
        Items = await RecommendationsSetup.Rows(db, q).Take(200).ToListAsync(ct);
    }
}
