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
/// 服务计划书 of a case: its plans by period, the chosen plan's goals, visit schedule and progress, the form to
/// write or change it (owner or administrator), submission, approval or return (administrators over the
/// unit), goals marked achieved, and the printable PDF. The case is opened through <see cref="CaseReader"/>.
/// </summary>
[Authorize]
public sealed class PlanModel(PlanDesk desk, PlanPdf pdf, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed class GoalRow
    {
        public string? Text { get; set; }
        public DateOnly? TargetOn { get; set; }
    }

    public const int BlankGoalRows = 2;

    public DateOnly Today => clock.ChinaToday();

    public PlanDesk.CasePlans? Data { get; private set; }
    public PlanDesk.PlanRow? Current { get; private set; }

    /// <summary>Showing the form: a new plan (no <see cref="PlanId"/>) or the current one.</summary>
    public bool Editing { get; private set; }

    [BindProperty(SupportsGet = true)] public Guid? PlanId { get; set; }
    [BindProperty(SupportsGet = true)] public bool Edit { get; set; }
    [BindProperty(SupportsGet = true)] public bool New { get; set; }

    [BindProperty] public DateOnly? StartsOn { get; set; }
    [BindProperty] public DateOnly? EndsOn { get; set; }
    [BindProperty] public int? VisitsPlanned { get; set; }
    [BindProperty] public List<GoalRow> Goals { get; set; } = [];
    [BindProperty] public string? Resources { get; set; }
    [BindProperty] public string? Measures { get; set; }

    /// <summary>The due dates the form's period and visits give, shown before saving.</summary>
    public IReadOnlyList<DateOnly> Preview { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var r = await desk.ListAsync(id, ct);
        if (!r.Ok)
        {
            return StatusCode(r.Failures.Max(f => f.Status));
        }
        Data = r.Value!;
        Current = PlanId is { } pid ? Data.Plans.FirstOrDefault(p => p.Plan.Id == pid) : New ? null : (Data.Plans.Count > 0 ? Data.Plans[0] : null);
        if (PlanId is not null && Current is null)
        {
            return NotFound();
        }
        Editing = Data.View.CanEdit && (New || Edit || Data.Plans.Count == 0) && Data.View.Case.Status != CaseStatus.Closed;
        if (New)
        {
            Current = null;
        }
        if (Editing && Request.Method == "GET")
        {
            Fill();
        }
        Preview = PreviewOf();
        return Page();
    }

    /// <summary>Fills the form from the current plan, or for a new plan the year after the last one (or this year).</summary>
    private void Fill()
    {
        if (Current is { Plan: var p })
        {
            StartsOn = p.StartsOn;
            EndsOn = p.EndsOn;
            VisitsPlanned = p.VisitsPlanned;
            Goals = p.Goals.Select(g => new GoalRow { Text = g.Text, TargetOn = g.TargetOn }).ToList();
            Resources = p.Resources;
            Measures = p.Measures;
        }
        else
        {
            var last = Data!.Plans.Count > 0 ? Data.Plans[0].Plan : null;
            var start = last is null ? new DateOnly(clock.ChinaToday().Year, 1, 1) : last.EndsOn.AddDays(1);
            StartsOn = start;
            EndsOn = start.AddYears(1).AddDays(-1);
            VisitsPlanned = 12;
        }
        for (var i = 0; i < BlankGoalRows; i++)
        {
            Goals.Add(new GoalRow());
        }
    }

    private IReadOnlyList<DateOnly> PreviewOf()
    {
        if (StartsOn is not { } s || EndsOn is not { } e || VisitsPlanned is not { } n || e <= s || n < 1 || n > CasePlan.MaxVisits || e.DayNumber - s.DayNumber + 1 < n)
        {
            return Current is { Plan: var p } ? PlanDesk.Schedule(p) : [];
        }
        return PlanDesk.Schedule(new CasePlan { StartsOn = s, EndsOn = e, VisitsPlanned = n });
    }

    public async Task<IActionResult> OnGetPdfAsync(Guid id, CancellationToken ct)
    {
        if (PlanId is not { } planId)
        {
            return NotFound();
        }
        var r = await pdf.RenderAsync(id, planId, ct);
        return r.Ok ? File(r.Value.Pdf, "application/pdf", r.Value.FileName) : StatusCode(r.Failures.Max(f => f.Status));
    }

    public async Task<IActionResult> OnPostSaveAsync(Guid id, CancellationToken ct)
    {
        var input = new PlanDesk.PlanInput(StartsOn, EndsOn, VisitsPlanned, Goals.Select(g => new PlanDesk.GoalInput(g.Text, g.TargetOn)).ToList(), Resources, Measures);
        var r = PlanId is { } planId ? await desk.UpdateAsync(id, planId, input, ct) : await desk.CreateAsync(id, input, ct);
        if (r.Ok)
        {
            TempData["Flash"] = r.Value!.State == PlanState.Draft && PlanId is not null ? t["CasePlan.SavedAsDraft"].Value : t["Common.Saved"].Value;
            return Redirect($"/assistance/{id}/plan?planId={r.Value.Id}");
        }
        return await Refused(id, r.Failures, editing: true, ct);
    }

    public Task<IActionResult> OnPostSubmitAsync(Guid id, CancellationToken ct) =>
        Step(id, planId => desk.SubmitAsync(id, planId, ct), "CasePlan.Submitted", ct);

    public Task<IActionResult> OnPostApproveAsync(Guid id, CancellationToken ct) =>
        Step(id, planId => desk.DecideAsync(id, planId, true, null, ct), "CasePlan.Approved", ct);

    public Task<IActionResult> OnPostReturnAsync(Guid id, string? note, CancellationToken ct) =>
        Step(id, planId => desk.DecideAsync(id, planId, false, note, ct), "CasePlan.Returned", ct);

    public Task<IActionResult> OnPostGoalAsync(Guid id, int goal, DateOnly? achievedOn, bool clear, CancellationToken ct) =>
        Step(id, planId => clear || achievedOn is not null ? desk.AchieveAsync(id, planId, goal, clear ? null : achievedOn, ct)
            : Task.FromResult(Result<CasePlan>.Fail(Failure.Required("AchievedOn"))), "Common.Saved", ct);

    private async Task<IActionResult> Step(Guid id, Func<Guid, Task<Result<CasePlan>>> step, string done, CancellationToken ct)
    {
        if (PlanId is not { } planId)
        {
            return NotFound();
        }
        var r = await step(planId);
        if (r.Ok)
        {
            TempData["Flash"] = t[done].Value;
            return Redirect($"/assistance/{id}/plan?planId={planId}");
        }
        return await Refused(id, r.Failures, editing: false, ct);
    }

    /// <summary>The page again with the failures on it and the API's status; a case or plan not visible is a bare 404.</summary>
    private async Task<IActionResult> Refused(Guid id, IReadOnlyList<Failure> failures, bool editing, CancellationToken ct)
    {
        if (failures.Any(f => f.Status == 404))
        {
            return NotFound();
        }
        Edit = editing && PlanId is not null;
        New = editing && PlanId is null;
        var page = await OnGetAsync(id, ct);
        if (page is not PageResult)
        {
            return page;
        }
        Editing = editing && Data!.View.CanEdit;
        this.ShowFailures(failures, t, prefix: "");
        return Page();
    }
}
