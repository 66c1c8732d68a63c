using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Qingyun.Domain.Access;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Cadres;

/// <summary>The cadre import page (<see cref="ImportPageModel"/>): a district's cadre teams as a background job with progress.</summary>
[RequirePermission(Permission.PeopleManage)]
[RequestSizeLimit(20_000_000)]
[RequestFormLimits(MultipartBodyLengthLimit = 20_000_000)]
public sealed class ImportModel(ImportJobs jobs, CurrentScope scope, IStringLocalizer<SharedResource> t) : ImportPageModel(jobs, scope, t)
{
    protected override ImportKind Kind => ImportCadres.Job;

    public IActionResult OnGetTemplate()
    {
        var code = Caller.Grants.FirstOrDefault(g => Roles.Allows(g.Role, Permission.PeopleManage))?.UnitCode ?? "QY-JD01-SQ01";
        return File(ImportCadres.Template(code), ImportKind.XlsxContentType, "团干部导入模板.xlsx");
    }

    protected override ImportDone Done(ImportOutcome outcome)
    {
        var o = (ImportCadres.Outcome)outcome;
        return new(T["Cadres.ImportDone", o.Terms, o.NewPeople], "/cadres", T["Cadres.Title"]);
    }
}
