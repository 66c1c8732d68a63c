using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qingyun.Data;
using Qingyun.Domain.Access;
using Qingyun.Domain.Rosters;
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

    /// <summary>History values are stored as enum names; show them in the user's language.</summary>
    public string? Show(string? value)
    {
        if (value is null)
        {
            return null;
        }
        var key = Enum.TryParse<MemberStatus>(value, out _) ? "MemberStatus." + value : "Members." + value;
        var text = t[key];
        return text.ResourceNotFound ? value : text.Value;
    }
}
