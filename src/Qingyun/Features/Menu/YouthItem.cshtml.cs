using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Qingyun.Data;
using Qingyun.Domain.Hubs;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Menu;

/// <summary>One menu item on a phone: order it, or cancel one's order while it still collects orders.</summary>
[Authorize]
public sealed class YouthItemModel(AppDbContext db, MenuOrdering ordering, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    public MenuBoard.Row? Row { get; private set; }
    public MenuOrder? Mine { get; private set; }
    public bool HasPerson { get; private set; }
    /// <summary>Orders are taken: collecting or running with room, the deadline ahead.</summary>
    public bool Open { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Row = await MenuBoard.PublicAsync(db, id, ct);
        if (Row is null)
        {
            return NotFound();
        }
        var m = Row.Item;
        Open = m.OrderDeadline > clock.GetUtcNow() && (m.State == MenuItemState.Open || (m.State == MenuItemState.Running && m.Ordered < m.MaxParticipants));
        var personId = await db.OwnPersonIdAsync(ct);
        HasPerson = personId is not null;
        if (personId is { } p)
        {
            Mine = await MenuBoard.OwnOrderAsync(db, p, id, ct);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostOrderAsync(Guid id, CancellationToken ct)
    {
        var r = await ordering.OrderAsync(id, ct);
        return r.Ok ? Done(id, "Menu.Ordered") : await Failed(id, r.Failures, ct);
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid id, CancellationToken ct)
    {
        var r = await ordering.CancelAsync(id, ct);
        return r.Ok ? Done(id, "Menu.OrderCancelled") : await Failed(id, r.Failures, ct);
    }

    private RedirectResult Done(Guid id, string message)
    {
        TempData["Flash"] = t[message].Value;
        return Redirect($"/youth/menu/{id}");
    }

    private async Task<IActionResult> Failed(Guid id, IReadOnlyList<Domain.Failure> failures, CancellationToken ct)
    {
        var page = await OnGetAsync(id, ct);
        if (page is NotFoundResult || failures.Any(f => f.Status == 404))
        {
            return NotFound();
        }
        this.ShowFailures(failures, t, prefix: "");
        return Page();
    }
}
