using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Qingyun.Domain;
using Qingyun.Domain.Assistance;
using Qingyun.Infrastructure;
using Qingyun.Resources;

namespace Qingyun.Features.Assistance;

/// <summary>
/// 帮扶资源 of one case: scholarships and grants (apply → approve or reject → deliver) and resources from partner
/// units. The owner and administrators write; the paired volunteer reads. The case is opened through <see cref="CaseReader"/>.
/// </summary>
[Authorize]
public sealed class SupportModel(SupportDesk desk, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    public SupportDesk.CaseSupports? Data { get; private set; }

    public DateOnly Today => clock.ChinaToday();

    [BindProperty] public SupportKind? Kind { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Sponsor { get; set; }
    [BindProperty] public decimal? Amount { get; set; }
    [BindProperty] public DateOnly? AppliedOn { get; set; }
    [BindProperty] public string? Items { get; set; }
    [BindProperty] public DateOnly? DeliveredOn { get; set; }

    /// <summary>Which form the failures belong to, so it is the one shown open.</summary>
    public string? Form { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var r = await desk.ListAsync(id, ct);
        if (!r.Ok)
        {
            return StatusCode(r.Failures.Max(f => f.Status));
        }
        Data = r.Value!;
        return Page();
    }

    public Task<IActionResult> OnPostApplyAsync(Guid id, CancellationToken ct) =>
        Step(id, "apply", () => desk.ApplyAsync(id, new SupportDesk.ApplyInput(Kind, Name, Sponsor, Amount, AppliedOn), ct), ct);

    public Task<IActionResult> OnPostResourceAsync(Guid id, CancellationToken ct) =>
        Step(id, "resource", () => desk.RecordResourceAsync(id, new SupportDesk.ResourceInput(Kind, Name, Sponsor, Items, Amount, DeliveredOn), ct), ct);

    public Task<IActionResult> OnPostDecideAsync(Guid id, Guid supportId, bool approve, DateOnly? decidedOn, string? note, CancellationToken ct) =>
        Step(id, "s-" + supportId, () => desk.DecideAsync(id, supportId, new SupportDesk.DecideInput(approve, decidedOn, note), ct), ct);

    public Task<IActionResult> OnPostDeliverAsync(Guid id, Guid supportId, DateOnly? deliveredOn, decimal? deliveredAmount, string? paymentReference, CancellationToken ct) =>
        Step(id, "s-" + supportId, () => desk.DeliverAsync(id, supportId, new SupportDesk.DeliverInput(deliveredOn, deliveredAmount, paymentReference), ct), ct);

    private async Task<IActionResult> Step(Guid id, string form, Func<Task<Result<CaseSupport>>> step, CancellationToken ct)
    {
        var r = await step();
        if (r.Ok)
        {
            TempData["Flash"] = t["Common.Saved"].Value;
            return Redirect($"/assistance/{id}/support");
        }
        if (r.Failures.Any(f => f.Status == 404))
        {
            return NotFound();
        }
        var page = await OnGetAsync(id, ct);
        if (page is not PageResult)
        {
            return page;
        }
        Form = form;
        this.ShowFailures(r.Failures, t, prefix: "");
        return Page();
    }
}
