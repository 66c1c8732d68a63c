using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qingyun.Domain.Access;
using Qingyun.Security;

namespace Qingyun.Features.Organization;

[RequirePermission(Permission.UnitsManage)]
[RequestSizeLimit(50_000_000)]
public sealed class ImportModel(ImportUnits.Handler handler, CurrentScope scope) : PageModel
{
    public ImportUnits.Outcome? Outcome { get; private set; }

    public void OnGet()
    {
    }

    public IActionResult OnGetTemplate()
    {
        var code = scope.Grants.FirstOrDefault(g => Roles.Allows(g.Role, Permission.UnitsManage))?.UnitCode ?? "ROOT";
        return File(ImportUnits.Template(code), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "组织导入模板.xlsx");
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            Outcome = new ImportUnits.Outcome(0, [new ImportUnits.RowFailure(0, new Domain.Failure("File", "Required"))]);
            Response.StatusCode = 400;
            return Page();
        }
        await using var stream = await Infrastructure.ExcelCells.ReadUploadAsync(file, ct);
        Outcome = await handler.Handle(stream, ct);
        if (!Outcome.Ok)
        {
            Response.StatusCode = Outcome.Failures.Max(f => f.Failure.Status);
        }
        return Page();
    }
}
