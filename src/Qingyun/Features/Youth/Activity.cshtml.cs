using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qingyun.Data;
using Qingyun.Domain.Activities;
using Qingyun.Domain.Hubs;
using Qingyun.Features.Activities;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Youth;

/// <summary>One published youth activity on a phone: what, when, where, places left; register or cancel.</summary>
[Authorize]
public sealed class ActivityModel(AppDbContext db, YouthActivityDesk desk, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    public Activity? Activity { get; private set; }
    public string UnitName { get; private set; } = "";
    public bool Registered { get; private set; }
    public bool Present { get; private set; }
    public bool Started { get; private set; }
    public bool Ended { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Activity = await db.Activities.IgnoreQueryFilters().AsNoTracking()
            .FirstOrDefaultAsync(a => a.Id == id && a.Kind == ActivityKind.Youth && a.State != ActivityState.Draft, ct);
        if (Activity is null)
        {
            return NotFound();
        }
        UnitName = await db.OrgUnits.IgnoreQueryFilters().Where(u => u.Id == Activity.UnitId).Select(u => u.Name).FirstAsync(ct);
        Started = Activity.StartsAt <= clock.GetUtcNow();
        Ended = Activity.EndsAt <= clock.GetUtcNow();
        if (await db.OwnPersonIdAsync(ct) is { } personId)
        {
            Registered = await db.Registrations.IgnoreQueryFilters().AnyAsync(r => r.ActivityId == id && r.PersonId == personId && r.State == RegistrationState.Registered, ct);
            Present = await db.Participations.IgnoreQueryFilters().AnyAsync(p => p.ActivityId == id && p.PersonId == personId, ct);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var r = await desk.RegisterAsync(id, ct);
        return await Done(id, r.Ok, r.Failures, ct);
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid id, CancellationToken ct)
    {
        var r = await desk.CancelRegistrationAsync(id, ct);
        return await Done(id, r.Ok, r.Failures, ct);
    }

    private async Task<IActionResult> Done(Guid id, bool ok, IReadOnlyList<Domain.Failure> failures, CancellationToken ct)
    {
        if (ok)
        {
            TempData["Flash"] = t["Common.Saved"].Value;
            return Redirect($"/youth/activities/{id}");
        }
        var page = await OnGetAsync(id, ct);
        if (page is not PageResult)
        {
            return page;
        }
        this.ShowFailures(failures, t, prefix: "");
        return Page();
    }
}
