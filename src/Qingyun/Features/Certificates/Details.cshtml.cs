using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.Volunteering;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Certificates;

/// <summary>One certificate: its facts, the PDF, the verification link, and revocation by the issuer.</summary>
[RequirePermission(Permission.ServiceRead)]
public sealed class DetailsModel(BrowseCertificates browse, AppDbContext db, IStringLocalizer<SharedResource> t) : PageModel
{
    public Certificate? Certificate { get; private set; }
    public bool CanManage { get; private set; }
    public string VerifyUrl => CertificateRules.VerifyUrl(Request, Certificate!.Number);

    [BindProperty] public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var r = await browse.GetAsync(id, ct);
        if (!r.Ok)
        {
            return NotFound();
        }
        Certificate = r.Value;
        var path = await db.OrgUnits.Where(u => u.Id == Certificate!.UnitId).Select(u => u.Path).FirstOrDefaultAsync(ct);
        CanManage = path is not null && db.Scope.Covers(path, Permission.ServiceManage);
        return Page();
    }

    public async Task<IActionResult> OnGetPdfAsync(Guid id, CancellationToken ct)
    {
        var pdf = await browse.PdfAsync(id, Request, ct);
        if (pdf.Ok)
        {
            var number = (await browse.GetAsync(id, ct)).Value!.Number;
            return File(pdf.Value!, "application/pdf", $"志愿服务证明-{number}.pdf");
        }
        return await Show(id, pdf.Failures, ct);
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, [FromServices] RevokeCertificate.Handler handler, CancellationToken ct)
    {
        var r = await handler.Handle(new RevokeCertificate.Command(id, Reason), ct);
        if (r.Ok)
        {
            TempData["Flash"] = t["Certificates.RevokedFlash"].Value;
            return Redirect($"/certificates/{id}");
        }
        return await Show(id, r.Failures, ct);
    }

    private async Task<IActionResult> Show(Guid id, IReadOnlyList<Failure> failures, CancellationToken ct)
    {
        if (failures.Any(f => f.Field == "Id" && f.Status is 403 or 404))
        {
            return StatusCode(failures.Max(f => f.Status));
        }
        var page = await OnGetAsync(id, ct);
        this.ShowFailures(failures, t, prefix: "");
        return page;
    }
}
