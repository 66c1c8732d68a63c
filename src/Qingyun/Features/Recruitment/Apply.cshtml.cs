using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Qingyun.Domain.Access;
using Qingyun.Features.Organization;
using Qingyun.Features.People;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Recruitment;

[RequirePermission(Permission.PeopleManage)]
public sealed class ApplyModel(RecruitmentSteps steps, BrowseUnits units, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty] public PersonForm Input { get; set; } = new();
    [BindProperty] public DateOnly? AppliedOn { get; set; }
    [BindProperty] public IFormFile? Form { get; set; }
    [BindProperty(SupportsGet = true)] public string? UnitQ { get; set; }

    public IReadOnlyList<UnitRow> Units { get; private set; } = [];

    public async Task OnGetAsync(Guid? unitId, CancellationToken ct)
    {
        Input.UnitId = unitId;
        Units = await units.PickWithAsync(UnitQ, Permission.PeopleManage, unitId, ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var r = await steps.ApplyAsync(new RecruitmentSteps.ApplyCommand(Input.ToInput(), AppliedOn, Form), ct);
        if (r.Ok)
        {
            TempData["Flash"] = t["Common.Saved"].Value;
            return Redirect($"/recruits/{r.Value!.Id}");
        }
        Units = await units.PickWithAsync(UnitQ, Permission.PeopleManage, Input.UnitId, ct);
        this.ShowFailures(r.Failures, t);
        return Page();
    }
}
