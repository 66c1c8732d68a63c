using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Qingyun.Domain.Access;
using Qingyun.Features.Organization;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.People;

[RequirePermission(Permission.PeopleManage)]
public sealed class CreateModel(SavePerson.Handler handler, BrowseUnits units, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public PersonForm Input { get; set; } = new();

    public IReadOnlyList<UnitRow> Units { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? UnitQ { get; set; }

    public async Task OnGetAsync(Guid? unitId, CancellationToken ct)
    {
        Input.UnitId = unitId;
        await LoadUnits(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var r = await handler.Handle(null, Input.ToInput(), ct);
        if (r.Ok)
        {
            TempData["Flash"] = t["Common.Saved"].Value;
            return Redirect($"/people/{r.Value!.Id}");
        }
        this.ShowFailures(r.Failures, t);
        await LoadUnits(ct);
        return Page();
    }

    private async Task LoadUnits(CancellationToken ct) => Units = await units.PickWithAsync(UnitQ, Permission.PeopleManage, Input.UnitId, ct);
}
