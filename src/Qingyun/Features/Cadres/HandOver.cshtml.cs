using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Qingyun.Domain.Access;
using Qingyun.Domain.Cadres;
using Qingyun.Domain.People;
using Qingyun.Features.Organization;
using Qingyun.Features.People;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Cadres;

[RequirePermission(Permission.PeopleManage)]
public sealed class HandOverModel(BrowseCadres browse, HandOverPost.Handler handler, CurrentScope scope, IStringLocalizer<SharedResource> t) : PageModel
{
    public CadreRow? Term { get; private set; }
    public IReadOnlyList<UnitRow> Units { get; private set; } = [];

    [BindProperty] public PersonForm Input { get; set; } = new() { PoliticalStatus = PoliticalStatus.LeagueMember };
    [BindProperty] public CadreKind Kind { get; set; } = CadreKind.PartTime;
    [BindProperty] public DateOnly? HandOverOn { get; set; }
    [BindProperty] public DateOnly? PlannedEndOn { get; set; }
    [BindProperty] public string? Note { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var r = await browse.TermAsync(id, ct);
        if (!r.Ok)
        {
            return NotFound();
        }
        Term = r.Value!.Term;
        var path = await browse.UnitPathAsync(Term.UnitId, ct);
        if (path is null || !scope.Covers(path, Permission.PeopleManage))
        {
            return StatusCode(403);
        }
        if (!Term.IsOpen)
        {
            return Redirect($"/cadres/units/{Term.UnitId}");
        }
        // A new successor is registered in the unit of the post; the picker offers only it.
        Units = [new UnitRow(Term.UnitId, null, Term.UnitCode, Term.UnitName, default, default, false, 0)];
        Input.UnitId = Term.UnitId;
        HandOverOn ??= browse.Today;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var r = await handler.Handle(new HandOverPost.Command(id, Input.ToInput(), Kind, HandOverOn, PlannedEndOn, Note), ct);
        if (r.Ok)
        {
            TempData["Flash"] = t["Cadres.HandedOver"].Value;
            return Redirect($"/cadres/units/{r.Value!.Started.UnitId}");
        }
        if (r.Failures.Any(f => f.Field == "Id"))
        {
            return StatusCode(r.Failures.Max(f => f.Status));
        }
        var page = await OnGetAsync(id, ct);
        AppointModel.ShowFailures(this, r.Failures, t);
        return page;
    }
}
