using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qingyun.Data;
using Qingyun.Domain.Access;
using Qingyun.Domain.Rosters;
using Qingyun.Features.Organization;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Transfers;

/// <summary>
/// Starts a request. With a membership (from the member's page) the sending branch names the receiving
/// one by code; without, the receiving branch names the member by number and name.
/// </summary>
[RequirePermission(Permission.PeopleManage)]
public sealed class NewModel(TransferSteps steps, AppDbContext db, BrowseUnits units, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid? MembershipId { get; set; }
    [BindProperty] public string? MemberNumber { get; set; }
    [BindProperty] public string? MemberName { get; set; }
    [BindProperty] public Guid? ToUnitId { get; set; }
    [BindProperty] public string? ToUnitCode { get; set; }
    [BindProperty] public TransferReason Reason { get; set; } = TransferReason.Employment;
    [BindProperty] public string? Note { get; set; }
    [BindProperty(SupportsGet = true)] public string? UnitQ { get; set; }

    public string? SendingName { get; private set; }
    public IReadOnlyList<UnitRow> Units { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var r = await steps.StartAsync(new TransferSteps.StartCommand(MembershipId, MemberNumber, MemberName, MembershipId is null ? ToUnitId : null, ToUnitCode, Reason, Note), ct);
        if (r.Ok)
        {
            TempData["Flash"] = t["Transfers.Started"].Value;
            return Redirect($"/transfers/{r.Value!.Id}");
        }
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        this.ShowFailures(r.Failures, t, prefix: "");
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (MembershipId is { } id)
        {
            SendingName = await db.Memberships.Where(m => m.Id == id).Join(db.People, m => m.PersonId, p => p.Id, (m, p) => p.Name + " · " + m.MemberNumber).FirstOrDefaultAsync(ct);
            return SendingName is not null;
        }
        Units = await units.PickWithAsync(UnitQ, Permission.PeopleManage, ToUnitId, ct);
        return true;
    }
}
