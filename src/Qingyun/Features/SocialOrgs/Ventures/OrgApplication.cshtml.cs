using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Qingyun.Domain;
using Qingyun.Domain.SocialOrgs;
using Qingyun.Infrastructure;
using Qingyun.Resources;

namespace Qingyun.Features.SocialOrgs.Ventures;

/// <summary>The organization's own application: status, award, reports (file one), payments; withdraw before review.</summary>
[Authorize]
public sealed class OrgApplicationModel(RoundReader reader, IStringLocalizer<SharedResource> t) : PageModel
{
    public RoundReader.ApplicationView View { get; private set; } = null!;

    [BindProperty] public ReportInput Input { get; set; } = new();

    public sealed class ReportInput
    {
        public VentureReportKind? Kind { get; set; }
        public string? Body { get; set; }
        public decimal? Spent { get; set; }
        public int? Beneficiaries { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var r = await reader.OwnApplicationAsync(id, ct);
        if (!r.Ok)
        {
            return NotFound();
        }
        View = r.Value!;
        return Page();
    }

    public async Task<IActionResult> OnPostWithdrawAsync(Guid id, [FromServices] WithdrawApplication withdraw, CancellationToken ct) =>
        await AfterAsync(id, await withdraw.RunAsync(id, ct), "Ventures.Withdrawn", "", ct);

    public async Task<IActionResult> OnPostReportAsync(Guid id, [FromServices] FileReport file, CancellationToken ct)
    {
        var i = Input;
        return await AfterAsync(id, await file.RunAsync(id, new FileReport.Command(i.Kind, i.Body, i.Spent, i.Beneficiaries), ct), "Ventures.ReportFiled", "Input", ct);
    }

    private async Task<IActionResult> AfterAsync<T>(Guid id, Result<T> r, string flash, string prefix, CancellationToken ct)
    {
        if (r.Ok)
        {
            TempData["Flash"] = t[flash].Value;
            return Redirect($"/org/applications/{id}");
        }
        var page = await OnGetAsync(id, ct);
        if (page is not PageResult || r.Failures.Any(f => f.Status == 404))
        {
            return NotFound();
        }
        this.ShowFailures(r.Failures, t, prefix);
        return Page();
    }
}
