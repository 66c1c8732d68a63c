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

    private async Task LoadUnits(CancellationToken ct)
    {
        var list = (await units.PickAsync(null, Permission.PeopleManage, ct)).ToList();
        if (Input.UnitId is { } chosen && list.All(u => u.Id != chosen))
        {
            var d = await units.DetailsAsync(chosen, ct);
            if (d.Ok)
            {
                var u = d.Value!.Unit;
                list.Insert(0, new UnitRow(u.Id, u.ParentId, u.Code, u.Name, u.Kind, u.BodyType, u.IsClosed, 0));
            }
        }
        Units = list;
    }
}
