using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qingyun.Domain.Access;
using Qingyun.Security;

namespace Qingyun.Features.SocialOrgs.Evaluations;

/// <summary>资源分配: one line per subject with rank, score, band, shares and a sentence explaining its amount; the lines sum to the budget.</summary>
[RequirePermission(Permission.SocialOrgsRead)]
public sealed class AllocationModel(AllocationDesk desk) : PageModel
{
    public AllocationDesk.AllocationView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var r = await desk.OpenAsync(id, ct);
        if (!r.Ok)
        {
            return StatusCode(r.Failures.Max(f => f.Status));
        }
        View = r.Value!;
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync(Guid id, CancellationToken ct)
    {
        var r = await desk.ExportAsync(id, ct);
        return r.Ok ? File(r.Value!, EvaluationsSetup.Xlsx, $"allocation-{id:N}.xlsx") : StatusCode(r.Failures.Max(f => f.Status));
    }
}
