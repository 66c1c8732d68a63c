using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qingyun.Data;

namespace Qingyun.Features.Menu;

/// <summary>The menu of every hub on a young person's phone: what can be ordered now, and how far each is from running.</summary>
[Authorize]
public sealed class YouthMenuModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public IReadOnlyList<MenuBoard.Row> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Items = await MenuBoard.OpenAsync(db, clock.GetUtcNow(), ct);
}
