using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Indicators.Summary;

/// <summary>
/// /figures/summary?unit=&amp;year=: the unit's annual work summary rendered with live numbers (each shaded, its source on
/// hover and a click away), the .docx and PDF downloads; for those who manage the unit's figures, "生成初稿" when there is
/// none yet, and the edit form (a textarea per section, the numbers to copy beside it, "重新生成" per section or all).
/// </summary>
[RequirePermission(Permission.FiguresRead)]
public sealed class IndexModel(SummaryDesk desk, SummaryExports exports, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    [BindProperty] public int? Version { get; set; }
    [BindProperty] public Dictionary<string, string?> Sections { get; set; } = [];
    [BindProperty] public string? Section { get; set; }

    public SummaryDesk.View? Data { get; private set; }
    public IReadOnlyList<SummaryNumber> Numbers { get; private set; } = [];

    /// <summary>The refusal shown instead of the summary (bad year, no such unit).</summary>
    public string? Problem { get; private set; }

    /// <summary>The prose shown in the form: the stored prose, or what the user typed when a save was refused.</summary>
    public string ProseOf(string section) =>
        Sections.TryGetValue(section, out var typed) && typed is not null ? typed
            : Data?.Rendered?.Sections.FirstOrDefault(s => s.Section.ToString() == section)?.Prose ?? "";

    public string Here => $"/figures/summary?unit={Data?.Unit.Id ?? Unit}&year={Data?.Year ?? Year}";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnPostGenerateAsync(CancellationToken ct)
    {
        var r = await desk.GenerateAsync(Unit ?? await desk.DefaultUnitAsync(ct), Year ?? desk.CurrentYear, ct);
        return await AfterAsync(r, "Summary.Generated", ct);
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        var r = await desk.SaveAsync(Unit ?? await desk.DefaultUnitAsync(ct), Year ?? desk.CurrentYear, Version, Sections, ct);
        return await AfterAsync(r, "Common.Saved", ct);
    }

    public async Task<IActionResult> OnPostRegenerateAsync(CancellationToken ct)
    {
        var r = await desk.RegenerateAsync(Unit ?? await desk.DefaultUnitAsync(ct), Year ?? desk.CurrentYear, Version, Section, ct);
        Sections = [];
        return await AfterAsync(r, "Summary.Regenerated", ct);
    }

    public async Task<IActionResult> OnGetDocxAsync(CancellationToken ct)
    {
        var r = await exports.DocxAsync(Unit ?? await desk.DefaultUnitAsync(ct), Year, ct);
        return r.Ok ? File(r.Value.Bytes, SummaryExports.DocxType, r.Value.FileName) : await RefusedAsync(r.Failures, ct);
    }

    public async Task<IActionResult> OnGetPdfAsync(CancellationToken ct)
    {
        var r = await exports.PdfAsync(Unit ?? await desk.DefaultUnitAsync(ct), Year, ct);
        return r.Ok ? File(r.Value.Bytes, "application/pdf", r.Value.FileName) : await RefusedAsync(r.Failures, ct);
    }

    private async Task<IActionResult> AfterAsync<T>(Result<T> r, string flash, CancellationToken ct)
    {
        if (r.Ok)
        {
            TempData["Flash"] = t[flash].Value;
            return Redirect(Here);
        }
        return await RefusedAsync(r.Failures, ct);
    }

    /// <summary>Out of scope or read-only is the bare status; anything else is shown on the page with the API's status.</summary>
    private async Task<IActionResult> RefusedAsync(IReadOnlyList<Failure> failures, CancellationToken ct)
    {
        if (failures.Any(f => f.Status is 403 or 404 && f.Field == "UnitId"))
        {
            return StatusCode(failures.Max(f => f.Status));
        }
        var status = failures.Max(f => f.Status);
        if (await LoadAsync(ct) is { } failed)
        {
            return failed;
        }
        this.ShowFailures(failures, t, prefix: "");
        Response.StatusCode = status;
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var r = await desk.ShowAsync(Unit ?? await desk.DefaultUnitAsync(ct), Year, ct);
        if (!r.Ok)
        {
            if (r.Failures.Any(f => f.Field == "UnitId"))
            {
                return StatusCode(r.Failures.Max(f => f.Status));
            }
            Problem = string.Join("；", r.Failures.Select(t.Describe));
            Response.StatusCode = r.Failures.Max(f => f.Status);
            return Page();
        }
        Data = r.Value!;
        if (Data.CanManage && Data.Summary is not null)
        {
            Numbers = Data.Rendered!.Numbers;
        }
        return null;
    }
}
