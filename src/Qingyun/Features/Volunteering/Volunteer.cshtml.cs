using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qingyun.Data;
using Qingyun.Domain.Access;
using Qingyun.Domain.Volunteering;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Volunteering;

/// <summary>A volunteer as their organizations see them: the card, and the lines of the record units in scope made, with corrections.</summary>
[RequirePermission(Permission.ServiceRead)]
public sealed class VolunteerModel(AppDbContext db, HoursRecord hours, Teams teams, StarLevels stars, IStringLocalizer<SharedResource> t) : PageModel
{
    public Volunteer? Volunteer { get; private set; }
    public VolunteerDirectory.Card? Card { get; private set; }
    public string UnitName { get; private set; } = "";
    public IReadOnlyList<ServiceEntry> Lines { get; private set; } = [];
    public HashSet<Guid> Reversed { get; private set; } = [];
    public decimal? HoursToNext { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Volunteer = await db.Volunteers.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id, ct);
        if (Volunteer is null)
        {
            return NotFound();
        }
        Card = (await VolunteerDirectory.CardsAsync(db, [id], ct))[id];
        UnitName = await db.OrgUnits.Where(u => u.Id == Volunteer.UnitId).Select(u => u.Name).FirstAsync(ct);
        Lines = await db.ServiceEntries.AsNoTracking().Where(e => e.VolunteerId == id).OrderByDescending(e => e.Sequence).Take(200).ToListAsync(ct);
        Reversed = [.. Lines.Where(e => e.ReversesEntryId != null).Select(e => e.ReversesEntryId!.Value)];
        HoursToNext = stars.HoursToNext(Volunteer.ConfirmedMinutes);
        return Page();
    }

    public async Task<IActionResult> OnPostStatusAsync(Guid id, VolunteerStatus status, CancellationToken ct)
    {
        var r = await teams.SetStatusAsync(id, status, ct);
        if (r.Ok)
        {
            TempData["Flash"] = t["Common.Saved"].Value;
            return Redirect($"/volunteering/volunteers/{id}");
        }
        var page = await OnGetAsync(id, ct);
        if (page is NotFoundResult)
        {
            return page;
        }
        this.ShowFailures(r.Failures, t, prefix: "");
        return Page();
    }

    public async Task<IActionResult> OnPostCorrectAsync(Guid id, Guid entryId, string? reason, decimal? rightHours, CancellationToken ct)
    {
        var r = await hours.CorrectAsync(entryId, reason, rightHours, ct);
        if (r.Ok)
        {
            TempData["Flash"] = t["Common.Saved"].Value;
            return Redirect($"/volunteering/volunteers/{id}");
        }
        var page = await OnGetAsync(id, ct);
        if (page is NotFoundResult)
        {
            return page;
        }
        this.ShowFailures(r.Failures, t, prefix: "");
        return Page();
    }
}
