using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.Hubs;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Hubs;

/// <summary>System administrators keep the activity categories and the public holidays scheduled teaching skips.</summary>
[RequirePermission(Permission.ServiceRead)]
public sealed class SettingsModel(AppDbContext db, HubSettings settings, IStringLocalizer<SharedResource> t) : PageModel
{
    public List<ActivityCategory> Categories { get; private set; } = [];
    public List<PublicHoliday> Holidays { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!db.Scope.IsSystemAdmin)
        {
            return Forbid();
        }
        Categories = await db.ActivityCategories.AsNoTracking().OrderBy(c => c.ArchivedAt != null).ThenBy(c => c.SortOrder).ToListAsync(ct);
        Holidays = await db.PublicHolidays.AsNoTracking().OrderBy(h => h.Date).ToListAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostCategoryAsync(string? name, string? nameEn, CancellationToken ct) => await Done((await settings.AddCategoryAsync(name, nameEn, ct)).Failures, ct);

    public async Task<IActionResult> OnPostArchiveAsync(Guid id, bool archived, CancellationToken ct) => await Done((await settings.SetArchivedAsync(id, archived, ct)).Failures, ct);

    public async Task<IActionResult> OnPostHolidayAsync(DateOnly? date, string? name, CancellationToken ct) => await Done((await settings.AddHolidayAsync(date, name, ct)).Failures, ct);

    public async Task<IActionResult> OnPostRemoveHolidayAsync(DateOnly date, CancellationToken ct) => await Done((await settings.RemoveHolidayAsync(date, ct)).Failures, ct);

    private async Task<IActionResult> Done(IReadOnlyList<Failure> failures, CancellationToken ct)
    {
        if (failures.Count == 0)
        {
            TempData["Flash"] = t["Common.Saved"].Value;
            return Redirect("/hubs/settings");
        }
        if (failures.Any(f => f.Status == 403))
        {
            return Forbid();
        }
        if (failures.Any(f => f.Status == 404))
        {
            return NotFound();
        }
        var page = await OnGetAsync(ct);
        if (page is not PageResult)
        {
            return page;
        }
        this.ShowFailures(failures, t, prefix: "");
        return Page();
    }
}
