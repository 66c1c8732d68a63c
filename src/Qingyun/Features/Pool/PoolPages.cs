using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qingyun.Domain;

namespace Qingyun.Features.Pool;

/// <summary>How the pool, theme and series pages answer a failure that is not the form's: 404 or 403, never the page.</summary>
public static class PoolPages
{
    public static IActionResult? Denied(this PageModel page, IReadOnlyList<Failure> failures) =>
        failures.Any(f => f.Status == 404) ? page.NotFound()
        : failures.Any(f => f.Status == 403) ? page.StatusCode(403)
        : null;
}
