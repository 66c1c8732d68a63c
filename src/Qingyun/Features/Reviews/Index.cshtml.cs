using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qingyun.Data;
using Qingyun.Domain.Access;
using Qingyun.Features.Organization;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Reviews;

[RequirePermission(Permission.PeopleRead)]
public sealed class IndexModel(AppDbContext db, ReviewSteps steps, BrowseUnits units, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public string? UnitQ { get; set; }
    [BindProperty] public Guid? UnitId { get; set; }
    [BindProperty] public int OpenYear { get; set; }

    public IReadOnlyList<ReviewRoundRow> Items { get; private set; } = [];
    public IReadOnlyList<UnitRow> Units { get; private set; } = [];
    public int ThisYear => clock.ChinaToday().Year;

    public async Task OnGetAsync(CancellationToken ct)
    {
        OpenYear = ThisYear;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var r = await steps.OpenAsync(UnitId, OpenYear, ct);
        if (r.Ok)
        {
            return Redirect($"/reviews/{r.Value!.Id}");
        }
        await LoadAsync(ct);
        this.ShowFailures(r.Failures, t, prefix: "");
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var q = Year is { } y ? db.ReviewRounds.Where(r => r.Year == y) : db.ReviewRounds;
        Items = await ReviewsSetup.Rounds(db, q).Take(200).ToListAsync(ct);
        if (db.Scope.Has(Permission.PeopleManage))
        {
            Units = await units.PickWithAsync(UnitQ, Permission.PeopleManage, UnitId, ct);
        }
    }
}
