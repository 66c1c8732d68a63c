using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Qingyun.Domain.Access;
using Qingyun.Domain.SocialOrgs;
using Qingyun.Features.Organization;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.SocialOrgs.Evaluations;

/// <summary>评价: the evaluations of the caller's subtree, and a new one with a published scheme.</summary>
[RequirePermission(Permission.SocialOrgsRead)]
public sealed class EvaluationsModel(EvaluationDesk desk, SchemeDesk schemes, BrowseUnits units, CurrentScope scope, TimeProvider clock,
    IStringLocalizer<SharedResource> t) : PageModel
{
    public IReadOnlyList<EvaluationDesk.EvaluationRow> Rows { get; private set; } = [];
    public IReadOnlyList<SchemeDesk.SchemeRow> Schemes { get; private set; } = [];
    public IReadOnlyList<UnitRow> Units { get; private set; } = [];
    public bool CanManage => scope.Has(Permission.SocialOrgsManage);

    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty] public Guid? UnitId { get; set; }
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public int? NewYear { get; set; }
    [BindProperty] public Guid? SchemeId { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Rows = await desk.ListAsync(Year, null, ct);
        if (CanManage)
        {
            Schemes = await schemes.ListAsync(SchemeStatus.Published, ct);
            Units = await units.PickWithAsync(null, Permission.SocialOrgsManage, UnitId, ct);
            NewYear ??= clock.ChinaToday().Year;
        }
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var r = await desk.CreateAsync(UnitId, Title, NewYear, SchemeId, ct);
        if (r.Ok)
        {
            TempData["Flash"] = t["Common.Saved"].Value;
            return Redirect($"/social-orgs/evaluations/{r.Value!.Id}");
        }
        await OnGetAsync(ct);
        this.ShowFailures(r.Failures, t, prefix: "");
        return Page();
    }
}
