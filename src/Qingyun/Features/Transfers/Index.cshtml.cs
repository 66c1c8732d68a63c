using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qingyun.Data;
using Qingyun.Domain.Access;
using Qingyun.Domain.Rosters;
using Qingyun.Security;

namespace Qingyun.Features.Transfers;

[RequirePermission(Permission.PeopleRead)]
public sealed class IndexModel(AppDbContext db, TransferSteps steps) : PageModel
{
    [BindProperty(SupportsGet = true)] public bool Open { get; set; } = true;
    [BindProperty(SupportsGet = true)] public Guid? Before { get; set; }

    public IReadOnlyList<Transfer> Items { get; private set; } = [];
    public const int PageSize = 50;

    public async Task OnGetAsync(CancellationToken ct) => Items = await TransfersSetup.ListAsync(db, steps, Open, Before, PageSize, ct);
}
