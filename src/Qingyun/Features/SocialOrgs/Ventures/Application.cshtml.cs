using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.SocialOrgs.Ventures;

/// <summary>One application for the round's unit: the project, its reports (accept or return) and its payments (record).</summary>
[RequirePermission(Permission.SocialOrgsRead)]
public sealed class ApplicationModel(RoundReader reader, IStringLocalizer<SharedResource> t) : PageModel
{
    public RoundReader.ApplicationView View { get; private set; } = null!;

    [BindProperty] public PaymentInput Payment { get; set; } = new();

    public sealed class PaymentInput
    {
        public DateOnly? On { get; set; }
        public decimal? Amount { get; set; }
        public string? Reference { get; set; }
        public string? Note { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var r = await reader.ApplicationAsync(id, ct);
        if (!r.Ok)
        {
            return NotFound();
        }
        View = r.Value!;
        return Page();
    }

    public async Task<IActionResult> OnPostAcceptAsync(Guid id, Guid reportId, [FromServices] ReviewReport review, CancellationToken ct) =>
        await ReportAsync(id, reportId, () => review.AcceptAsync(reportId, ct), "Ventures.ReportAccepted", ct);

    public async Task<IActionResult> OnPostReturnAsync(Guid id, Guid reportId, string? reason, [FromServices] ReviewReport review, CancellationToken ct) =>
        await ReportAsync(id, reportId, () => review.ReturnAsync(reportId, reason, ct), "Ventures.ReportReturned", ct);

    public async Task<IActionResult> OnPostPayAsync(Guid id, [FromServices] Disburse disburse, CancellationToken ct)
    {
        var p = Payment;
        var r = await disburse.RunAsync(id, new Disburse.Command(p.On, p.Amount, p.Reference, p.Note), ct);
        return await AfterAsync(id, r, "Ventures.PaymentRecorded", "Payment", ct);
    }

    private async Task<IActionResult> ReportAsync<T>(Guid id, Guid reportId, Func<Task<Result<T>>> act, string flash, CancellationToken ct)
    {
        var page = await OnGetAsync(id, ct);
        if (page is not PageResult)
        {
            return page;
        }
        if (View.Reports.All(r => r.Id != reportId))
        {
            return NotFound();
        }
        return await AfterAsync(id, await act(), flash, "", ct);
    }

    private async Task<IActionResult> AfterAsync<T>(Guid id, Result<T> r, string flash, string prefix, CancellationToken ct)
    {
        if (r.Ok)
        {
            TempData["Flash"] = t[flash].Value;
            return Redirect($"/social-orgs/rounds/applications/{id}");
        }
        var page = await OnGetAsync(id, ct);
        if (page is not PageResult)
        {
            return page;
        }
        if (r.Failures.Any(f => f.Status == 404))
        {
            return NotFound();
        }
        if (r.Failures.Any(f => f.Status == 403))
        {
            return Forbid();
        }
        this.ShowFailures(r.Failures, t, prefix);
        return Page();
    }
}
