using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Qingyun.Features.SocialOrgs.Evaluations;

/// <summary>评审: the evaluations I am a reviewer of, each subject with the state of my sheet. Any signed-in account.</summary>
[Authorize]
public sealed class ReviewModel(ReviewDesk desk) : PageModel
{
    public IReadOnlyList<(ReviewDesk.MyEvaluation Evaluation, IReadOnlyList<ReviewDesk.SubjectLine> Subjects)> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var list = new List<(ReviewDesk.MyEvaluation, IReadOnlyList<ReviewDesk.SubjectLine>)>();
        foreach (var e in await desk.MineAsync(ct))
        {
            var r = await desk.SubjectsAsync(e.Id, ct);
            list.Add((e, r.Ok ? r.Value.Subjects : []));
        }
        Items = list;
    }
}
