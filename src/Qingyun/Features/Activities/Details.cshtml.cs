using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.Activities;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Activities;

/// <summary>
/// One youth activity for its organizer, on a phone on site as on a desktop: publish or cancel, the code to
/// scan, the attendance list to tick or the headcount, person-times, then the report and photos.
/// </summary>
[RequirePermission(Permission.ServiceRead)]
[RequestSizeLimit(6_000_000)]
public sealed class DetailsModel(AppDbContext db, YouthActivityDesk desk, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    public DateTimeOffset Now => clock.GetUtcNow();
    public Activity? Activity { get; private set; }
    public string UnitName { get; private set; } = "";
    public string? CategoryName { get; private set; }
    public bool CanManage { get; private set; }
    public List<Roster.Line> Roster { get; private set; } = [];
    public List<(Guid Id, string? Caption)> Photos { get; private set; } = [];
    public int Present => Roster.Count(r => r.Present);
    public int PersonTimes => Present + (Activity?.Headcount ?? 0);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Activity = await db.Activities.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id && a.Kind == ActivityKind.Youth, ct);
        if (Activity is null)
        {
            return NotFound();
        }
        var unit = await db.OrgUnits.AsNoTracking().FirstAsync(u => u.Id == Activity.UnitId, ct);
        UnitName = unit.Name;
        CanManage = db.Scope.Covers(unit.Path, Permission.ServiceManage);
        var zh = System.Globalization.CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal);
        CategoryName = Activity.CategoryId is { } c
            ? await db.ActivityCategories.Where(x => x.Id == c).Select(x => zh ? x.Name : x.NameEn).FirstOrDefaultAsync(ct) : null;
        Roster = await Activities.Roster.OfAsync(db, id, ct);
        Photos = (await db.ActivityPhotos.AsNoTracking().Where(p => p.ActivityId == id).OrderBy(p => p.UploadedAt)
            .Select(p => new { p.Id, p.Caption }).ToListAsync(ct)).Select(p => (p.Id, p.Caption)).ToList();
        return Page();
    }

    public async Task<IActionResult> OnGetPhotoAsync(Guid id, Guid photoId, CancellationToken ct)
    {
        var photo = await db.ActivityPhotos.AsNoTracking().FirstOrDefaultAsync(p => p.Id == photoId && p.ActivityId == id, ct);
        return photo is null ? NotFound() : File(photo.Content, photo.ContentType);
    }

    public Task<IActionResult> OnPostPublishAsync(Guid id, CancellationToken ct) => Done(id, desk.PublishAsync(id, ct), ct);

    public Task<IActionResult> OnPostCancelAsync(Guid id, string? reason, CancellationToken ct) => Done(id, desk.CancelAsync(id, reason, ct), ct);

    public Task<IActionResult> OnPostMarkAsync(Guid id, Guid personId, bool present, CancellationToken ct) => Done(id, desk.MarkAsync(id, personId, present, ct), ct);

    public Task<IActionResult> OnPostHeadcountAsync(Guid id, int? headcount, CancellationToken ct) => Done(id, desk.SetHeadcountAsync(id, headcount, ct), ct);

    public Task<IActionResult> OnPostReportAsync(Guid id, string? report, CancellationToken ct) => Done(id, desk.ReportAsync(id, report, ct), ct);

    public async Task<IActionResult> OnPostPhotoAsync(Guid id, IFormFile? photo, string? caption, CancellationToken ct)
    {
        byte[] bytes = [];
        if (photo is { Length: > 0 and <= Domain.Hubs.ActivityPhoto.MaxBytes })
        {
            using var buffer = new MemoryStream();
            await photo.CopyToAsync(buffer, ct);
            bytes = buffer.ToArray();
        }
        else if (photo is { Length: > Domain.Hubs.ActivityPhoto.MaxBytes })
        {
            return await Done(id, Task.FromResult(Result<Domain.Hubs.ActivityPhoto>.Fail(new Failure("Photo", "FileTooLarge", 400, Domain.Hubs.ActivityPhoto.MaxBytes / 1024 / 1024))), ct);
        }
        return await Done(id, desk.AddPhotoAsync(id, photo?.ContentType, bytes, caption, ct), ct);
    }

    private async Task<IActionResult> Done<T>(Guid id, Task<Result<T>> work, CancellationToken ct)
    {
        var r = await work;
        if (r.Ok)
        {
            TempData["Flash"] = t["Common.Saved"].Value;
            return Redirect($"/activities/{id}");
        }
        if (r.Failures.Any(f => f.Status == 404))
        {
            return NotFound();
        }
        if (r.Failures.Any(f => f.Status == 403))
        {
            return Forbid();
        }
        var page = await OnGetAsync(id, ct);
        if (page is not PageResult)
        {
            return page;
        }
        this.ShowFailures(r.Failures, t, prefix: "");
        return Page();
    }
}
