using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain.Access;
using Qingyun.Domain.Organization;
using Qingyun.Domain.Rosters;
using Qingyun.Security;

namespace Qingyun.Features.Rosters;

[RequirePermission(Permission.PeopleRead)]
public sealed class IndexModel(BrowseMembers browse, AppDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid? UnitId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Name { get; set; }
    [BindProperty(SupportsGet = true)] public MemberStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public int? MinAge { get; set; }
    [BindProperty(SupportsGet = true)] public int? MaxAge { get; set; }
    [BindProperty(SupportsGet = true)] public int? JoinedYear { get; set; }
    [BindProperty(SupportsGet = true)] public bool? IsStudent { get; set; }
    [BindProperty(SupportsGet = true)] public UnitKind? UnitKind { get; set; }
    [BindProperty(SupportsGet = true)] public bool? DueToLeave { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? After { get; set; }

    public MemberFilter Filter => new(UnitId, Name, Status, MinAge, MaxAge, JoinedYear, IsStudent, UnitKind, DueToLeave, After);
    public MemberPage? Results { get; private set; }
    public string? UnitName { get; private set; }
    public DateOnly Today => browse.Today;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var r = await browse.ListAsync(Filter, ct);
        if (!r.Ok)
        {
            return NotFound();
        }
        Results = r.Value;
        if (UnitId is not null)
        {
            UnitName = await db.OrgUnits.Where(u => u.Id == UnitId).Select(u => u.Name).FirstOrDefaultAsync(ct);
        }
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync([FromServices] ExportMembers export, CancellationToken ct)
    {
        var r = await export.ToFileAsync(Filter, ct);
        if (!r.Ok)
        {
            return NotFound();
        }
        var stream = new FileStream(r.Value!, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.DeleteOnClose);
        return File(stream, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"团员名册-{Today:yyyyMMdd}.xlsx");
    }

    /// <summary>This list's filters as a link, for the next page or the export.</summary>
    public string Link(string? handler, Guid? after = null) => "/members" + QueryString.Create(new Dictionary<string, string?>
    {
        ["handler"] = handler, ["UnitId"] = UnitId?.ToString(), ["Name"] = Name, ["Status"] = Status?.ToString(),
        ["MinAge"] = MinAge?.ToString(System.Globalization.CultureInfo.InvariantCulture), ["MaxAge"] = MaxAge?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["JoinedYear"] = JoinedYear?.ToString(System.Globalization.CultureInfo.InvariantCulture), ["IsStudent"] = IsStudent?.ToString(),
        ["UnitKind"] = UnitKind?.ToString(), ["DueToLeave"] = DueToLeave?.ToString(), ["After"] = after?.ToString(),
    }.Where(kv => kv.Value is not null));
}
