using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Qingyun.Domain.Access;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Indicators;

/// <summary>
/// A year's targets for a unit and its child units on one indicator, beside what each has done so far: a district
/// gives each street its number; a unit may set itself a goal nobody above has set.
/// </summary>
[RequirePermission(Permission.FiguresRead)]
public sealed class TargetsModel(Dashboard dashboard, FigureReader reader, SetTargets set, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public string? Code { get; set; }
    [BindProperty] public List<SetTargets.Line> Lines { get; set; } = [];

    public DashboardView View { get; private set; } = null!;
    public FigureLine Chosen { get; private set; } = null!;
    public IReadOnlyList<(Guid Id, string Name, bool Closed, decimal? Done, decimal? Target, bool CanSet)> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } failed)
        {
            return failed;
        }
        var lines = Lines.Where(l => Rows.Any(r => r.Id == l.UnitId && r.CanSet)).Select(l => l with { Code = Chosen.Indicator.Code }).ToList();
        var r = await set.Handle(new SetTargets.Command(View.Unit.Id, View.Year, lines), ct);
        if (r.Ok)
        {
            TempData["Flash"] = t["Common.Saved"].Value;
            return Redirect($"/figures/targets?unit={View.Unit.Id}&year={View.Year}&code={Chosen.Indicator.Code}");
        }
        if (r.Failures.Any(f => f.Status is 403 or 404))
        {
            return StatusCode(r.Failures.Max(f => f.Status));
        }
        this.ShowFailures(r.Failures, t, prefix: "");
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var r = await dashboard.BuildAsync(Unit, Year, ct);
        if (!r.Ok)
        {
            return r.Failures.Any(f => f.Field == "Year") ? BadRequest() : NotFound();
        }
        View = r.Value!;
        Chosen = View.Lines.FirstOrDefault(l => l.Indicator.Code == Code)
            ?? View.Lines.First(l => l.Indicator.Code == Catalogue.ServiceHours);
        var targets = await reader.TargetsAsync([View.Unit.Id, .. View.Children.Select(c => c.Id)], View.Year, ct);
        var code = Chosen.Indicator.Code;
        decimal? TargetOf(Guid id) => targets.TryGetValue((id, code), out var x) ? Chosen.Indicator.Display(x.Value) : null;
        Rows = [(View.Unit.Id, View.Unit.Name, View.Unit.IsClosed, Chosen.Value, TargetOf(View.Unit.Id), set.MaySet(View.Unit, targets.GetValueOrDefault((View.Unit.Id, code)))),
            .. View.Children.Select(c => (c.Id, c.Name, c.Closed, c.Values.GetValueOrDefault(code), TargetOf(c.Id),
                !c.Closed && set.MaySet(c.Unit, targets.GetValueOrDefault((c.Id, code)))))];
        return null;
    }
}
