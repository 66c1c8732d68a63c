using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Qingyun.Security;
using Qingyun.Data;
using Qingyun.Domain.Volunteering;
using Qingyun.Features.Volunteering;
using Qingyun.Infrastructure;
using Qingyun.Resources;

namespace Qingyun.Features.Serve;

/// <summary>我的志愿服务: the volunteer's phone home — number, stars, hours, personal code, places, notices.</summary>
[Authorize]
public sealed class IndexModel(AppDbContext db, MyService mine, SignUps signUps, StarLevels stars, CheckInCodes codes, IStringLocalizer<SharedResource> t) : PageModel
{
    public Volunteer? Volunteer { get; private set; }
    public string Name { get; private set; } = "";
    public bool HasPerson { get; private set; }
    public IReadOnlyList<MyService.Place> Places { get; private set; } = [];
    public IReadOnlyList<Notices.Notices.NoticeView> Notices { get; private set; } = [];
    public decimal? HoursToNext { get; private set; }
    public string PersonalQr { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken ct)
    {
        Volunteer = await VolunteerDirectory.OwnAsync(db, ct);
        if (Volunteer is null)
        {
            HasPerson = await db.OwnPersonIdAsync(ct) is not null;
            return;
        }
        Name = (await VolunteerDirectory.CardsAsync(db, [Volunteer.Id], ct))[Volunteer.Id].Name;
        Places = await mine.PlacesAsync(Volunteer.Id, upcomingOnly: true, ct);
        Notices = await Qingyun.Features.Notices.Notices.ForPersonAsync(db, Volunteer.PersonId, 10, ct);
        HoursToNext = stars.HoursToNext(Volunteer.ConfirmedMinutes);
        PersonalQr = CheckInCodes.Svg($"{Request.Scheme}://{Request.Host}/volunteering/scan/{codes.PersonalToken(Volunteer.Id)}");
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid signUpId, CancellationToken ct)
    {
        var r = await signUps.CancelOwnAsync(signUpId, ct);
        if (r.Ok)
        {
            TempData["Flash"] = t["Serve.Cancelled"].Value;
            return Redirect("/serve");
        }
        await OnGetAsync(ct);
        this.ShowFailures(r.Failures, t, prefix: "");
        return Page();
    }
}
