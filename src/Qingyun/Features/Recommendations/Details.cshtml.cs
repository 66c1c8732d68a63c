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

namespace Qingyun.Features.Recommendations;

[RequirePermission(Permission.PeopleRead)]
public sealed class DetailsModel(AppDbContext db, RecommendationSteps steps, AuditLog audit, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    public RecommendationRow? Row { get; private set; }
    public bool CanManage { get; private set; }
    public bool CanApprove { get; private set; }
    public DateOnly Today => clock.ChinaToday();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Row = await RecommendationsSetup.Rows(db, db.Recommendations.Where(r => r.Id == id)).FirstOrDefaultAsync(ct);
        if (Row is null)
        {
            return NotFound();
        }
        CanManage = db.Scope.Covers(Row.UnitPath, Permission.PeopleManage);
        CanApprove = db.Scope.CanApprove(Row.UnitPath);
        return Page();
    }

    public async Task<IActionResult> OnGetPdfAsync(Guid id, CancellationToken ct)
    {
        var pdf = await RecommendationsSetup.FormPdfAsync(db, id, t, audit, ct);
        if (pdf.Ok)
        {
            return File(pdf.Value!, "application/pdf", $"推荐表-{id.ToString("N")[..8]}.pdf");
        }
        return pdf.Failures.Any(f => f.Status == 404) ? NotFound() : await Show(id, pdf.Failures, ct);
    }

    public async Task<IActionResult> OnPostMeetingAsync(Guid id, DateOnly? meetingOn, int? membersTotal, int? membersPresent, int? votesFor, IFormFile? minutes, CancellationToken ct) =>
        await Done(id, await steps.RecordMeetingAsync(new RecommendationSteps.MeetingCommand(id, meetingOn, membersTotal, membersPresent, votesFor, minutes), ct), ct);

    public async Task<IActionResult> OnPostDecideAsync(Guid id, bool approve, DateOnly? on, int? validMonths, string? partyOrganization, string? note, CancellationToken ct) =>
        await Done(id, await steps.DecideAsync(new RecommendationSteps.DecideCommand(id, approve, on, validMonths, partyOrganization, note), ct), ct);

    public async Task<IActionResult> OnPostOutcomeAsync(Guid id, RecommendationOutcome? outcome, DateOnly? on, CancellationToken ct) =>
        await Done(id, await steps.RecordOutcomeAsync(new RecommendationSteps.OutcomeCommand(id, outcome, on), ct), ct);

    private async Task<IActionResult> Done(Guid id, Result<Recommendation> r, CancellationToken ct)
    {
        if (r.Ok)
        {
            TempData["Flash"] = t["Common.Saved"].Value;
            return Redirect($"/recommendations/{id}");
        }
        return r.Failures.Any(f => f.Status == 404) ? NotFound() : await Show(id, r.Failures, ct);
    }

    private async Task<IActionResult> Show(Guid id, IReadOnlyList<Failure> failures, CancellationToken ct)
    {
        var page = await OnGetAsync(id, ct);
        this.ShowFailures(failures, t, prefix: "");
        return page;
    }
}
