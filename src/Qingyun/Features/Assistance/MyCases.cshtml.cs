using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Qingyun.Features.Assistance;

/// <summary>我的帮扶对象: a volunteer's phone list of the cases paired with them (and an owner's own cases).</summary>
[Authorize]
public sealed class MyCasesModel(BrowseCases browse) : PageModel
{
    public BrowseCases.Page Results { get; private set; } = new([], false);

    public async Task OnGetAsync(CancellationToken ct) =>
        Results = await browse.ListAsync(new CaseFilter(null, null, null, null, null, true, null), ct);
}
