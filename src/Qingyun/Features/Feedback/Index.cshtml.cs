using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain.Access;
using Qingyun.Domain.Hubs;
using Qingyun.Infrastructure;
using Qingyun.Security;

namespace Qingyun.Features.Feedback;

/// <summary>The organizers' view of ratings: per activity, per hub unit and per teacher over a year; one activity's comments.</summary>
[RequirePermission(Permission.ServiceRead)]
public sealed class IndexModel(AppDbContext db, FeedbackDesk desk, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? ActivityId { get; set; }

    public FeedbackDesk.Summary? Summary { get; private set; }
    public string? ActivityTitle { get; private set; }
    public IReadOnlyList<ActivityFeedback> Comments { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var thisYear = clock.ChinaToday().Year;
        Year = Year is { } y && y >= 2000 && y <= thisYear + 1 ? y : thisYear;
        Summary = await desk.SummaryAsync(Year.Value, ct);
        if (ActivityId is { } id)
        {
            var comments = await desk.CommentsAsync(id, ct);
            if (comments is null)
            {
                return NotFound();
            }
            Comments = comments;
            ActivityTitle = await db.Activities.Where(a => a.Id == id).Select(a => a.Title).FirstAsync(ct);
        }
        return Page();
    }
}
