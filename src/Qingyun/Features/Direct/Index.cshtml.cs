using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Qingyun.Features.Pool;
using Qingyun.Infrastructure;
using Qingyun.Resources;

namespace Qingyun.Features.Direct;

/// <summary>
/// 我的联系青年: the signed-in cadre's own posts on a phone — coverage numbers, the young people with their last
/// contact, and the quick contact form. An account with no post in office sees a clear empty state.
/// </summary>
[Authorize]
public sealed class IndexModel(DirectPosts posts, Contacts contacts, Coverage coverage, IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed record PostView(DirectPost Post, CadreCoverage Numbers, IReadOnlyList<BoundYouth> Youth);

    public List<PostView> Posts { get; private set; } = [];
    public DateOnly Today { get; private set; }
    public Period Period { get; private set; }
    public Guid? FailedTermId { get; private set; }

    [BindProperty] public ContactForm Input { get; set; } = new();

    public async Task OnGetAsync(CancellationToken ct)
    {
        Today = coverage.Today;
        Period = Period.Of(Today);
        var mine = await posts.MineAsync(ct);
        var numbers = await coverage.ComputeAsync([.. mine.Select(p => (p.Term, p.Unit, p.CadreName))], Period, ct);
        foreach (var (post, row) in mine.Zip(numbers))
        {
            Posts.Add(new PostView(post, row, await contacts.BoundAsync(post, withEnded: false, ct)));
        }
    }

    public async Task<IActionResult> OnPostAsync(Guid termId, CancellationToken ct)
    {
        var r = await contacts.LogAsync(Input.ToCommand(termId), ct);
        if (r.Ok)
        {
            TempData["Flash"] = t["Direct.ContactLogged", Input.YouthIds.Distinct().Count()].Value;
            return Redirect("/direct");
        }
        if (this.Denied(r.Failures) is { } denied)
        {
            return denied;
        }
        await OnGetAsync(ct);
        FailedTermId = termId;
        this.ShowFailures(r.Failures, t);
        return Page();
    }
}
