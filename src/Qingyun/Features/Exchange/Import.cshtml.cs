using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Security;

namespace Qingyun.Features.Exchange;

/// <summary>/exchange/import: service records from another platform, checked whole, added once.</summary>
[RequirePermission(Permission.ServiceManage)]
[RequestSizeLimit(ImportRecords.MaxBytes + 1_000_000)]
public sealed class ImportModel(ImportRecords.Handler handler, CurrentScope scope) : PageModel
{
    public ImportRecords.Outcome? Outcome { get; private set; }

    public void OnGet()
    {
    }

    public IActionResult OnGetTemplate()
    {
        var code = scope.Grants.FirstOrDefault(g => Roles.Allows(g.Role, Permission.ServiceManage))?.UnitCode ?? "QY-JD01-SQ01";
        return File(ImportRecords.Template(code), "text/csv; charset=utf-8", "志愿服务记录导入模板.csv");
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            Outcome = new ImportRecords.Outcome(0, 0, 0, [new ImportRecords.RowFailure(0, Failure.Required("File"))]);
        }
        else if (file.Length > ImportRecords.MaxBytes)
        {
            Outcome = new ImportRecords.Outcome(0, 0, 0, [new ImportRecords.RowFailure(0, new Failure("File", "FileTooLarge", 400, ImportRecords.MaxBytes / 1_000_000))]);
        }
        else
        {
            await using var stream = file.OpenReadStream();
            Outcome = await handler.Handle(stream, file.FileName, ct);
        }
        Response.StatusCode = Outcome.Status;
        return Page();
    }
}
