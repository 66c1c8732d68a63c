using Microsoft.AspNetCore.Mvc.RazorPages;
using Qingyun.Domain.Access;
using Qingyun.Security;

namespace Qingyun.Features.Hubs;

/// <summary>The hubs in scope with their profile and coming activities; a system administrator also keeps the category and holiday lists.</summary>
[RequirePermission(Permission.ServiceRead)]
public sealed class IndexModel(HubProfiles hubs, CurrentScope scope) : PageModel
{
    public List<HubProfiles.Row> Hubs { get; private set; } = [];
    public bool IsSystemAdmin => scope.IsSystemAdmin;

    public async Task OnGetAsync(CancellationToken ct) => Hubs = await hubs.ListAsync(ct);
}
