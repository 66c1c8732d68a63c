using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qingyun.Data;
using Qingyun.Domain.Access;
using Qingyun.Security;

namespace Qingyun.Features.Notices;

[RequirePermission(Permission.PeopleRead)]
public sealed class IndexModel(AppDbContext db) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public Guid? Before { get; set; }

    public IReadOnlyList<Notices.NoticeView> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Items = await Notices.LatestAsync(db, Before, PageSize, ct);
}
