using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qingyun.Domain.Volunteering;

namespace Qingyun.Features.Certificates;

/// <summary>我的志愿服务证明: a signed-in volunteer's own certificates from every unit, read by their own registration.</summary>
[Authorize]
public sealed class MineModel(BrowseCertificates browse) : PageModel
{
    public IReadOnlyList<Certificate> Certificates { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Certificates = await browse.OwnCertificates(ct);

    public async Task<IActionResult> OnGetPdfAsync(Guid id, CancellationToken ct)
    {
        var pdf = await browse.OwnPdfAsync(id, Request, ct);
        if (!pdf.Ok)
        {
            return StatusCode(pdf.Failures.Max(f => f.Status));
        }
        return File(pdf.Value!, "application/pdf", $"志愿服务证明-{id.ToString("N")[..8]}.pdf");
    }
}
