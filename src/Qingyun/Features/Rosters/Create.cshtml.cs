using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Qingyun.Domain.Access;
using Qingyun.Domain.People;
using Qingyun.Domain.Rosters;
using Qingyun.Features.Organization;
using Qingyun.Features.People;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Rosters;

[RequirePermission(Permission.PeopleManage)]
public sealed class CreateModel(EnrolMember.Handler handler, BrowseUnits units, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty] public PersonForm Input { get; set; } = new() { PoliticalStatus = PoliticalStatus.LeagueMember };
    [BindProperty] public string? MemberNumber { get; set; }
    [BindProperty] public DateOnly? JoinedOn { get; set; }
    [BindProperty] public MemberStatus Status { get; set; } = MemberStatus.Registered;
    [BindProperty] public bool IsStudent { get; set; }

    [BindProperty(SupportsGet = true)] public string? UnitQ { get; set; }

    public IReadOnlyList<UnitRow> Units { get; private set; } = [];

    public async Task OnGetAsync(Guid? unitId, CancellationToken ct)
    {
        Input.UnitId = unitId;
        Units = await units.PickWithAsync(UnitQ, Permission.PeopleManage, unitId, ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var r = await handler.Handle(new EnrolMember.Command(Input.ToInput(), MemberNumber, JoinedOn, Status, IsStudent), ct);
        if (r.Ok)
        {
            TempData["Flash"] = t["Common.Saved"].Value;
            return Redirect($"/members/{r.Value!.Id}");
        }
        Units = await units.PickWithAsync(UnitQ, Permission.PeopleManage, Input.UnitId, ct);
        this.ShowFailures(r.Failures, t);
        return Page();
    }
}
