using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Pool;

/// <summary>One topic of the pool: edit or archive; the teacher is chosen from the unit's and its ancestors' pools.</summary>
[RequirePermission(Permission.ServiceRead)]
public sealed class TopicModel(AppDbContext db, PoolDesk desk, IStringLocalizer<SharedResource> t) : PageModel
{
    public Domain.Hubs.Topic? Current { get; private set; }
    public string UnitName { get; private set; } = "";
    public bool CanManage { get; private set; }
    public PoolChoices? Choices { get; private set; }
    public Dictionary<Guid, string> Categories { get; private set; } = [];

    [BindProperty] public IndexModel.TopicForm Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Current = await db.Topics.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (Current is null)
        {
            return NotFound();
        }
        var unit = await db.OrgUnits.AsNoTracking().FirstAsync(u => u.Id == Current.UnitId, ct);
        UnitName = unit.Name;
        CanManage = Current.ArchivedAt is null && db.Scope.Covers(unit.Path, Permission.ServiceManage);
        Choices = await PoolChoices.ForUnitAsync(db, Current.UnitId, ct);
        Categories = await db.ActivityCategories.AsNoTracking().Where(c => c.ArchivedAt == null).OrderBy(c => c.SortOrder)
            .ToDictionaryAsync(c => c.Id, c => System.Globalization.CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.Ordinal) ? c.NameEn : c.Name, ct);
        if (Request.Method == "GET")
        {
            Input = new IndexModel.TopicForm
            {
                Title = Current.Title, Description = Current.Description, DurationMinutes = Current.DurationMinutes, CategoryId = Current.CategoryId, TeacherId = Current.TeacherId,
            };
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct) =>
        await Done(id, (await desk.EditTopicAsync(id, Input.ToCommand(), ct)).Failures, ct);

    public async Task<IActionResult> OnPostArchiveAsync(Guid id, CancellationToken ct) =>
        await Done(id, (await desk.ArchiveTopicAsync(id, ct)).Failures, ct);

    private async Task<IActionResult> Done(Guid id, IReadOnlyList<Failure> failures, CancellationToken ct)
    {
        if (failures.Count == 0)
        {
            TempData["Flash"] = t["Common.Saved"].Value;
            return Redirect($"/hubs/pool/topics/{id}");
        }
        if (this.Denied(failures) is { } denied)
        {
            return denied;
        }
        if (await OnGetAsync(id, ct) is not PageResult)
        {
            return NotFound();
        }
        this.ShowFailures(failures, t);
        return Page();
    }
}
