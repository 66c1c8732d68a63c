using System.Net;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain.Access;
using Qingyun.Domain.People;
using Qingyun.Security;

namespace Qingyun.Features.People;

[RequirePermission(Permission.PeopleRead)]
public sealed class DetailsModel(BrowsePeople browse, AppDbContext db, TimeProvider clock) : PageModel
{
    public Person? Person { get; private set; }
    public string? UnitName { get; private set; }
    public int Age { get; private set; }
    public bool CanManage { get; private set; }
    public bool CanReveal { get; private set; }

    /// <summary>1+100: the person's cadres and last contacts, as far as the viewer reads them.</summary>
    public Direct.YouthCadres.View? Direct { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var r = await browse.GetAsync(id, ct);
        if (!r.Ok)
        {
            return NotFound();
        }
        Person = r.Value!;
        var unit = await db.OrgUnits.Where(u => u.Id == Person.UnitId).Select(u => new { u.Name, u.Path }).FirstAsync(ct);
        UnitName = unit.Name;
        CanManage = db.Scope.Covers(unit.Path, Permission.PeopleManage);
        CanReveal = db.Scope.Covers(unit.Path, Permission.SensitiveReveal);
        Age = Person.AgeOn(Infrastructure.Localization.ChinaToday(clock));
        Direct = await Features.Direct.YouthCadres.OfAsync(db, id, scoped: true, take: 5, ct);
        return Page();
    }

    /// <summary>htmx swaps the masked value for the full one; the handler audits the reveal.</summary>
    public async Task<IActionResult> OnPostRevealAsync(Guid id, string? field, [FromServices] RevealSensitive.Handler handler, CancellationToken ct)
    {
        var r = await handler.Handle(id, field, ct);
        if (!r.Ok)
        {
            return StatusCode(r.Failures.Max(f => f.Status));
        }
        return Content(WebUtility.HtmlEncode(r.Value!), "text/html; charset=utf-8");
    }
}
