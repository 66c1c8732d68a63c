using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Qingyun.Domain.Access;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Building;

/// <summary>The non-public organization import page (<see cref="ImportPageModel"/>): a background job with progress.</summary>
[RequirePermission(Permission.PeopleManage)]
[RequestSizeLimit(50_000_000)]
[RequestFormLimits(MultipartBodyLengthLimit = 50_000_000)]
public sealed class ImportModel(ImportJobs jobs, CurrentScope scope, IStringLocalizer<SharedResource> t) : ImportPageModel(jobs, scope, t)
{
    protected override ImportKind Kind => ImportOrganizations.Job;

    public IActionResult OnGetTemplate()
    {
        var code = Caller.Grants.FirstOrDefault(g => Roles.Allows(g.Role, Permission.PeopleManage))?.UnitCode ?? "QY-JD01";
        return File(ImportOrganizations.Template(code), ImportKind.XlsxContentType, "两新组织导入模板.xlsx");
    }

    protected override ImportDone Done(ImportOutcome outcome) => new(T["Building.ImportDone", ((ImportOrganizations.Outcome)outcome).Created], "/building", T["Building.Title"]);
}
