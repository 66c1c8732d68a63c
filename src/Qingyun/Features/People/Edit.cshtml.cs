using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qingyun.Data;
using Qingyun.Domain.Access;
using Qingyun.Domain.People;
using Qingyun.Features.Organization;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.People;

/// <summary>
/// Edits a person. The ID number and phone are never sent back to the browser in clear: left empty,
/// they keep their stored values.
/// </summary>
[RequirePermission(Permission.PeopleManage)]
public sealed class EditModel(AppDbContext db, SavePerson.Handler handler, BrowseUnits units, SensitiveData sensitive, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public PersonForm Input { get; set; } = new();

    public Person? Person { get; private set; }
    public IReadOnlyList<UnitRow> Units { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await Load(id, ct) is { } failed)
        {
            return failed;
        }
        var p = Person!;
        Input = new PersonForm
        {
            UnitId = p.UnitId, Name = p.Name, Ethnicity = p.Ethnicity, PoliticalStatus = p.PoliticalStatus,
            Education = p.Education, Workplace = p.Workplace, Address = p.Address,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await Load(id, ct) is { } failed)
        {
            return failed;
        }
        var input = Input.ToInput();
        if (string.IsNullOrWhiteSpace(Input.IdNumber) && Person!.IdNumberCipher is not null)
        {
            input = input with { IdNumber = sensitive.Decrypt(Person.IdNumberCipher) };
        }
        if (string.IsNullOrWhiteSpace(Input.Phone) && Person!.PhoneCipher is not null)
        {
            input = input with { Phone = sensitive.Decrypt(Person.PhoneCipher) };
        }
        db.ChangeTracker.Clear();
        var r = await handler.Handle(id, input, ct);
        if (r.Ok)
        {
            TempData["Flash"] = t["Common.Saved"].Value;
            return Redirect($"/people/{id}");
        }
        if (r.Failures.Any(f => f.Field == "Id"))
        {
            return StatusCode(r.Failures.Max(f => f.Status));
        }
        this.ShowFailures(r.Failures, t);
        db.ChangeTracker.Clear();
        await Load(id, ct);
        return Page();
    }

    private async Task<IActionResult?> Load(Guid id, CancellationToken ct)
    {
        Person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (Person is null)
        {
            return NotFound();
        }
        var unit = await db.UnitForAsync(Person.UnitId, Permission.PeopleManage, "Id", ct);
        if (!unit.Ok)
        {
            return StatusCode(unit.Failures[0].Status);
        }
        Units = await units.PickAsync(null, Permission.PeopleManage, ct);
        if (Units.All(u => u.Id != Person.UnitId))
        {
            var u = unit.Value!;
            Units = [new UnitRow(u.Id, u.ParentId, u.Code, u.Name, u.Kind, u.BodyType, u.IsClosed, 0), .. Units];
        }
        return null;
    }
}
