using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qingyun.Data;
using Qingyun.Domain.Access;
using Qingyun.Domain.Volunteering;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Volunteering;

/// <summary>Volunteers' objections to lines recorded in scope; open ones first. The recording unit answers each.</summary>
[RequirePermission(Permission.ServiceRead)]
public sealed class DisputesModel(AppDbContext db, HoursRecord hours, IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed record Row(Dispute Dispute, ServiceEntry? Entry, VolunteerDirectory.Card Card);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var disputes = await db.Disputes.AsNoTracking().OrderBy(d => d.State).ThenByDescending(d => d.Id).Take(200).ToListAsync(ct);
        var entryIds = disputes.Select(d => d.EntryId).ToList();
        var entries = await db.ServiceEntries.AsNoTracking().Where(e => entryIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        var cards = await VolunteerDirectory.CardsAsync(db, disputes.Select(d => d.VolunteerId), ct);
        Rows = [.. disputes.Select(d => new Row(d, entries.GetValueOrDefault(d.EntryId), cards[d.VolunteerId]))];
    }

    public async Task<IActionResult> OnPostAsync(Guid disputeId, bool correct, string? answer, decimal? rightHours, CancellationToken ct)
    {
        var r = await hours.AnswerAsync(disputeId, correct, answer, rightHours, ct);
        if (r.Ok)
        {
            TempData["Flash"] = t["Common.Saved"].Value;
            return Redirect("/volunteering/disputes");
        }
        await OnGetAsync(ct);
        this.ShowFailures(r.Failures, t, prefix: "");
        return Page();
    }
}
