using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Qingyun.Domain.Access;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Indicators.Assessment;

/// <summary>/figures/assessment?unit=&amp;year=: the child units' scores and ranking, the Party-building track, the Excel download, and the items for those who manage the unit's figures.</summary>
[RequirePermission(Permission.FiguresRead)]
public sealed class IndexModel(Scorecard scorecard, ScorecardExport export, IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed class ItemInput
    {
        public string? Code { get; set; }
        public bool Included { get; set; }
        public decimal? Points { get; set; }
        public bool PartyTrack { get; set; }
    }

    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    [BindProperty(SupportsGet = true)] public Guid? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty] public List<ItemInput> Items { get; set; } = [];

    public ScorecardView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var r = await export.ToFileAsync(Unit, Year, ct);
        return r.Ok ? File(r.Value.Xlsx, Xlsx, r.Value.FileName) : StatusCode(r.Failures.Max(f => f.Status));
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } failed)
        {
            return failed;
        }
        var lines = Items.Where(i => i.Included).Select(i => new Scorecard.Line(i.Code, i.Points, i.PartyTrack)).ToList();
        var r = await scorecard.SaveAsync(View.Unit.Id, View.Year, lines, ct);
        if (r.Ok)
        {
            TempData["Flash"] = t["Common.Saved"].Value;
            return Redirect($"/figures/assessment?unit={View.Unit.Id}&year={View.Year}");
        }
        if (r.Failures.Any(f => f.Status is 403 or 404 && f.Field == "UnitId"))
        {
            return StatusCode(r.Failures.Max(f => f.Status));
        }
        this.ShowFailures(r.Failures, t, prefix: "");
        Response.StatusCode = r.Failures.Max(f => f.Status);
        return Page();
    }

    /// <summary>What the form shows for an indicator: what was typed when a save was refused, the stored item otherwise.</summary>
    public (bool Included, decimal? Points, bool PartyTrack) InputFor(string code)
    {
        if (Items.FirstOrDefault(i => i.Code == code) is { } typed)
        {
            return (typed.Included, typed.Points, typed.PartyTrack);
        }
        var item = View.Items.FirstOrDefault(i => i.Indicator.Code == code);
        return (item is not null, item?.Points, item?.PartyTrack ?? false);
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var r = await scorecard.BuildAsync(Unit, Year, ct);
        if (!r.Ok)
        {
            return r.Failures.Any(f => f.Field == "Year") ? BadRequest() : StatusCode(r.Failures.Max(f => f.Status));
        }
        View = r.Value!;
        return null;
    }
}
