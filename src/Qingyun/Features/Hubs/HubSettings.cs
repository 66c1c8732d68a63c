using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Hubs;
using Qingyun.Features.Volunteering;

namespace Qingyun.Features.Hubs;

/// <summary>The platform-wide lists behind activities, kept by system administrators: categories and public holidays.</summary>
public sealed class HubSettings(AppDbContext db, TimeProvider clock)
{
    private Failure? NotAdmin() => db.Scope.IsSystemAdmin ? null : Failure.Forbidden("Id");

    public async Task<Result<ActivityCategory>> AddCategoryAsync(string? name, string? nameEn, CancellationToken ct)
    {
        if (NotAdmin() is { } no)
        {
            return no;
        }
        var f = new List<Failure>();
        var zh = ActivityDesk.Text(name, "Name", ActivityCategory.NameMaxLength, true, f);
        var en = ActivityDesk.Text(nameEn, "NameEn", ActivityCategory.NameMaxLength, false, f);
        if (zh is not null && await db.ActivityCategories.AnyAsync(c => c.Name == zh, ct))
        {
            f.Add(new Failure("Name", "Duplicate"));
        }
        if (f.Count > 0)
        {
            return Result<ActivityCategory>.Fail(f);
        }
        var order = await db.ActivityCategories.MaxAsync(c => (int?)c.SortOrder, ct) ?? 0;
        var c = new ActivityCategory { Name = zh!, NameEn = en ?? zh!, SortOrder = order + 10 };
        db.ActivityCategories.Add(c);
        await db.SaveChangesAsync(ct);
        return c;
    }

    /// <summary>Archiving keeps the category on past activities and takes it off the publish form; restoring puts it back.</summary>
    public async Task<Result<ActivityCategory>> SetArchivedAsync(Guid id, bool archived, CancellationToken ct)
    {
        if (NotAdmin() is { } no)
        {
            return no;
        }
        var c = await db.ActivityCategories.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null)
        {
            return Failure.NotFound("Id");
        }
        c.ArchivedAt = archived ? clock.GetUtcNow() : null;
        await db.SaveChangesAsync(ct);
        return c;
    }

    public async Task<Result<PublicHoliday>> AddHolidayAsync(DateOnly? date, string? name, CancellationToken ct)
    {
        if (NotAdmin() is { } no)
        {
            return no;
        }
        var f = new List<Failure>();
        var text = ActivityDesk.Text(name, "Name", PublicHoliday.NameMaxLength, true, f);
        if (date is null)
        {
            f.Add(Failure.Required("Date"));
        }
        else if (await db.PublicHolidays.AnyAsync(h => h.Date == date, ct))
        {
            f.Add(new Failure("Date", "Duplicate"));
        }
        if (f.Count > 0)
        {
            return Result<PublicHoliday>.Fail(f);
        }
        var h = new PublicHoliday { Date = date!.Value, Name = text! };
        db.PublicHolidays.Add(h);
        await db.SaveChangesAsync(ct);
        return h;
    }

    public async Task<Result<bool>> RemoveHolidayAsync(DateOnly date, CancellationToken ct)
    {
        if (NotAdmin() is { } no)
        {
            return no;
        }
        var removed = await db.PublicHolidays.Where(h => h.Date == date).ExecuteDeleteAsync(ct);
        return removed > 0 ? true : Failure.NotFound("Date");
    }
}
