using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Qingyun.Domain;
using Qingyun.Features.Pool;
using Qingyun.Infrastructure;
using Qingyun.Resources;

namespace Qingyun.Features.Direct;

/// <summary>
/// One post's 1+100 page: coverage with the not-reached lists, the bound young people (end a binding), binding by
/// name or registering someone new, the quota for admins, the contact form and the contact history. Open to the
/// cadre themself and to readers of the unit's people (the door answers 404 to anyone else).
/// </summary>
[Authorize]
public sealed class TermModel(DirectPosts posts, Bindings bindings, Contacts contacts, Coverage coverage, IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed class RegisterForm
    {
        public string? Name { get; set; }
        public string? IdNumber { get; set; }
        public string? Phone { get; set; }
    }

    public DirectPost Post { get; private set; } = null!;
    public CadreCoverage Numbers { get; private set; } = null!;
    public IReadOnlyList<BoundYouth> Youth { get; private set; } = [];
    public IReadOnlyList<ContactLine> History { get; private set; } = [];
    public IReadOnlyList<YouthCandidate> Candidates { get; private set; } = [];
    public DateOnly Today { get; private set; }
    public Period Period { get; private set; }

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty] public ContactForm Input { get; set; } = new();
    [BindProperty] public RegisterForm Register { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var open = await posts.OpenAsync(id, act: false, ct);
        if (!open.Ok)
        {
            return this.Denied(open.Failures) ?? NotFound();
        }
        Post = open.Value!;
        Today = coverage.Today;
        Period = Period.Of(Today);
        Numbers = (await coverage.ComputeAsync([(Post.Term, Post.Unit, Post.CadreName)], Period, ct))[0];
        Youth = await contacts.BoundAsync(Post, withEnded: true, ct);
        History = await contacts.LinesAsync(id, 100, ct);
        if (Post.CanAct && !string.IsNullOrWhiteSpace(Q))
        {
            Candidates = (await bindings.SearchAsync(id, Q, ct)).Value ?? [];
        }
        return Page();
    }

    public Task<IActionResult> OnPostContactAsync(Guid id, CancellationToken ct) =>
        Answer(id, contacts.LogAsync(Input.ToCommand(id), ct), "Input", () => t["Direct.ContactLogged", Input.YouthIds.Distinct().Count()].Value, ct);

    public Task<IActionResult> OnPostBindAsync(Guid id, Guid? youthPersonId, CancellationToken ct) =>
        Answer(id, bindings.BindYouthAsync(id, youthPersonId, ct), "Bind", () => t["Direct.Bound"].Value, ct);

    public Task<IActionResult> OnPostRegisterAsync(Guid id, CancellationToken ct) =>
        Answer(id, bindings.RegisterAndBindAsync(id, Register.Name, Register.IdNumber, Register.Phone, ct), "Register", () => t["Direct.Bound"].Value, ct);

    public async Task<IActionResult> OnPostEndAsync(Guid id, Guid bindingId, string? note, CancellationToken ct)
    {
        var open = await posts.OpenAsync(id, act: false, ct);
        if (!open.Ok)
        {
            return this.Denied(open.Failures) ?? NotFound();
        }
        return await Answer(id, bindings.EndAsync(bindingId, note, ct), "End", () => t["Direct.BindingEndedDone"].Value, ct);
    }

    public Task<IActionResult> OnPostQuotaAsync(Guid id, int? contactQuota, CancellationToken ct) =>
        Answer(id, bindings.SetQuotaAsync(id, contactQuota, ct), "Quota", () => t["Common.Saved"].Value, ct);

    private async Task<IActionResult> Answer<T>(Guid id, Task<Result<T>> work, string prefix, Func<string> done, CancellationToken ct)
    {
        var r = await work;
        if (r.Ok)
        {
            TempData["Flash"] = done();
            return Redirect($"/direct/terms/{id}");
        }
        if (this.Denied(r.Failures) is { } denied)
        {
            return denied;
        }
        var page = await OnGetAsync(id, ct);
        if (page is not PageResult)
        {
            return page;
        }
        this.ShowFailures(r.Failures, t, prefix);
        return Page();
    }
}
