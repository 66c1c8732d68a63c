using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Qingyun.Domain.Access;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Rosters;

/// <summary>The member import page (<see cref="ImportPageModel"/>): a district's roster as a background job with progress.</summary>
[RequirePermission(Permission.PeopleManage)]
[RequestSizeLimit(100_000_000)]
[RequestFormLimits(MultipartBodyLengthLimit = 100_000_000)]
public sealed class ImportModel(ImportJobs jobs, CurrentScope scope, IStringLocalizer<SharedResource> t) : ImportPageModel(jobs, scope, t)
{
    protected override ImportKind Kind => ImportMembers.Job;

    public IActionResult OnGetTemplate()
    {
        var code = Caller.Grants.FirstOrDefault(g => Roles.Allows(g.Role, Permission.PeopleManage))?.UnitCode ?? "QY-JD01-SQ01";
        return File(ImportMembers.Template(code), ImportKind.XlsxContentType, "团员导入模板.xlsx");
    }

    protected override ImportDone Done(ImportOutcome outcome)
    {
        var o = (ImportMembers.Outcome)outcome;
        return new(T["Members.ImportDone", o.Created + o.Attached, o.Attached], "/members", T["Members.Title"]);
    }
}
