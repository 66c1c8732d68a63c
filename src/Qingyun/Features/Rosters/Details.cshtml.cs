using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qingyun.Data;
using Qingyun.Domain.Access;
using Qingyun.Domain.Rosters;
using Qingyun.Features.Recommendations;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Rosters;

[RequirePermission(Permission.PeopleRead)]
public sealed class DetailsModel(BrowseMembers browse, AppDbContext db, IStringLocalizer<SharedResource> t) : PageModel
{
    public MemberDetails? Details { get; private set; }
    public bool CanManage { get; private set; }
    public DateOnly Today => browse.Today;
    public IReadOnlyList<Transfer> Transfers { get; private set; } = [];
    public IReadOnlyList<Recommendation> Recommendations { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var r = await browse.DetailsAsync(id, ct);
        if (!r.Ok)
        {
            return NotFound();
        }
        Details = r.Value;
        var path = await db.OrgUnits.Where(u => u.Id == Details!.Member.UnitId).Select(u => u.Path).FirstAsync(ct);
        CanManage = db.Scope.Covers(path, Permission.PeopleManage);
        Transfers = await db.Transfers.AsNoTracking().Where(x => x.MembershipId == id).OrderByDescending(x => x.Id).Take(10).ToListAsync(ct);
        Recommendations = await db.Recommendations.AsNoTracking().Where(x => x.MembershipId == id).OrderByDescending(x => x.Id).Take(10).ToListAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, MemberStatus status, bool isStudent, [FromServices] ChangeMemberStatus.Handler handler, CancellationToken ct)
    {
        var r = await handler.Handle(new ChangeMemberStatus.Command(id, status, isStudent), ct);
        if (r.Ok)
        {
            TempData["Flash"] = t["Common.Saved"].Value;
            return Redirect($"/members/{id}");
        }
        if (r.Failures.Any(f => f.Field == "Id"))
        {
            return StatusCode(r.Failures.Max(f => f.Status));
        }
        var page = await OnGetAsync(id, ct);
        this.ShowFailures(r.Failures, t, prefix: "");
        return page;
    }

    public async Task<IActionResult> OnPostNominateAsync(Guid id, DateOnly? nominatedOn, string? reason, [FromServices] RecommendationSteps steps, CancellationToken ct)
    {
        var r = await steps.NominateAsync(new RecommendationSteps.NominateCommand(id, nominatedOn, reason), ct);
        if (r.Ok)
        {
            TempData["Flash"] = t["Common.Saved"].Value;
            return Redirect($"/recommendations/{r.Value!.Id}");
        }
        if (r.Failures.Any(f => f.Status == 404))
        {
            return NotFound();
        }
        var page = await OnGetAsync(id, ct);
        this.ShowFailures(r.Failures, t, prefix: "");
        return page;
    }

    /// <summary>History values are stored as enum names; show them in the user's language.</summary>
    public string? Show(string? value)
    {
        if (value is null)
        {
            return null;
        }
        var key = value.StartsWith("ReviewGrade.", StringComparison.Ordinal) ? value
            : Enum.TryParse<MemberStatus>(value, out _) ? "MemberStatus." + value : "Members." + value;
        var text = t[key];
        return text.ResourceNotFound ? value : text.Value;
    }
}
