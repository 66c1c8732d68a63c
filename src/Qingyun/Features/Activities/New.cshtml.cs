using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qingyun.Data;
using Qingyun.Domain.Access;
using Qingyun.Domain.Activities;
using Qingyun.Domain.Hubs;
using Qingyun.Features.Volunteering;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Activities;

/// <summary>Publishing a youth activity: the unit (a hub), the category, time and place, places, who may join, price, attendance.</summary>
[RequirePermission(Permission.ServiceManage)]
public sealed class NewModel(AppDbContext db, YouthActivityDesk desk, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    public List<OrganizerUnits.Choice> Units { get; private set; } = [];
    public List<ActivityCategory> Categories { get; private set; } = [];
    public List<QuarterTheme> Themes { get; private set; } = [];
    public Pool.PoolChoices? Pool { get; private set; }

    [BindProperty] public Guid? UnitId { get; set; }
    [BindProperty] public Guid? CategoryId { get; set; }
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Place { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public DateTime? StartsAt { get; set; }
    [BindProperty] public DateTime? EndsAt { get; set; }
    [BindProperty] public int? Capacity { get; set; }
    [BindProperty] public Audience Audience { get; set; } = Audience.AllYouth;
    [BindProperty] public int? MinAge { get; set; }
    [BindProperty] public int? MaxAge { get; set; }
    [BindProperty] public PriceBand PriceBand { get; set; } = PriceBand.Free;
    [BindProperty] public decimal? Price { get; set; }
    [BindProperty] public AttendanceMode AttendanceMode { get; set; } = AttendanceMode.CheckIn;
    [BindProperty] public Guid? ThemeId { get; set; }
    [BindProperty] public Guid? TeacherId { get; set; }
    [BindProperty] public Guid? TopicId { get; set; }
    [BindProperty] public string? ContactName { get; set; }
    [BindProperty] public string? ContactPhone { get; set; }
    [BindProperty] public bool Publish { get; set; } = true;

    public async Task OnGetAsync(Guid? unitId, CancellationToken ct)
    {
        Units = await OrganizerUnits.ChoicesAsync(db, ct);
        Categories = await ActivityCalendar.CategoriesInUseAsync(db, ct);
        // Themes of the units in scope for this year and next: the form shows each with its quarter.
        var year = clock.ChinaToday().Year;
        Themes = await db.QuarterThemes.AsNoTracking().Where(x => x.Year == year || x.Year == year + 1).OrderBy(x => x.Year).ThenBy(x => x.Quarter).Take(100).ToListAsync(ct);
        UnitId ??= Units.Any(u => u.Id == unitId) ? unitId : Units.FirstOrDefault(u => u.Kind == Domain.Organization.UnitKind.Hub)?.Id ?? Units.FirstOrDefault()?.Id;
        // The teachers and topics this unit may draw on: its own pool and those of the units above it.
        Pool = UnitId is { } chosen ? await Features.Pool.PoolChoices.ForUnitAsync(db, chosen, ct) : null;
        if (StartsAt is null)
        {
            var day = clock.ChinaToday().AddDays(7);
            StartsAt = day.ToDateTime(new TimeOnly(19, 0));
            EndsAt = day.ToDateTime(new TimeOnly(21, 0));
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var draft = new YouthActivityDraft(Title, Place, ChinaTime.FromLocal(StartsAt), ChinaTime.FromLocal(EndsAt), CategoryId, Description, Capacity,
            Audience, MinAge, MaxAge, PriceBand, Price, AttendanceMode, ThemeId, TeacherId, TopicId, ContactName, ContactPhone);
        var r = await desk.CreateAsync(UnitId, draft, Publish, ct);
        if (r.Ok)
        {
            TempData["Flash"] = t["Common.Saved"].Value;
            return Redirect($"/activities/{r.Value!.Id}");
        }
        await OnGetAsync(null, ct);
        this.ShowFailures(r.Failures, t, prefix: "");
        return Page();
    }
}
