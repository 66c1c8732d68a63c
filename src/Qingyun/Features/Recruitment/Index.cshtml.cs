using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qingyun.Domain.Access;
using Qingyun.Domain.Rosters;
using Qingyun.Security;

namespace Qingyun.Features.Recruitment;

[RequirePermission(Permission.PeopleRead)]
public sealed class IndexModel(BrowseRecruits browse) : PageModel
{
    [BindProperty(SupportsGet = true)] public RecruitStage? Stage { get; set; }
    [BindProperty(SupportsGet = true)] public string? Name { get; set; }
    [BindProperty(SupportsGet = true)] public bool All { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? After { get; set; }

    public IReadOnlyList<RecruitRow> Items { get; private set; } = [];
    public Guid? Next { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => (Items, Next) = await browse.ListAsync(Stage, !All, Name, After, ct);
}
