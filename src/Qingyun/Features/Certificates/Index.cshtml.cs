using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qingyun.Domain.Access;
using Qingyun.Security;

namespace Qingyun.Features.Certificates;

/// <summary>志愿服务证明: the certificates issued in scope, searched by certificate or volunteer number.</summary>
[RequirePermission(Permission.ServiceRead)]
public sealed class IndexModel(BrowseCertificates browse) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Search { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? UnitId { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? After { get; set; }

    public CertificatePage? Results { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var r = await browse.ListAsync(Search, UnitId, After, ct);
        if (!r.Ok)
        {
            return NotFound();
        }
        Results = r.Value;
        return Page();
    }

    public string Link(Guid? after) => "/certificates" + QueryString.Create(new Dictionary<string, string?>
    {
        ["Search"] = Search, ["UnitId"] = UnitId?.ToString(), ["After"] = after?.ToString(),
    }.Where(kv => kv.Value is not null));
}
