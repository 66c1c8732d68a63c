using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qingyun.Data;
using Qingyun.Domain.Access;
using Qingyun.Domain.Volunteering;
using Qingyun.Features.Organization;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Volunteering;

/// <summary>Hours recorded by units in scope, newest first, with the manual entry and corrections.</summary>
[RequirePermission(Permission.ServiceRead)]
public sealed class RecordsModel(AppDbContext db, HoursRecord hours, BrowseUnits browseUnits, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid? Before { get; set; }
    [BindProperty(SupportsGet = true)] public string? UnitQ { get; set; }
    [BindProperty] public Guid? UnitId { get; set; }
    [BindProperty] public string? VolunteerNumber { get; set; }
    [BindProperty] public DateOnly? ServiceDate { get; set; }
    [BindProperty] public decimal? Hours { get; set; }
    [BindProperty] public string? ServiceContent { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public IReadOnlyList<ServiceEntry> Lines { get; private set; } = [];
    public HashSet<Guid> Reversed { get; private set; } = [];
    public Dictionary<Guid, VolunteerDirectory.Card> Cards { get; private set; } = [];
    public IReadOnlyList<UnitRow> Units { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var q = db.ServiceEntries.AsNoTracking();
        if (Before is { } b)
        {
            q = q.Where(e => e.Id.CompareTo(b) < 0);
        }
        Lines = await q.OrderByDescending(e => e.Id).Take(100).ToListAsync(ct);
        var ids = Lines.Select(e => e.Id).ToList();
        Reversed = [.. await db.ServiceEntries.AsNoTracking().Where(e => e.ReversesEntryId != null && ids.Contains(e.ReversesEntryId.Value)).Select(e => e.ReversesEntryId!.Value).ToListAsync(ct)];
        Cards = await VolunteerDirectory.CardsAsync(db, Lines.Select(e => e.VolunteerId), ct);
        Units = db.Scope.Has(Permission.ServiceManage) ? await browseUnits.PickWithAsync(UnitQ, Permission.ServiceManage, UnitId, ct) : [];
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var r = await hours.ManualAsync(new HoursRecord.ManualCommand(UnitId, VolunteerNumber, ServiceDate, Hours, ServiceContent, Reason), ct);
        if (r.Ok)
        {
            TempData["Flash"] = t["Common.Saved"].Value;
            return Redirect("/volunteering/records");
        }
        await OnGetAsync(ct);
        this.ShowFailures(r.Failures, t, prefix: "");
        return Page();
    }

    public async Task<IActionResult> OnPostCorrectAsync(Guid entryId, string? reason, decimal? rightHours, CancellationToken ct)
    {
        var r = await hours.CorrectAsync(entryId, reason, rightHours, ct);
        if (r.Ok)
        {
            TempData["Flash"] = t["Common.Saved"].Value;
            return Redirect("/volunteering/records");
        }
        await OnGetAsync(ct);
        this.ShowFailures(r.Failures, t, prefix: "");
        return Page();
    }
}
