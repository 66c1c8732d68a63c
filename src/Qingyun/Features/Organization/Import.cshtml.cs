using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Qingyun.Domain.Access;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Organization;

/// <summary>The unit import page (<see cref="ImportPageModel"/>): a tree of units as a background job with progress.</summary>
[RequirePermission(Permission.UnitsManage)]
[RequestSizeLimit(50_000_000)]
[RequestFormLimits(MultipartBodyLengthLimit = 50_000_000)]
public sealed class ImportModel(ImportJobs jobs, CurrentScope scope, IStringLocalizer<SharedResource> t) : ImportPageModel(jobs, scope, t)
{
    protected override ImportKind Kind => ImportUnits.Job;

    public IActionResult OnGetTemplate()
    {
        var code = Caller.Grants.FirstOrDefault(g => Roles.Allows(g.Role, Permission.UnitsManage))?.UnitCode ?? "ROOT";
        return File(ImportUnits.Template(code), ImportKind.XlsxContentType, "组织导入模板.xlsx");
    }

    protected override ImportDone Done(ImportOutcome outcome) => new(T["Import.Done", ((ImportUnits.Outcome)outcome).Created]);
}
