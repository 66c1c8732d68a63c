using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Qingyun.Domain.Access;
using Qingyun.Features.Accounts;
using Qingyun.Infrastructure;
using Qingyun.Resources;

namespace Qingyun.Features.Account;

[Authorize]
public sealed class TokensModel(ApiTokens tokens, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public int? Days { get; set; } = 90;

    public string? NewToken { get; private set; }
    public IReadOnlyList<ApiToken> Mine { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Mine = await tokens.MineAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var r = await tokens.CreateAsync(Name, Days, ct);
        if (r.Ok)
        {
            NewToken = r.Value!.Clear;
            Name = null;
        }
        else
        {
            ModelState.AddFailures(r.Failures, t, prefix: "");
        }
        Mine = await tokens.MineAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken ct)
    {
        var r = await tokens.RevokeAsync(id, ct);
        return r.Ok ? RedirectToPage() : NotFound();
    }
}
