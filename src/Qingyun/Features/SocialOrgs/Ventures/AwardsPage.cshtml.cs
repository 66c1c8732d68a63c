using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Qingyun.Domain.Access;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.SocialOrgs.Ventures;

/// <summary>立项: the evaluated applications in result order with the proposal by ranking; the admin adjusts and saves.</summary>
[RequirePermission(Permission.SocialOrgsRead)]
public sealed class AwardsPageModel(Awards awards, IStringLocalizer<SharedResource> t) : PageModel
{
    public Awards.Board Board { get; private set; } = null!;
    public string? Error { get; private set; }

    /// <summary>The amounts shown in the form: posted ones after a refusal, the proposal otherwise.</summary>
    public Dictionary<Guid, decimal?> Amounts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var r = await awards.BoardAsync(id, ct);
        if (!r.Ok)
        {
            if (r.Failures.Any(f => f.Status == 404))
            {
                return NotFound();
            }
            return Redirect($"/social-orgs/rounds/{id}");
        }
        Board = r.Value!;
        if (Amounts.Count == 0)
        {
            Amounts = Board.Lines.ToDictionary(l => l.ApplicationId, l => (decimal?)(l.Awarded ?? l.Proposed));
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid[]? applicationId, decimal?[]? amount, CancellationToken ct)
    {
        var ids = applicationId ?? [];
        var values = amount ?? [];
        var lines = ids.Select((a, i) => new Awards.Award(a, i < values.Length ? values[i] : null)).ToList();
        var r = await awards.SaveAsync(id, lines, ct);
        if (r.Ok)
        {
            TempData["Flash"] = t["Ventures.AwardsSaved"].Value;
            return Redirect($"/social-orgs/rounds/{id}");
        }
        Amounts = lines.GroupBy(l => l.ApplicationId).ToDictionary(g => g.Key, g => g.First().Amount);
        var page = await OnGetAsync(id, ct);
        if (page is not PageResult)
        {
            return page;
        }
        if (r.Failures.Any(f => f.Status == 404))
        {
            return NotFound();
        }
        if (r.Failures.Any(f => f.Status == 403))
        {
            return Forbid();
        }
        Error = string.Join("；", r.Failures.Select(t.Describe));
        Response.StatusCode = r.Failures.Max(f => f.Status);
        return Page();
    }
}
