using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.Indicators;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Indicators.Reported;

/// <summary>
/// /figures/reported?unit=&amp;year=: the unit's hand-reported indicators — its own values to fill in with evidence and
/// send up, the child units' values this level reviews, and (for those who manage the unit's figures) the indicators
/// it sets for the units below.
/// </summary>
[RequirePermission(Permission.FiguresRead)]
public sealed class IndexModel(ReportedDesk desk, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    public ReportedDesk.View? Data { get; private set; }

    /// <summary>The indicator whose form was refused, kept open with what was typed.</summary>
    public Guid? OpenIndicator { get; private set; }

    public string Here => $"/figures/reported?unit={Data?.Unit.Id ?? Unit}&year={Data?.Year ?? Year}";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnPostSaveAsync(Guid indicatorId, string? value, string? note, IFormFile? evidence, bool submit, CancellationToken ct)
    {
        decimal? number = null;
        if (!string.IsNullOrWhiteSpace(value))
        {
            if (!decimal.TryParse(value.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var n))
            {
                OpenIndicator = indicatorId;
                return await RefusedAsync([new Failure("Value", "Unreadable") { Label = "ReportedValue" }], ct);
            }
            number = n;
        }
        var r = await desk.SaveAsync(new ReportedDesk.ReportCommand(indicatorId, Unit ?? await desk.DefaultUnitAsync(ct), Year ?? desk.CurrentYear, number, note, evidence, submit), ct);
        OpenIndicator = indicatorId;
        return await AfterAsync(r, submit ? "Reported.Submitted" : "Reported.DraftSaved", ct);
    }

    public async Task<IActionResult> OnPostReviewAsync(Guid id, bool approve, string? reviewNote, CancellationToken ct) =>
        await AfterAsync(await desk.ReviewAsync(id, approve, reviewNote, ct), approve ? "Reported.Approved" : "Reported.Returned", ct);

    public async Task<IActionResult> OnPostDefineAsync(string? name, string? measure, string? description, SummarySection? section, CancellationToken ct) =>
        await AfterAsync(await desk.DefineAsync(new ReportedDesk.DefineCommand(Unit ?? await desk.DefaultUnitAsync(ct), name, measure, description, section), ct), "Reported.Defined", ct);

    public async Task<IActionResult> OnPostRetireAsync(Guid id, CancellationToken ct) =>
        await AfterAsync(await desk.RetireAsync(id, ct), "Reported.RetiredDone", ct);

    private async Task<IActionResult> AfterAsync<T>(Result<T> r, string flash, CancellationToken ct)
    {
        if (r.Ok)
        {
            TempData["Flash"] = t[flash].Value;
            return Redirect(Here);
        }
        return await RefusedAsync(r.Failures, ct);
    }

    /// <summary>Out of scope is the bare status; anything else is shown on the page, with the API's status.</summary>
    private async Task<IActionResult> RefusedAsync(IReadOnlyList<Failure> failures, CancellationToken ct)
    {
        if (failures.Any(f => f.Status is 403 or 404 && f.Field is "UnitId"))
        {
            return StatusCode(failures.Max(f => f.Status));
        }
        if (await LoadAsync(ct) is { } failed)
        {
            return failed;
        }
        this.ShowFailures(failures, t, prefix: "");
        Response.StatusCode = failures.Max(f => f.Status);
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var r = await desk.ShowAsync(Unit, Year, ct);
        if (!r.Ok)
        {
            return r.Failures.Any(f => f.Field == "Year") ? BadRequest() : StatusCode(r.Failures.Max(f => f.Status));
        }
        Data = r.Value!;
        return null;
    }
}
