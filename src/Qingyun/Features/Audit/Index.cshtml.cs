using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qingyun.Domain.Access;
using Qingyun.Domain.Audit;
using Qingyun.Security;

namespace Qingyun.Features.Audit;

[RequirePermission(Permission.AuditRead)]
public sealed class IndexModel(SearchAudit search) : PageModel
{
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true)] public new string? User { get; set; }
    [BindProperty(SupportsGet = true)] public AuditAction? Action { get; set; }
    [BindProperty(SupportsGet = true)] public string? EntityType { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? UnitId { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Before { get; set; }

    public AuditPage? Results { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var r = await search.Handle(new AuditQuery(From, To, User, Action, EntityType, UnitId, Before), ct);
        if (!r.Ok)
        {
            return NotFound();
        }
        Results = r.Value;
        return base.Page();
    }

    public string NextLink(Guid next) => QueryString.Create(new Dictionary<string, string?>
    {
        ["From"] = From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["To"] = To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["User"] = User, ["Action"] = Action?.ToString(), ["EntityType"] = EntityType,
        ["UnitId"] = UnitId?.ToString(), ["Before"] = next.ToString(),
    }).Value is { } qs ? "/audit" + qs : "/audit";
}
