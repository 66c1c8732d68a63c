using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain.Access;
using Qingyun.Security;

namespace Qingyun.Features.People;

[RequirePermission(Permission.PeopleRead)]
public sealed class IndexModel(BrowsePeople browse, AppDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? UnitId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Name { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? After { get; set; }

    public PeoplePage? Results { get; private set; }
    public string? UnitName { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var r = await browse.ListAsync(UnitId, Name, After, ct);
        if (!r.Ok)
        {
            return NotFound();
        }
        Results = r.Value;
        if (UnitId is not null)
        {
            UnitName = await db.OrgUnits.Where(u => u.Id == UnitId).Select(u => u.Name).FirstOrDefaultAsync(ct);
        }
        return base.Page();
    }
}
