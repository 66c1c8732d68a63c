using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qingyun.Data;
using Qingyun.Security;

namespace Qingyun.Features.Menu;

/// <summary>A young person's own orders with the state of each (collecting, running, released).</summary>
[Authorize]
public sealed class YouthOrdersModel(AppDbContext db) : PageModel
{
    public IReadOnlyList<MenuBoard.MyOrder> Orders { get; private set; } = [];
    public bool HasPerson { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var personId = await db.OwnPersonIdAsync(ct);
        HasPerson = personId is not null;
        if (personId is { } p)
        {
            Orders = await MenuBoard.MineAsync(db, p, ct);
        }
    }
}
