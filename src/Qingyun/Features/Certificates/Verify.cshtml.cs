using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Qingyun.Features.Certificates;

/// <summary>
/// 证明查验: the page a certificate's QR code opens, for anyone (a school, an employer) without signing in.
/// It shows the certificate's own facts with the holder's name masked, and whether it is valid or revoked.
/// </summary>
[AllowAnonymous]
public sealed class VerifyModel(BrowseCertificates browse) : PageModel
{
    public string Number { get; private set; } = "";
    public VerifiedCertificate? Found { get; private set; }

    public async Task OnGetAsync(string number, CancellationToken ct)
    {
        Number = number.Length > 40 ? number[..40] : number;
        Found = await browse.VerifyAsync(number, ct);
        if (Found is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
        Response.Headers["X-Robots-Tag"] = "noindex";
    }
}
