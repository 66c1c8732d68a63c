using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.Rosters;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Reviews;

[RequirePermission(Permission.PeopleRead)]
public sealed class DetailsModel(AppDbContext db, ReviewSteps steps, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    public ReviewRoundRow? Round { get; private set; }
    public string? ReturnNote { get; private set; }
    public IReadOnlyList<ReviewEntryRow> Entries { get; private set; } = [];
    public bool CanManage { get; private set; }
    public bool CanApprove { get; private set; }
    public DateOnly Today => clock.ChinaToday();

    private Dictionary<Guid, ReviewSteps.EntryInput>? _posted;
    private DateOnly? _postedMeetingOn;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Round = await ReviewsSetup.Rounds(db, db.ReviewRounds.Where(r => r.Id == id)).FirstOrDefaultAsync(ct);
        if (Round is null)
        {
            return NotFound();
        }
        ReturnNote = await db.ReviewRounds.Where(r => r.Id == id).Select(r => r.ReturnNote).FirstAsync(ct);
        Entries = await ReviewsSetup.EntriesAsync(db, id, ct);
        if (_posted is not null)
        {
            // A refused save shows what the user entered, not the stored draft, so nothing has to be typed again.
            Entries = [.. Entries.Select(e => _posted.TryGetValue(e.MembershipId, out var p) ? e with { Present = p.Present, Grade = p.Grade } : e)];
            Round = Round with { MeetingOn = _postedMeetingOn };
        }
        CanManage = db.Scope.Covers(Round.UnitPath, Permission.PeopleManage);
        CanApprove = db.Scope.CanApprove(Round.UnitPath);
        return Page();
    }

    /// <summary>The grid posts one "present" checkbox and one "grade" select per member, keyed by membership id.</summary>
    public async Task<IActionResult> OnPostAsync(Guid id, DateOnly? meetingOn, bool submit, CancellationToken ct)
    {
        var entries = new List<ReviewSteps.EntryInput>();
        foreach (var key in Request.Form.Keys.Where(k => k.StartsWith("grade.", StringComparison.Ordinal)))
        {
            if (!Guid.TryParse(key["grade.".Length..], out var membershipId))
            {
                continue;
            }
            var raw = Request.Form[key].ToString();
            ReviewGrade? grade = Enum.TryParse<ReviewGrade>(raw, out var g) ? g : null;
            entries.Add(new ReviewSteps.EntryInput(membershipId, Request.Form.ContainsKey("present." + membershipId), grade));
        }
        var r = await steps.RecordAsync(new ReviewSteps.RecordCommand(id, meetingOn, entries), ct);
        if (!r.Ok)
        {
            _posted = entries.ToDictionary(e => e.MembershipId);
            _postedMeetingOn = meetingOn;
        }
        else if (submit)
        {
            r = await steps.SubmitAsync(id, ct);
        }
        return await Done(id, r, ct);
    }

    public async Task<IActionResult> OnPostDecideAsync(Guid id, bool approve, string? note, CancellationToken ct) =>
        await Done(id, await steps.DecideAsync(new ReviewSteps.DecideCommand(id, approve, note), ct), ct);

    private async Task<IActionResult> Done(Guid id, Result<ReviewRound> r, CancellationToken ct)
    {
        if (r.Ok)
        {
            TempData["Flash"] = t["Common.Saved"].Value;
            return Redirect($"/reviews/{id}");
        }
        if (r.Failures.Any(f => f.Status == 404))
        {
            return NotFound();
        }
        var page = await OnGetAsync(id, ct);
        this.ShowFailures(r.Failures, t, prefix: "");
        return page;
    }
}
