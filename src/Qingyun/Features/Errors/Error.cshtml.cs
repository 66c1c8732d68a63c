using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Qingyun.Features.Errors;

/// <summary>Friendly error pages in the user's language; never a stack trace.</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    private static readonly int[] Known = [400, 403, 404, 409, 500];

    public int Status { get; private set; }
    public string TitleKey => $"ErrorPage.{(Known.Contains(Status) ? Status : 500)}";

    // From the route only: a re-executed POST keeps its form, and a form field named "status" (a case's
    // status change) would otherwise turn a 403 into a 500.
    public void OnGet([FromRoute] int? status) => Show(status);

    public void OnPost([FromRoute] int? status) => Show(status);

    private void Show(int? status)
    {
        Status = status is >= 400 and < 600 ? status.Value : 500;
        Response.StatusCode = Status;
    }
}
