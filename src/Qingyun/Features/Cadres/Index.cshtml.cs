using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain.Access;
using Qingyun.Domain.Cadres;
using Qingyun.Security;

namespace Qingyun.Features.Cadres;

[RequirePermission(Permission.PeopleRead)]
public sealed class IndexModel(BrowseCadres browse, AppDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid? UnitId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Name { get; set; }
    [BindProperty(SupportsGet = true)] public CadrePost? Post { get; set; }
    [BindProperty(SupportsGet = true)] public CadreKind? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public bool? Overdue { get; set; }
    [BindProperty(SupportsGet = true)] public bool? Vacant { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? After { get; set; }

    public CadreFilter Filter => new(UnitId, Name, Post, Kind, Overdue, After);
    public CadrePage? Results { get; private set; }
    public VacancyPage? Vacancies { get; private set; }
    public int VacantCount { get; private set; }
    public int OverdueCount { get; private set; }
    public string? UnitName { get; private set; }
    public DateOnly Today => browse.Today;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Vacant == true)
        {
            var v = await browse.VacanciesAsync(UnitId, After, ct);
            if (!v.Ok)
            {
                return NotFound();
            }
            Vacancies = v.Value;
        }
        else
        {
            var r = await browse.ListAsync(Filter, ct);
            if (!r.Ok)
            {
                return NotFound();
            }
            Results = r.Value;
        }
        VacantCount = await browse.CountVacantAsync(UnitId, ct);
        OverdueCount = await browse.CountOverdueAsync(UnitId, ct);
        if (UnitId is not null)
        {
            UnitName = await db.OrgUnits.Where(u => u.Id == UnitId).Select(u => u.Name).FirstOrDefaultAsync(ct);
        }
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync([FromServices] ExportCadres export, CancellationToken ct)
    {
        var r = await export.ToFileAsync(Filter, ct);
        if (!r.Ok)
        {
            return NotFound();
        }
        var stream = new FileStream(r.Value!, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.DeleteOnClose);
        return File(stream, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"团干部名册-{Today:yyyyMMdd}.xlsx");
    }

    /// <summary>This list's filters as a link, for the next page, the export or a switch of view.</summary>
    public string Link(string? handler = null, Guid? after = null, bool? vacant = null, bool? overdue = null) => "/cadres" + QueryString.Create(new Dictionary<string, string?>
    {
        ["handler"] = handler, ["UnitId"] = UnitId?.ToString(), ["Name"] = Name, ["Post"] = Post?.ToString(), ["Kind"] = Kind?.ToString(),
        ["Overdue"] = (overdue ?? Overdue)?.ToString(), ["Vacant"] = (vacant ?? Vacant)?.ToString(), ["After"] = after?.ToString(),
    }.Where(kv => kv.Value is not null));
}
