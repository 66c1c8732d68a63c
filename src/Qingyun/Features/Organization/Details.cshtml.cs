using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Qingyun.Domain.Access;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Organization;

[RequirePermission(Permission.UnitsRead)]
public sealed class DetailsModel(BrowseUnits browse, IStringLocalizer<SharedResource> t) : PageModel
{
    public UnitDetails? Details { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var d = await browse.DetailsAsync(id, ct);
        if (!d.Ok)
        {
            return NotFound();
        }
        Details = d.Value;
        return Page();
    }

    public Task<IActionResult> OnPostCloseAsync(Guid id, [FromServices] CloseUnit.Handler handler, CancellationToken ct) => Close(id, false, handler, ct);

    public Task<IActionResult> OnPostReopenAsync(Guid id, [FromServices] CloseUnit.Handler handler, CancellationToken ct) => Close(id, true, handler, ct);

    private async Task<IActionResult> Close(Guid id, bool reopen, CloseUnit.Handler handler, CancellationToken ct)
    {
        var r = await handler.Handle(new CloseUnit.Command(id, reopen), ct);
        if (r.Ok)
        {
            TempData["Flash"] = t[reopen ? "Units.Reopened" : "Units.ClosedDone"].Value;
            return Redirect($"/units/{id}");
        }
        if (r.Failures.Any(f => f.Status is 404 or 403))
        {
            return StatusCode(r.Failures.Max(f => f.Status));
        }
        var page = await OnGetAsync(id, ct);
        this.ShowFailures(r.Failures, t, prefix: "");
        return page;
    }
}
