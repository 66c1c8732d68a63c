using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.Rosters;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Transfers;

[RequirePermission(Permission.PeopleRead)]
public sealed class DetailsModel(AppDbContext db, TransferSteps steps, IStringLocalizer<SharedResource> t) : PageModel
{
    public Transfer? Transfer { get; private set; }
    /// <summary>What the viewer may do: pass on (common ancestor), answer (the deciding side), withdraw (the starting side).</summary>
    public bool CanRoute { get; private set; }
    public bool CanAnswer { get; private set; }
    public bool CanCancel { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        await steps.LapseDueAsync(ct);
        Transfer = await db.Transfers.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (Transfer is null)
        {
            return NotFound();
        }
        var ids = new[] { Transfer.AncestorUnitId, TransferSteps.DecidingUnit(Transfer), Transfer.StartedBy == TransferSide.Receiver ? Transfer.ToUnitId : Transfer.UnitId };
        // Paths only, to test the viewer's grants; the units themselves may lie outside their scope.
        var paths = await db.OrgUnits.IgnoreQueryFilters().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Path, ct);
        bool Manages(Guid unit) => db.Scope.Covers(paths[unit], Permission.PeopleManage);
        CanRoute = Transfer.State == TransferState.AwaitingAncestor && Manages(Transfer.AncestorUnitId);
        CanAnswer = Transfer.State == TransferState.Pending && Manages(ids[1]);
        CanCancel = Transfer.IsOpen && Manages(ids[2]);
        return Page();
    }

    public async Task<IActionResult> OnPostDecideAsync(Guid id, bool accept, string? note, CancellationToken ct) =>
        await Done(id, await steps.DecideAsync(new TransferSteps.DecideCommand(id, accept, note), ct), ct);

    public async Task<IActionResult> OnPostCancelAsync(Guid id, CancellationToken ct) => await Done(id, await steps.CancelAsync(id, ct), ct);

    private async Task<IActionResult> Done(Guid id, Result<Transfer> r, CancellationToken ct)
    {
        if (r.Ok)
        {
            TempData["Flash"] = t["Common.Saved"].Value;
            return Redirect($"/transfers/{id}");
        }
        if (r.Failures.Any(f => f.Status == 404))
        {
            return NotFound();
        }
        var page = await OnGetAsync(id, ct);
        this.ShowFailures(r.Failures, t, prefix: "");
        return page;
    }
}
