using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qingyun.Data;
using Qingyun.Domain.Access;
using Qingyun.Security;

namespace Qingyun.Features.Volunteering;

[RequirePermission(Permission.ServiceRead)]
public sealed class VolunteersModel(AppDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public int? Stars { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? After { get; set; }

    public IReadOnlyList<BrowseVolunteers.Row> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Items = await BrowseVolunteers.ListAsync(db, Q, Stars, After, 50, ct);
}
