using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Qingyun.Data;
using Qingyun.Domain.Access;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Certificates;

/// <summary>出具志愿服务证明: the organizer picks their unit, the volunteer by number and the period.</summary>
[RequirePermission(Permission.ServiceManage)]
public sealed class IssueModel(IssueCertificate.Handler handler, AppDbContext db, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid? UnitId { get; set; }
    [BindProperty(SupportsGet = true)] public string? VolunteerNumber { get; set; }
    [BindProperty] public DateOnly? From { get; set; }
    [BindProperty] public DateOnly? To { get; set; }
    [BindProperty(Name = "Content")] public string? ServiceContent { get; set; }
    [BindProperty] public string? PersonInCharge { get; set; }
    [BindProperty] public string? ContactPhone { get; set; }

    /// <summary>The units the caller organizes service for directly (their grants), and the one asked for in the link.</summary>
    public IReadOnlyList<(Guid Id, string Name)> Units { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadUnitsAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var r = await handler.Handle(new IssueCertificate.Command(UnitId, VolunteerNumber, From, To, ServiceContent, PersonInCharge, ContactPhone), ct);
        if (r.Ok)
        {
            TempData["Flash"] = t["Certificates.Issued", r.Value!.Number].Value;
            return Redirect($"/certificates/{r.Value.Id}");
        }
        await LoadUnitsAsync(ct);
        this.ShowFailures(r.Failures, t, prefix: "");
        return Page();
    }

    private async Task LoadUnitsAsync(CancellationToken ct) => Units = await ServiceUnits.ManagedAsync(db, UnitId, ct);
}
