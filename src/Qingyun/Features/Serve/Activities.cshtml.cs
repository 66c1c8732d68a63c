using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qingyun.Data;
using Qingyun.Features.Volunteering;

namespace Qingyun.Features.Serve;

/// <summary>Published activities still to come, open to every volunteer wherever they registered.</summary>
[Authorize]
public sealed class ActivitiesModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public IReadOnlyList<OpenActivities.Item> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Items = await OpenActivities.ListAsync(db, clock, null, ct);
}
