using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.Assistance;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Assistance;

/// <summary>帮扶对象类别: the platform's list, added to and archived by system administrators.</summary>
[RequirePermission(Permission.CasesManage)]
public sealed class CategoriesModel(BeneficiaryCategories categories, CurrentScope scope, IStringLocalizer<SharedResource> t) : PageModel
{
    public IReadOnlyList<BeneficiaryCategory> Items { get; private set; } = [];
    public bool CanEdit => scope.IsSystemAdmin;

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? NameEn { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => Items = await categories.AllAsync(ct);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct) =>
        await After((await categories.AddAsync(Name, NameEn, ct)).Failures, ct);

    public async Task<IActionResult> OnPostArchiveAsync(Guid id, bool archived, CancellationToken ct) =>
        await After((await categories.SetArchivedAsync(id, archived, ct)).Failures, ct);

    private async Task<IActionResult> After(IReadOnlyList<Failure> failures, CancellationToken ct)
    {
        if (failures.Count == 0)
        {
            TempData["Flash"] = t["Common.Saved"].Value;
            return Redirect("/assistance/categories");
        }
        if (failures.Any(f => f.Status == 404))
        {
            return NotFound();
        }
        await OnGetAsync(ct);
        this.ShowFailures(failures, t, prefix: "");
        return Page();
    }
}
