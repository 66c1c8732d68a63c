using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Qingyun.Infrastructure;
using Qingyun.Resources;

namespace Qingyun.Features.Feedback;

/// <summary>A participant rates an ended activity from their phone (once; submitting again changes it).</summary>
[Authorize]
public sealed class RateModel(FeedbackDesk desk, IStringLocalizer<SharedResource> t) : PageModel
{
    public FeedbackDesk.Rateable? Target { get; private set; }

    [BindProperty] public int? Rating { get; set; }
    [BindProperty] public string? Comment { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var r = await desk.ForMeAsync(id, ct);
        if (!r.Ok)
        {
            return NotFound();
        }
        Target = r.Value;
        if (Request.Method == HttpMethods.Get && Target!.Mine is { } mine)
        {
            Rating = mine.Rating;
            Comment = mine.Comment;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var r = await desk.SubmitAsync(id, Rating, Comment, ct);
        if (r.Ok)
        {
            TempData["Flash"] = t["Feedback.Thanks"].Value;
            return Redirect($"/youth/activities/{id}/feedback");
        }
        var page = await OnGetAsync(id, ct);
        if (page is NotFoundResult)
        {
            return page;
        }
        this.ShowFailures(r.Failures, t, prefix: "");
        return Page();
    }
}
