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

namespace Qingyun.Features.Menu;

/// <summary>The organizer's menu: the items of the units in scope with their counts, and a new item.</summary>
[RequirePermission(Permission.ServiceRead)]
public sealed class IndexModel(AppDbContext db, MenuDesk desk, Organization.BrowseUnits browseUnits, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed record Choice(Guid Id, string Name);

    public IReadOnlyList<MenuBoard.Row> Items { get; private set; } = [];
    public IReadOnlyList<Organization.UnitRow> Units { get; private set; } = [];
    public IReadOnlyList<Choice> Categories { get; private set; } = [];
    public IReadOnlyList<Choice> Topics { get; private set; } = [];
    public IReadOnlyList<Choice> Teachers { get; private set; } = [];
    public bool CanManage { get; private set; }

    [BindProperty(SupportsGet = true)] public string? UnitQ { get; set; }
    [BindProperty(SupportsGet = true)] public MenuItemState? State { get; set; }
    [BindProperty] public Guid? UnitId { get; set; }
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public Guid? CategoryId { get; set; }
    [BindProperty] public Guid? TopicId { get; set; }
    [BindProperty] public Guid? TeacherId { get; set; }
    [BindProperty] public int? MinParticipants { get; set; }
    [BindProperty] public int? MaxParticipants { get; set; }
    [BindProperty] public PriceBand PriceBand { get; set; } = PriceBand.Free;
    [BindProperty] public decimal? Price { get; set; }
    [BindProperty] public DateTime? OrderDeadline { get; set; }
    [BindProperty] public DateTime? StartsAt { get; set; }
    [BindProperty] public DateTime? EndsAt { get; set; }
    [BindProperty] public string? Place { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var query = db.MenuItems.AsNoTracking();
        if (State is { } s)
        {
            query = query.Where(m => m.State == s);
        }
        var items = await query.OrderByDescending(m => m.CreatedAt).Take(200).ToListAsync(ct);
        Items = await MenuBoard.RowsAsync(db, items, ct);
        CanManage = db.Scope.Has(Permission.ServiceManage);
        if (!CanManage)
        {
            return;
        }
        Units = await browseUnits.PickWithAsync(UnitQ, Permission.ServiceManage, UnitId, ct);
        var english = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        Categories = [.. (await db.ActivityCategories.AsNoTracking().Where(c => c.ArchivedAt == null).OrderBy(c => c.SortOrder).ToListAsync(ct))
            .Select(c => new Choice(c.Id, english && c.NameEn.Length > 0 ? c.NameEn : c.Name))];
        // The pool of the chosen unit and of the units above it.
        var unitId = UnitId ?? (Units.Count > 0 ? Units[0].Id : null);
        var path = unitId is null ? null : await db.OrgUnits.Where(u => u.Id == unitId).Select(u => u.Path).FirstOrDefaultAsync(ct);
        if (path is not null)
        {
            var onPath = Organization.BrowseUnits.IdsOnPath(path).ToList();
            Topics = await db.Topics.IgnoreQueryFilters([AppDbContext.ScopeFilter]).AsNoTracking().Where(x => x.ArchivedAt == null && onPath.Contains(x.UnitId))
                .OrderBy(x => x.Title).Take(300).Select(x => new Choice(x.Id, x.Title)).ToListAsync(ct);
            Teachers = await db.Teachers.IgnoreQueryFilters([AppDbContext.ScopeFilter]).AsNoTracking().Where(x => x.ArchivedAt == null && onPath.Contains(x.UnitId))
                .OrderBy(x => x.Name).Take(300).Select(x => new Choice(x.Id, x.Name)).ToListAsync(ct);
        }
        if (OrderDeadline is null)
        {
            var day = clock.ChinaToday().AddDays(7);
            OrderDeadline = day.ToDateTime(new TimeOnly(18, 0));
            StartsAt = day.AddDays(3).ToDateTime(new TimeOnly(14, 0));
            EndsAt = day.AddDays(3).ToDateTime(new TimeOnly(16, 0));
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var r = await desk.CreateAsync(new MenuDesk.MenuCommand(UnitId, Title, Description, CategoryId, TopicId, TeacherId, MinParticipants, MaxParticipants,
            PriceBand, Price, ChinaTime.FromLocal(OrderDeadline), ChinaTime.FromLocal(StartsAt), ChinaTime.FromLocal(EndsAt), Place), ct);
        if (r.Ok)
        {
            TempData["Flash"] = t["Common.Saved"].Value;
            return Redirect($"/hubs/menu/{r.Value!.Id}");
        }
        await OnGetAsync(ct);
        this.ShowFailures(r.Failures, t, prefix: "");
        return Page();
    }
}
