using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Qingyun.Domain;
using Qingyun.Infrastructure;
using Qingyun.Resources;

namespace Qingyun.Features.SocialOrgs.Evaluations;

/// <summary>
/// My score sheet for one subject: criteria with guidance and evidence required, the organization's profile, my
/// scores (blank = cannot judge) and comment; save a draft or submit for good. Others' submitted scores and the
/// subject's total appear only after I have submitted mine.
/// </summary>
[Authorize]
public sealed class ReviewSheetModel(ReviewDesk desk, IStringLocalizer<SharedResource> t) : PageModel
{
    public ReviewDesk.SheetView View { get; private set; } = null!;

    /// <summary>What the form shows: what was typed (after a refusal), else what is saved.</summary>
    public Dictionary<Guid, string?> Typed { get; private set; } = [];

    [BindProperty] public List<ScoreField> Scores { get; set; } = [];
    [BindProperty] public string? Comment { get; set; }

    public sealed class ScoreField
    {
        public Guid CriterionId { get; set; }
        public string? Score { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(Guid evaluationId, Guid subjectId, CancellationToken ct)
    {
        var r = await desk.OpenAsync(evaluationId, subjectId, ct);
        if (!r.Ok)
        {
            return StatusCode(r.Failures.Max(f => f.Status));
        }
        View = r.Value!;
        Typed = View.Criteria.ToDictionary(c => c.Id, c => View.MyScores.TryGetValue(c.Id, out var s) ? s.ToString("0.##", CultureInfo.InvariantCulture) : null);
        Comment ??= View.Mine?.Comment;
        return Page();
    }

    public Task<IActionResult> OnPostSaveAsync(Guid evaluationId, Guid subjectId, CancellationToken ct) => Save(evaluationId, subjectId, false, ct);

    public Task<IActionResult> OnPostSubmitAsync(Guid evaluationId, Guid subjectId, CancellationToken ct) => Save(evaluationId, subjectId, true, ct);

    private async Task<IActionResult> Save(Guid evaluationId, Guid subjectId, bool submit, CancellationToken ct)
    {
        var failures = new List<Failure>();
        var inputs = new List<ReviewDesk.ScoreInput>();
        foreach (var s in Scores)
        {
            var text = s.Score?.Trim();
            if (string.IsNullOrEmpty(text))
            {
                inputs.Add(new ReviewDesk.ScoreInput(s.CriterionId, null));
            }
            else if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var v))
            {
                inputs.Add(new ReviewDesk.ScoreInput(s.CriterionId, v));
            }
            else
            {
                failures.Add(new Failure("Score", "Unreadable"));
            }
        }
        if (failures.Count == 0)
        {
            var r = await desk.SaveAsync(evaluationId, subjectId, inputs, Comment, submit, ct);
            if (r.Ok)
            {
                TempData["Flash"] = submit ? t["Scoring.Submitted"].Value : t["Scoring.DraftSaved"].Value;
                return Redirect($"/review/{evaluationId}/{subjectId}");
            }
            failures.AddRange(r.Failures);
        }
        var typed = Scores.ToDictionary(s => s.CriterionId, s => s.Score);
        var comment = Comment;
        var page = await OnGetAsync(evaluationId, subjectId, ct);
        if (page is StatusCodeResult)
        {
            return page;
        }
        foreach (var (k, v) in typed)
        {
            Typed[k] = v;
        }
        Comment = comment;
        this.ShowFailures(failures, t, prefix: "");
        return page;
    }
}
