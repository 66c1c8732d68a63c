using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Qingyun.Data;
using Qingyun.Domain.Access;
using Qingyun.Domain.Assistance;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Assistance;

/// <summary>受理: takes a beneficiary in — needs, consent, categories — and makes the caller the case owner.</summary>
[RequirePermission(Permission.PeopleManage)]
public sealed class NewModel(AppDbContext db, CaseDesk desk, Organization.BrowseUnits units, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed class IntakeForm
    {
        public Guid? UnitId { get; set; }
        public string? Name { get; set; }
        public string? IdNumber { get; set; }
        public string? Phone { get; set; }
        public string? Address { get; set; }
        public AssistanceProgramme? Programme { get; set; }
        public List<string> Categories { get; set; } = [];
        public List<CaseNeeds> Needs { get; set; } = [];
        public string? NeedsNote { get; set; }
        public DateOnly? IntakeOn { get; set; }
        public string? IntakeNote { get; set; }
        public DateOnly? ConsentOn { get; set; }
        public string? ConsentBy { get; set; }
        public string? ConsentRelation { get; set; }
    }

    [BindProperty] public IntakeForm Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? UnitQ { get; set; }
    public IReadOnlyList<Organization.UnitRow> Units { get; private set; } = [];
    public Dictionary<string, string> CategoryNames { get; private set; } = [];

    public async Task OnGetAsync(Guid? unitId, CancellationToken ct)
    {
        Input.UnitId ??= unitId;
        Input.IntakeOn ??= clock.ChinaToday();
        Input.ConsentOn ??= clock.ChinaToday();
        Input.Programme ??= AssistanceProgramme.SunshineHand;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var i = Input;
        var r = await desk.IntakeAsync(new CaseDesk.IntakeCommand(i.UnitId, null, i.Name, i.IdNumber, i.Phone, i.Address, i.Programme, i.Categories,
            i.Needs.Aggregate(CaseNeeds.None, (a, n) => a | n), i.NeedsNote, i.IntakeOn, i.IntakeNote, i.ConsentOn, i.ConsentBy, i.ConsentRelation), ct);
        if (r.Ok)
        {
            TempData["Flash"] = t["Assistance.Opened"].Value;
            return Redirect($"/assistance/{r.Value!.Id}");
        }
        await LoadAsync(ct);
        this.ShowFailures(r.Failures, t);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Units = await units.PickWithAsync(UnitQ, Permission.PeopleManage, Input.UnitId, ct);
        CategoryNames = await IndexModel.CategoryNamesAsync(db, ct);
        var archived = db.BeneficiaryCategories.Where(c => c.ArchivedAt != null).Select(c => c.Code).ToHashSet();
        CategoryNames = CategoryNames.Where(kv => !archived.Contains(kv.Key)).ToDictionary();
    }
}
