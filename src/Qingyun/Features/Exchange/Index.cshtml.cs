using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qingyun.Domain.Access;
using Qingyun.Security;

namespace Qingyun.Features.Exchange;

/// <summary>/exchange: the datasets other platforms can take, as CSV and JSON links, with their fields.</summary>
[RequirePermission(Permission.ServiceRead)]
public sealed class IndexModel(CurrentScope scope) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid? UnitId { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }

    /// <summary>The units of the caller's grants that read volunteer service: each a subtree to export.</summary>
    public IReadOnlyList<ScopeGrant> Units => scope.Grants.Where(g => Roles.Allows(g.Role, Permission.ServiceRead)).DistinctBy(g => g.UnitId).ToList();

    public bool CanImport => scope.Has(Permission.ServiceManage);

    public IActionResult OnGet() => UnitId is { } id && !scope.Unrestricted && Units.All(u => u.UnitId != id) ? NotFound() : Page();

    public string Link(Dataset d, string format) => $"/api/v1/exchange/{d.Name}.{format}" + QueryString.Create(new Dictionary<string, string?>
    {
        ["unitId"] = UnitId?.ToString(),
        ["from"] = d.Dated ? From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : null,
        ["to"] = d.Dated ? To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : null,
    }.Where(kv => kv.Value is not null));
}
