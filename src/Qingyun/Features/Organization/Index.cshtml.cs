using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Qingyun.Domain.Access;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Organization;

public sealed record TreeNodesView(UnitPage Page, Guid? ParentId, bool IncludeClosed, IStringLocalizer<SharedResource> T);

/// <summary>The tree, opened one level at a time (htmx asks for the children of a node), and a search.</summary>
[RequirePermission(Permission.UnitsRead)]
public sealed class IndexModel(BrowseUnits browse, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool IncludeClosed { get; set; }

    public TreeNodesView? Roots { get; private set; }
    public IReadOnlyList<(UnitRow Row, string Trail)>? Found { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(Q))
        {
            Found = await browse.SearchAsync(Q, ct);
            return;
        }
        var roots = await browse.RootsAsync(ct, IncludeClosed);
        Roots = new TreeNodesView(new UnitPage(roots, null), null, IncludeClosed, t);
    }

    public async Task<IActionResult> OnGetChildrenAsync(Guid parentId, int? after, CancellationToken ct)
    {
        var page = await browse.ChildrenAsync(parentId, IncludeClosed, after ?? 0, ct);
        if (!page.Ok)
        {
            return NotFound();
        }
        return Partial("_UnitNodes", new TreeNodesView(page.Value!, parentId, IncludeClosed, t));
    }
}
