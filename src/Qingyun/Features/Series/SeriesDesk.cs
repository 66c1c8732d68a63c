using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.Activities;
using Qingyun.Domain.Hubs;
using Qingyun.Features.Activities;
using Qingyun.Features.Pool;
using Qingyun.Features.Volunteering;
using Qingyun.Infrastructure;
using Qingyun.Security;

namespace Qingyun.Features.Series;

/// <summary>
/// Scheduled teaching (送教): a series is saved with its rule, its dates are previewed, then generated as
/// published youth activities in one transaction. Generating again creates only the dates still missing
/// (a date that already has an activity of the series, even a cancelled one, is never made twice), so a
/// retried or repeated request is harmless; when nothing is missing it is refused.
/// </summary>
public sealed class SeriesDesk(AppDbContext db, TimeProvider clock)
{
    public sealed record Command(
        Guid? UnitId, string? Title, Frequency Frequency, DayOfWeek? Weekday, int? DayOfMonth, DateOnly? From, DateOnly? To,
        TimeOnly? StartTime, int? DurationMinutes, string? Place, Guid? CategoryId, Guid? TeacherId, Guid? TopicId, int? Capacity, bool SkipHolidays);

    public sealed record Preview(ActivitySeries Series, SeriesPlan Plan);

    public sealed record Generated(ActivitySeries Series, IReadOnlyList<Activity> Activities, SeriesPlan Plan);

    public async Task<Result<ActivitySeries>> CreateAsync(Command c, CancellationToken ct)
    {
        var unit = await db.UnitForAsync(c.UnitId, Permission.ServiceManage, "UnitId", ct);
        if (!unit.Ok)
        {
            return Result<ActivitySeries>.Fail(unit.Failures);
        }
        var f = new List<Failure>();
        var title = ActivityDesk.Text(c.Title, "Title", ActivitySeries.TitleMaxLength, true, f);
        var place = ActivityDesk.Text(c.Place, "Place", Activity.PlaceMaxLength, true, f);
        f.AddRange(SeriesRule.Check(c.Frequency, c.Weekday, c.DayOfMonth, c.From, c.To, c.StartTime, c.DurationMinutes));
        if (c.Capacity is { } cap && (cap < 1 || cap > YouthActivityDraft.MaxCapacity))
        {
            f.Add(new Failure("Capacity", "Range", 400, 1, YouthActivityDraft.MaxCapacity));
        }
        if (c.CategoryId is { } cat && !await db.ActivityCategories.AnyAsync(x => x.Id == cat && x.ArchivedAt == null, ct))
        {
            f.Add(new Failure("CategoryId", "InvalidChoice"));
        }
        if (c.TeacherId is not null || c.TopicId is not null)
        {
            var pool = await PoolChoices.ForUnitAsync(db, unit.Value!.Id, ct);
            if (c.TeacherId is { } t && !pool.HasTeacher(t))
            {
                f.Add(new Failure("TeacherId", "NotInPool"));
            }
            if (c.TopicId is { } p && !pool.HasTopic(p))
            {
                f.Add(new Failure("TopicId", "NotInPool"));
            }
        }
        if (f.Count > 0)
        {
            return Result<ActivitySeries>.Fail(f);
        }
        var monthly = c.Frequency == Frequency.Monthly;
        var series = new ActivitySeries
        {
            UnitId = unit.Value!.Id, Title = title!, Place = place!, Frequency = c.Frequency,
            Weekday = monthly ? null : c.Weekday, DayOfMonth = monthly ? c.DayOfMonth : null,
            From = c.From!.Value, To = c.To!.Value, StartTime = c.StartTime!.Value, DurationMinutes = c.DurationMinutes!.Value,
            CategoryId = c.CategoryId, TeacherId = c.TeacherId, TopicId = c.TopicId, Capacity = c.Capacity, SkipHolidays = c.SkipHolidays,
            CreatedAt = clock.GetUtcNow(), CreatedBy = db.Scope.UserName,
        };
        db.ActivitySeries.Add(series);
        await db.SaveChangesAsync(ct);
        return series;
    }

    /// <summary>The dates generating would create now, and those left out with why. Reading needs only read scope.</summary>
    public async Task<Result<Preview>> PreviewAsync(Guid id, CancellationToken ct)
    {
        var series = await db.OwnedAsync(db.ActivitySeries.AsNoTracking(), s => s.Id == id, Permission.ServiceRead, ct);
        if (!series.Ok)
        {
            return Result<Preview>.Fail(series.Failures);
        }
        return new Preview(series.Value!, await PlanAsync(series.Value!, ct));
    }

    public async Task<Result<Generated>> GenerateAsync(Guid id, CancellationToken ct)
    {
        var found = await db.OwnedAsync(db.ActivitySeries.AsNoTracking(), s => s.Id == id, Permission.ServiceManage, ct);
        if (!found.Ok)
        {
            return Result<Generated>.Fail(found.Failures);
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Take the series row first: a second generation of the same series waits here until this one has committed,
        // then sees its activities and finds nothing missing.
        await db.ActivitySeries.IgnoreQueryFilters().Where(s => s.Id == id).ExecuteUpdateAsync(u => u.SetProperty(s => s.Title, s => s.Title), ct);
        var series = found.Value!;
        var plan = await PlanAsync(series, ct);
        if (plan.Dates.Count == 0)
        {
            return new Failure("SeriesId", "NothingToGenerate", 409);
        }
        var now = clock.GetUtcNow();
        var topic = series.TopicId is { } tid ? await db.Topics.IgnoreQueryFilters([AppDbContext.ScopeFilter]).AsNoTracking().FirstOrDefaultAsync(t => t.Id == tid, ct) : null;
        var made = new List<Activity>();
        foreach (var date in plan.Dates)
        {
            var starts = SeriesRule.StartOf(date, series.StartTime);
            var draft = new YouthActivityDraft(series.Title, series.Place, starts, starts.AddMinutes(series.DurationMinutes),
                CategoryId: series.CategoryId ?? topic?.CategoryId, Description: topic?.Description, Capacity: series.Capacity,
                TeacherId: series.TeacherId ?? topic?.TeacherId, TopicId: series.TopicId);
            var f = draft.Check(now);
            if (f.Count > 0)
            {
                return Result<Generated>.Fail(f);
            }
            var a = draft.ToActivity(series.UnitId, now, db.Scope.UserName);
            a.State = ActivityState.Published;
            a.PublishedAt = now;
            a.SeriesId = series.Id;
            made.Add(a);
        }
        db.Activities.AddRange(made);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new Generated(series, made, plan);
    }

    private async Task<SeriesPlan> PlanAsync(ActivitySeries series, CancellationToken ct)
    {
        var holidays = await db.PublicHolidays.AsNoTracking().Where(h => h.Date >= series.From && h.Date <= series.To).ToDictionaryAsync(h => h.Date, h => h.Name, ct);
        var starts = await db.Activities.IgnoreQueryFilters([AppDbContext.ScopeFilter]).AsNoTracking()
            .Where(a => a.SeriesId == series.Id).Select(a => a.StartsAt).ToListAsync(ct);
        var generated = starts.Select(s => s.ChinaDate()).ToHashSet();
        return SeriesRule.Plan(series, holidays, clock.GetUtcNow(), generated);
    }
}
