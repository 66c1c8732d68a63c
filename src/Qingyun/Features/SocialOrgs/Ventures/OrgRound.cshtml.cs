using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qingyun.Data;
using Qingyun.Domain.SocialOrgs;
using Qingyun.Infrastructure;
using Qingyun.Resources;

namespace Qingyun.Features.SocialOrgs.Ventures;

/// <summary>An organization reads a round's call — budget, cap, window, the criteria the review will use — and applies.</summary>
[Authorize]
public sealed class OrgRoundModel(AppDbContext db, IStringLocalizer<SharedResource> t) : PageModel
{
    public VentureRound Round { get; private set; } = null!;
    public IReadOnlyList<EvaluationCriterion> Criteria { get; private set; } = [];
    public SocialOrganization Org { get; private set; } = null!;

    [BindProperty] public ApplyInput Input { get; set; } = new();

    public sealed class ApplyInput
    {
        public string? ProjectTitle { get; set; }
        public OrgField? Field { get; set; }
        public string? Summary { get; set; }
        public string? Goals { get; set; }
        public string? BudgetNote { get; set; }
        public decimal? Requested { get; set; }
        public DateOnly? StartOn { get; set; }
        public DateOnly? EndOn { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var org = await VentureRules.OwnOrganizationAsync(db, ct);
        var round = org is null ? null : await db.VentureRounds.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (round is null || !await VentureRules.MayApplyAsync(db, org!, round, ct))
        {
            return NotFound();
        }
        Org = org!;
        Round = round;
        Criteria = await db.EvaluationCriteria.AsNoTracking().Where(c => c.SchemeId == round.SchemeId).OrderBy(c => c.SortOrder).ToListAsync(ct);
        Input.Field ??= org!.Field;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, [FromServices] Apply apply, CancellationToken ct)
    {
        var page = await OnGetAsync(id, ct);
        if (page is not PageResult)
        {
            return page;
        }
        var i = Input;
        var r = await apply.AsOrganizationAsync(new Apply.Command(id, i.ProjectTitle, i.Field, i.Summary, i.Goals, i.BudgetNote, i.Requested, i.StartOn, i.EndOn), ct);
        if (r.Ok)
        {
            TempData["Flash"] = t["Ventures.Applied"].Value;
            return Redirect($"/org/applications/{r.Value!.Id}");
        }
        this.ShowFailures(r.Failures, t);
        return Page();
    }
}
