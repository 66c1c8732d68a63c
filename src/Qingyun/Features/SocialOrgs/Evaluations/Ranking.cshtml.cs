using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qingyun.Domain.Access;
using Qingyun.Security;

namespace Qingyun.Features.SocialOrgs.Evaluations;

/// <summary>排名: rank (ties share one), total, each criterion's mean and points, missing criteria, every reviewer's score and who gave it.</summary>
[RequirePermission(Permission.SocialOrgsRead)]
public sealed class RankingModel(Ranking ranking) : PageModel
{
    public Ranking.RankingView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var r = await ranking.OpenAsync(id, ct);
        if (!r.Ok)
        {
            return StatusCode(r.Failures.Max(f => f.Status));
        }
        View = r.Value!;
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync(Guid id, CancellationToken ct)
    {
        var r = await ranking.ExportAsync(id, ct);
        return r.Ok ? File(r.Value!, EvaluationsSetup.Xlsx, $"ranking-{id:N}.xlsx") : StatusCode(r.Failures.Max(f => f.Status));
    }
}
