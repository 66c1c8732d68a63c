using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain.Access;
using Qingyun.Domain.SocialOrgs;
using Qingyun.Infrastructure;
using Qingyun.Security;

namespace Qingyun.Features.SocialOrgs;

/// <summary>The registry of a unit's subtree: the figures at the top, filters, pending reviews first, export.</summary>
[RequirePermission(Permission.SocialOrgsRead)]
public sealed class IndexModel(BrowseSocialOrgs browse, AppDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid? UnitId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Name { get; set; }
    [BindProperty(SupportsGet = true)] public OrgField? Field { get; set; }
    [BindProperty(SupportsGet = true)] public LegalStatus? LegalStatus { get; set; }
    [BindProperty(SupportsGet = true)] public OrgReviewStatus? ReviewStatus { get; set; }
    [BindProperty(SupportsGet = true)] public IncubationStage? Stage { get; set; }
    [BindProperty(SupportsGet = true)] public bool? HasLeagueBranch { get; set; }
    [BindProperty(SupportsGet = true)] public bool? PartnerNow { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public SocialOrgFilter Filter => new(UnitId, Name, Field, LegalStatus, ReviewStatus, Stage, HasLeagueBranch, PartnerNow, PageNumber);
    public SocialOrgPage? Results { get; private set; }
    public string? UnitName { get; private set; }
    public bool CanManage { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        UnitId ??= BrowseSocialOrgs.DefaultUnit(db);
        var r = await browse.ListAsync(Filter, ct);
        if (!r.Ok)
        {
            return NotFound();
        }
        Results = r.Value;
        UnitName = UnitId is null ? null : await db.OrgUnits.Where(u => u.Id == UnitId).Select(u => u.Name).FirstOrDefaultAsync(ct);
        CanManage = db.Scope.Has(Permission.SocialOrgsManage);
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync([FromServices] ExportSocialOrgs export, CancellationToken ct)
    {
        UnitId ??= BrowseSocialOrgs.DefaultUnit(db);
        var r = await export.ToFileAsync(Filter, ct);
        if (!r.Ok)
        {
            return NotFound();
        }
        var stream = new FileStream(r.Value!, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.DeleteOnClose);
        return File(stream, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"青年社会组织-{clock.ChinaToday():yyyyMMdd}.xlsx");
    }

    /// <summary>This page's filters as a link: another page, the export, or a count's own filter (<paramref name="clear"/>).</summary>
    public string Link(string? handler = null, int? page = null, bool clear = false, (string Key, string Value)? extra = null)
    {
        var q = new Dictionary<string, string?>
        {
            ["handler"] = handler, ["UnitId"] = UnitId?.ToString(),
            ["Name"] = clear ? null : Name, ["Field"] = clear ? null : Field?.ToString(), ["LegalStatus"] = clear ? null : LegalStatus?.ToString(),
            ["ReviewStatus"] = clear ? null : ReviewStatus?.ToString(), ["Stage"] = clear ? null : Stage?.ToString(),
            ["HasLeagueBranch"] = clear ? null : HasLeagueBranch?.ToString(), ["PartnerNow"] = clear ? null : PartnerNow?.ToString(),
            ["p"] = page?.ToString(CultureInfo.InvariantCulture),
        };
        if (extra is { } e)
        {
            q[e.Key] = e.Value;
        }
        return "/social-orgs" + QueryString.Create(q.Where(kv => kv.Value is not null));
    }
}
