using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Qingyun.Domain.Access;
using Qingyun.Domain.Cadres;
using Qingyun.Domain.People;
using Qingyun.Features.Organization;
using Qingyun.Features.People;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Cadres;

[RequirePermission(Permission.PeopleManage)]
public sealed class AppointModel(AppointCadre.Handler handler, BrowseUnits units, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty] public PersonForm Input { get; set; } = new() { PoliticalStatus = PoliticalStatus.LeagueMember };
    [BindProperty(SupportsGet = true)] public CadrePost Post { get; set; } = CadrePost.CommitteeMember;
    [BindProperty] public CadreKind Kind { get; set; } = CadreKind.PartTime;
    [BindProperty] public DateOnly? StartedOn { get; set; }
    [BindProperty] public DateOnly? PlannedEndOn { get; set; }
    [BindProperty] public string? Note { get; set; }

    [BindProperty(SupportsGet = true)] public string? UnitQ { get; set; }

    public IReadOnlyList<UnitRow> Units { get; private set; } = [];

    public async Task OnGetAsync(Guid? unitId, CancellationToken ct)
    {
        Input.UnitId = unitId;
        Units = await units.PickWithAsync(UnitQ, Permission.PeopleManage, unitId, ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var r = await handler.Handle(new AppointCadre.Command(Input.ToInput(), Post, Kind, StartedOn, PlannedEndOn, Note), ct);
        if (r.Ok)
        {
            TempData["Flash"] = t["Cadres.Appointed"].Value;
            return Redirect($"/cadres/units/{r.Value!.UnitId}");
        }
        Units = await units.PickWithAsync(UnitQ, Permission.PeopleManage, Input.UnitId, ct);
        ShowFailures(this, r.Failures, t);
        return Page();
    }

    private static readonly HashSet<string> TermFields = ["Post", "CadreKind", "StartedOn", "HandOverOn", "PlannedEndOn", "Note"];

    /// <summary>Person fields are bound as Input.*, the term's own fields by their names; each error goes by its field.</summary>
    internal static void ShowFailures(PageModel page, IReadOnlyList<Domain.Failure> failures, IStringLocalizer<SharedResource> t)
    {
        page.ModelState.Clear();
        foreach (var f in failures)
        {
            page.ModelState.AddModelError((TermFields.Contains(f.Field) ? "" : "Input.") + f.Field, t.Describe(f));
        }
        page.Response.StatusCode = failures.Max(f => f.Status);
    }
}
