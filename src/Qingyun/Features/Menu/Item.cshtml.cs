using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qingyun.Data;
using Qingyun.Domain.Access;
using Qingyun.Domain.Hubs;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Menu;

/// <summary>One menu item for its organizers: counts, the activity it became, who ordered it (names only), withdrawal.</summary>
[RequirePermission(Permission.ServiceRead)]
public sealed class ItemModel(AppDbContext db, MenuDesk desk, IStringLocalizer<SharedResource> t) : PageModel
{
    public MenuBoard.Row? Row { get; private set; }
    public IReadOnlyList<(string Name, MenuOrder Order)> Orders { get; private set; } = [];
    public bool CanManage { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var item = await db.MenuItems.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct);
        if (item is null)
        {
            return NotFound();
        }
        Row = (await MenuBoard.RowsAsync(db, [item], ct))[0];
        var path = await db.OrgUnits.Where(u => u.Id == item.UnitId).Select(u => u.Path).FirstAsync(ct);
        CanManage = db.Scope.Covers(path, Permission.ServiceManage);
        Orders = await MenuBoard.OrdersOfAsync(db, id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostWithdrawAsync(Guid id, CancellationToken ct)
    {
        var r = await desk.WithdrawAsync(id, ct);
        if (r.Ok)
        {
            TempData["Flash"] = t["Menu.Withdrawn"].Value;
            return Redirect($"/hubs/menu/{id}");
        }
        var page = await OnGetAsync(id, ct);
        if (page is NotFoundResult)
        {
            return page;
        }
        if (r.Failures.Any(f => f.Status == 403))
        {
            return Forbid();
        }
        this.ShowFailures(r.Failures, t, prefix: "");
        return Page();
    }
}
