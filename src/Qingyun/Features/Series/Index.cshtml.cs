using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qingyun.Data;
using Qingyun.Domain.Access;
using Qingyun.Domain.Hubs;
using Qingyun.Features.Organization;
using Qingyun.Features.Pool;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Series;

/// <summary>Scheduled-teaching series of units in scope and the form for a new one (saved, then previewed and generated on its page).</summary>
[RequirePermission(Permission.ServiceRead)]
public sealed class IndexModel(AppDbContext db, SeriesDesk desk, BrowseUnits browseUnits, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed class SeriesForm
    {
        public Guid? UnitId { get; set; }
        public string? Title { get; set; }
        public Frequency Frequency { get; set; } = Frequency.Weekly;
        public DayOfWeek? Weekday { get; set; }
        public int? DayOfMonth { get; set; }
        public DateOnly? From { get; set; }
        public DateOnly? To { get; set; }
        public string? StartTime { get; set; } = "14:00";
        public int? DurationMinutes { get; set; } = 90;
        public string? Place { get; set; }
        public Guid? CategoryId { get; set; }
        public Guid? TeacherId { get; set; }
        public Guid? TopicId { get; set; }
        public int? Capacity { get; set; }
        public bool SkipHolidays { get; set; } = true;

        public SeriesDesk.Command ToCommand() =>
            new(UnitId, Title, Frequency, Weekday, DayOfMonth, From, To, PoolSetup.ParseTime(StartTime), DurationMinutes, Place, CategoryId, TeacherId, TopicId, Capacity, SkipHolidays);
    }

    [BindProperty(SupportsGet = true)] public string? UnitQ { get; set; }
    [BindProperty] public SeriesForm Input { get; set; } = new();

    public IReadOnlyList<ActivitySeries> Rows { get; private set; } = [];
    public Dictionary<Guid, string> UnitNames { get; private set; } = [];
    public IReadOnlyList<UnitRow> Units { get; private set; } = [];
    public IReadOnlyList<Teacher> Teachers { get; private set; } = [];
    public IReadOnlyList<Topic> Topics { get; private set; } = [];
    public Dictionary<Guid, string> Categories { get; private set; } = [];
    public bool CanManage { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Rows = await db.ActivitySeries.AsNoTracking().OrderByDescending(x => x.From).ThenBy(x => x.Id).Take(200).ToListAsync(ct);
        var ids = Rows.Select(x => x.UnitId).Distinct().ToList();
        UnitNames = await db.OrgUnits.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        CanManage = db.Scope.Has(Permission.ServiceManage);
        if (!CanManage)
        {
            return;
        }
        Units = await browseUnits.PickWithAsync(UnitQ, Permission.ServiceManage, Input.UnitId, ct);
        // Teachers and topics the reader's units may use: their own (and below) and what the units above share.
        var teachers = await db.Teachers.AsNoTracking().Where(x => x.ArchivedAt == null).OrderBy(x => x.Name).Take(500).ToListAsync(ct);
        var topics = await db.Topics.AsNoTracking().Where(x => x.ArchivedAt == null).OrderBy(x => x.Title).Take(500).ToListAsync(ct);
        foreach (var grant in db.Scope.Grants.Select(g => g.UnitId).Distinct())
        {
            var choices = await PoolChoices.ForUnitAsync(db, grant, ct);
            teachers.AddRange(choices.Teachers.Where(x => teachers.All(y => y.Id != x.Id)));
            topics.AddRange(choices.Topics.Where(x => topics.All(y => y.Id != x.Id)));
        }
        Teachers = teachers;
        Topics = topics;
        var en = System.Globalization.CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.Ordinal);
        Categories = await db.ActivityCategories.AsNoTracking().Where(c => c.ArchivedAt == null).OrderBy(c => c.SortOrder).ToDictionaryAsync(c => c.Id, c => en ? c.NameEn : c.Name, ct);
        if (Input.From is null)
        {
            var today = clock.ChinaToday();
            Input.From = today.AddDays(1);
            Input.To = today.AddMonths(3);
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var r = await desk.CreateAsync(Input.ToCommand(), ct);
        if (r.Ok)
        {
            TempData["Flash"] = t["Common.Saved"].Value;
            return Redirect($"/hubs/series/{r.Value!.Id}");
        }
        if (this.Denied(r.Failures) is { } denied)
        {
            return denied;
        }
        await OnGetAsync(ct);
        this.ShowFailures(r.Failures, t);
        return Page();
    }
}
