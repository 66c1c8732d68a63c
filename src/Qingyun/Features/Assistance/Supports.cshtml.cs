using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Qingyun.Domain.Assistance;
using Qingyun.Infrastructure;
using Qingyun.Resources;

namespace Qingyun.Features.Assistance;

/// <summary>
/// 帮扶资源台账: the support items of every case the viewer may open (an administrator's subtree, an owner's
/// cases, a volunteer's paired case), by unit subtree, kind, state and year, with the money applied for,
/// approved and delivered. The list read is audited as one line.
/// </summary>
[Authorize]
public sealed class SupportsModel(SupportDesk desk, IStringLocalizer<SharedResource> t) : PageModel
{
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)] public Guid? UnitId { get; set; }
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)] public SupportKind? Kind { get; set; }
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)] public SupportState? State { get; set; }
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)] public int? Year { get; set; }

    public SupportDesk.Listing? Listing { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var r = await desk.BrowseAsync(new SupportDesk.Filter(UnitId, Kind, State, Year), ct);
        if (r.Ok)
        {
            Listing = r.Value;
        }
        else
        {
            this.ShowFailures(r.Failures, t, prefix: "");
        }
    }
}
