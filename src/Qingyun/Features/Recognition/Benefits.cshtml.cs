using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Features.Certificates;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Recognition;

/// <summary>便民优惠: the partners' offers recorded by units in scope; a unit adds or takes down its own.</summary>
[RequirePermission(Permission.ServiceRead)]
public sealed class BenefitsModel(Benefits benefits, AppDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid? UnitId { get; set; }
    [BindProperty] public string? Partner { get; set; }
    [BindProperty] public string? Offer { get; set; }
    [BindProperty] public int? MinimumStars { get; set; }
    [BindProperty] public DateOnly? ValidUntil { get; set; }

    public IReadOnlyList<BenefitRow> Items { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Name)> Units { get; private set; } = [];
    public DateOnly Today => clock.ChinaToday();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var r = await benefits.InScopeAsync(UnitId, ct);
        if (!r.Ok)
        {
            return NotFound();
        }
        Items = r.Value!;
        Units = await ServiceUnits.ManagedAsync(db, UnitId, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        var r = await benefits.AddAsync(new Benefits.AddCommand(UnitId, Partner, Offer, MinimumStars, ValidUntil), ct);
        if (r.Ok)
        {
            TempData["Flash"] = t["Common.Saved"].Value;
            return Redirect("/recognition/benefits");
        }
        return await Show(r.Failures, ct);
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid benefitId, CancellationToken ct)
    {
        var r = await benefits.RemoveAsync(benefitId, ct);
        if (!r.Ok)
        {
            return StatusCode(r.Failures.Max(f => f.Status));
        }
        TempData["Flash"] = t["Recognition.BenefitRemoved"].Value;
        return Redirect("/recognition/benefits");
    }

    private async Task<IActionResult> Show(IReadOnlyList<Failure> failures, CancellationToken ct)
    {
        var asked = UnitId;
        UnitId = null;
        await OnGetAsync(ct);
        UnitId = asked;
        this.ShowFailures(failures, t, prefix: "");
        return Page();
    }
}
