using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Qingyun.Domain.Access;
using Qingyun.Domain.Cadres;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Cadres;

[RequirePermission(Permission.PeopleManage)]
public sealed class EndModel(BrowseCadres browse, EndTerm.Handler handler, CurrentScope scope, IStringLocalizer<SharedResource> t) : PageModel
{
    public CadreRow? Term { get; private set; }

    [BindProperty] public DateOnly? EndedOn { get; set; }
    [BindProperty] public TermEndReason? EndReason { get; set; }
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
        EndedOn ??= browse.Today;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var r = await handler.Handle(new EndTerm.Command(id, EndedOn, EndReason, Note), ct);
        if (r.Ok)
        {
            TempData["Flash"] = t["Cadres.TermEnded"].Value;
            return Redirect($"/cadres/units/{r.Value!.UnitId}");
        }
        if (r.Failures.Any(f => f.Field == "Id"))
        {
            return StatusCode(r.Failures.Max(f => f.Status));
        }
        var page = await OnGetAsync(id, ct);
        this.ShowFailures(r.Failures, t, prefix: "");
        return page;
    }
}
