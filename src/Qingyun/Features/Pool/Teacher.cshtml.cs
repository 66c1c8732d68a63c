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

/// <summary>One teacher of the pool: edit (the phone shown masked only; blank keeps it) or archive.</summary>
[RequirePermission(Permission.ServiceRead)]
public sealed class TeacherModel(AppDbContext db, PoolDesk desk, IStringLocalizer<SharedResource> t) : PageModel
{
    public Domain.Hubs.Teacher? Current { get; private set; }
    public string UnitName { get; private set; } = "";
    public bool CanManage { get; private set; }

    [BindProperty] public IndexModel.TeacherForm Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Current = await db.Teachers.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (Current is null)
        {
            return NotFound();
        }
        var unit = await db.OrgUnits.AsNoTracking().FirstAsync(u => u.Id == Current.UnitId, ct);
        UnitName = unit.Name;
        CanManage = Current.ArchivedAt is null && db.Scope.Covers(unit.Path, Permission.ServiceManage);
        if (Request.Method == "GET")
        {
            Input = new IndexModel.TeacherForm { Name = Current.Name, Source = Current.Source, Institution = Current.Institution, Expertise = Current.Expertise };
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct) =>
        await Done(id, (await desk.EditTeacherAsync(id, Input.ToCommand(), ct)).Failures, ct);

    public async Task<IActionResult> OnPostArchiveAsync(Guid id, CancellationToken ct) =>
        await Done(id, (await desk.ArchiveTeacherAsync(id, ct)).Failures, ct);

    private async Task<IActionResult> Done(Guid id, IReadOnlyList<Failure> failures, CancellationToken ct)
    {
        if (failures.Count == 0)
        {
            TempData["Flash"] = t["Common.Saved"].Value;
            return Redirect($"/hubs/pool/teachers/{id}");
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
