using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Qingyun.Features.Hubs;

/// <summary>A hub's public page (no sign-in): where it is, when it is open, whom to call, and what is coming.</summary>
[AllowAnonymous]
public sealed class PublicModel(HubProfiles hubs) : PageModel
{
    public HubProfiles.PublicView? Hub { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        Hub = await hubs.PublicAsync(code, ct);
        return Hub is null ? NotFound() : Page();
    }
}
