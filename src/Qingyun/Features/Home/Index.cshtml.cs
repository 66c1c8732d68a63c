using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Qingyun.Features.Home;

/// <summary>The start page: the signed-in user's grants, what waits for them, and what they can open from here.</summary>
[Authorize]
public sealed class IndexModel(AwaitingMe awaiting) : PageModel
{
    public AwaitingMe.Counts? Awaiting { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Awaiting = await awaiting.CountAsync(ct);
}
