using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.Volunteering;
using Qingyun.Features.Certificates;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Recognition;

/// <summary>志愿者激励: commendations in scope, recording one, and five-star nominations; links to the yearly list and the benefits.</summary>
[RequirePermission(Permission.ServiceRead)]
public sealed class IndexModel(BrowseRecognition browse, AppDbContext db, StarLevels stars, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid? UnitId { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? After { get; set; }

    [BindProperty] public string? VolunteerNumber { get; set; }
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public DateOnly? AwardedOn { get; set; }
    [BindProperty] public string? Note { get; set; }

    public CommendationPage? Results { get; private set; }
    public IReadOnlyList<(Guid Id, string Name)> Units { get; private set; } = [];
    public int FiveStarHours => stars.Hours[^1];
    public DateOnly Today => browse.Today;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var r = await browse.CommendationsAsync(UnitId, After, ct);
        if (!r.Ok)
        {
            return NotFound();
        }
        Results = r.Value;
        Units = await ServiceUnits.ManagedAsync(db, UnitId, ct);
        AwardedOn ??= Today;
        return Page();
    }

    public async Task<IActionResult> OnPostCommendAsync([FromServices] RecordCommendation.Handler handler, CancellationToken ct)
    {
        var r = await handler.Handle(new RecordCommendation.Command(UnitId, VolunteerNumber, Title, AwardedOn, Note), ct);
        return r.Ok ? Done(t["Recognition.Commended"].Value) : await Show(r.Failures, ct);
    }

    public async Task<IActionResult> OnPostNominateAsync([FromServices] FiveStar fiveStar, CancellationToken ct)
    {
        var r = await fiveStar.NominateAsync(new FiveStar.NominateCommand(UnitId, VolunteerNumber), ct);
        return r.Ok ? Done(t["Recognition.Nominated", r.Value!.Number, r.Value.Stars].Value) : await Show(r.Failures, ct);
    }

    public async Task<IActionResult> OnPostWithdrawAsync([FromServices] FiveStar fiveStar, CancellationToken ct)
    {
        var r = await fiveStar.WithdrawAsync(VolunteerNumber, ct);
        return r.Ok ? Done(t["Recognition.Withdrawn", r.Value!.Number, r.Value.Stars].Value) : await Show(r.Failures, ct);
    }

    private RedirectResult Done(string flash)
    {
        TempData["Flash"] = flash;
        return Redirect("/recognition" + (UnitId is null ? "" : $"?unitId={UnitId}"));
    }

    private async Task<IActionResult> Show(IReadOnlyList<Failure> failures, CancellationToken ct)
    {
        var saved = UnitId;
        var page = await OnGetAsync(ct);
        if (page is not PageResult)
        {
            UnitId = null;
            page = await OnGetAsync(ct);
            UnitId = saved;
        }
        this.ShowFailures(failures, t, prefix: "");
        return page;
    }

    public string Link(Guid? after) => "/recognition" + QueryString.Create(new Dictionary<string, string?>
    {
        ["UnitId"] = UnitId?.ToString(), ["After"] = after?.ToString(),
    }.Where(kv => kv.Value is not null));
}
