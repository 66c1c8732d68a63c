using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Activities;
using Qingyun.Domain.Hubs;
using Qingyun.Features.Volunteering;
using Qingyun.Infrastructure;
using Qingyun.Security;

namespace Qingyun.Features.Feedback;

/// <summary>
/// A participant rates an ended activity (1–5) and comments, once: a second submit changes their own. Organizers read
/// the averages per activity, per hub unit and per teacher, computed from exact sums and counts.
/// </summary>
public sealed class FeedbackDesk(AppDbContext db, TimeProvider clock)
{
    public const int MinRating = 1;
    public const int MaxRating = 5;

    public sealed record Average(int Count, int Sum)
    {
        /// <summary>The mean to two decimals, rounded half away from zero; null when nobody rated.</summary>
        public decimal? Value => Count == 0 ? null : Math.Round((decimal)Sum / Count, 2, MidpointRounding.AwayFromZero);
    }

    public sealed record ActivityLine(Guid ActivityId, string Title, Guid UnitId, string UnitName, Guid? TeacherId, DateTimeOffset StartsAt, Average Rating);

    public sealed record GroupLine(Guid Id, string Name, int Activities, Average Rating);

    public sealed record Summary(int Year, IReadOnlyList<ActivityLine> Activities, IReadOnlyList<GroupLine> Units, IReadOnlyList<GroupLine> Teachers);

    /// <summary>The activity the signed-in person may rate, with their earlier rating if any (for the phone page).</summary>
    public sealed record Rateable(Activity Activity, bool Participant, bool Ended, ActivityFeedback? Mine);

    private static IQueryable<T> Own<T>(DbSet<T> set) where T : class => set.IgnoreQueryFilters([AppDbContext.ScopeFilter]);

    public async Task<Result<Rateable>> ForMeAsync(Guid activityId, CancellationToken ct)
    {
        if (await db.OwnPersonIdAsync(ct) is not { } personId)
        {
            return new Failure("Account", "NoPersonOnAccount", 403);
        }
        // Only someone who registered for or took part in the activity learns anything about it here.
        var activity = await Own(db.Activities).AsNoTracking().FirstOrDefaultAsync(a => a.Id == activityId && a.State != ActivityState.Draft, ct);
        var participant = activity is not null
            && (await Own(db.Participations).AnyAsync(p => p.ActivityId == activityId && p.PersonId == personId, ct)
                || await Own(db.Registrations).AnyAsync(r => r.ActivityId == activityId && r.PersonId == personId && r.State == RegistrationState.Registered, ct));
        if (activity is null || !participant)
        {
            return Failure.NotFound("ActivityId");
        }
        var mine = await Own(db.ActivityFeedback).AsNoTracking().FirstOrDefaultAsync(f => f.ActivityId == activityId && f.PersonId == personId, ct);
        return new Rateable(activity, participant, activity.EndsAt <= clock.GetUtcNow() && activity.State == ActivityState.Published, mine);
    }

    public async Task<Result<ActivityFeedback>> SubmitAsync(Guid activityId, int? rating, string? comment, CancellationToken ct)
    {
        if (await db.OwnPersonIdAsync(ct) is not { } personId)
        {
            return new Failure("Account", "NoPersonOnAccount", 403);
        }
        var activity = await Own(db.Activities).AsNoTracking().FirstOrDefaultAsync(a => a.Id == activityId && a.State != ActivityState.Draft, ct);
        if (activity is null)
        {
            return Failure.NotFound("ActivityId");
        }
        var participant = await Own(db.Participations).AnyAsync(p => p.ActivityId == activityId && p.PersonId == personId, ct)
            || await Own(db.Registrations).AnyAsync(r => r.ActivityId == activityId && r.PersonId == personId && r.State == RegistrationState.Registered, ct);
        if (!participant)
        {
            return new Failure("ActivityId", "NotAParticipant", 403);
        }
        var now = clock.GetUtcNow();
        if (activity.State != ActivityState.Published || activity.EndsAt > now)
        {
            return new Failure("ActivityId", "ActivityNotEnded", 409);
        }
        var f = new List<Failure>();
        if (rating is not { } r)
        {
            f.Add(Failure.Required("Rating"));
        }
        else if (r < MinRating || r > MaxRating)
        {
            f.Add(new Failure("Rating", "Range", 400, MinRating, MaxRating));
        }
        var text = ActivityDesk.Text(comment, "Comment", ActivityFeedback.CommentMaxLength, false, f);
        if (f.Count > 0)
        {
            return Result<ActivityFeedback>.Fail(f);
        }
        for (var attempt = 0; ; attempt++)
        {
            var mine = await Own(db.ActivityFeedback).FirstOrDefaultAsync(x => x.ActivityId == activityId && x.PersonId == personId, ct);
            if (mine is null)
            {
                mine = new ActivityFeedback { ActivityId = activityId, PersonId = personId, UnitId = activity.UnitId };
                db.ActivityFeedback.Add(mine);
            }
            mine.Rating = rating!.Value;
            mine.Comment = text;
            mine.At = now;
            try
            {
                await db.SaveChangesAsync(ct);
                return mine;
            }
            catch (DbUpdateException) when (attempt == 0)
            {
                // The same person submitted twice at once: the unique index kept one row; change that one.
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>Ratings of activities in the caller's scope that started in the year (China time).</summary>
    public async Task<Summary> SummaryAsync(int year, CancellationToken ct)
    {
        var offset = Localization.ChinaTime.BaseUtcOffset;
        // PostgreSQL takes instants in UTC only.
        var yearStart = new DateTimeOffset(year, 1, 1, 0, 0, 0, offset).ToUniversalTime();
        var yearEnd = new DateTimeOffset(year + 1, 1, 1, 0, 0, 0, offset).ToUniversalTime();
        var sums = await (from f in db.ActivityFeedback
                          join a in db.Activities on f.ActivityId equals a.Id
                          where a.StartsAt >= yearStart && a.StartsAt < yearEnd
                          group f by f.ActivityId into g
                          select new { ActivityId = g.Key, Count = g.Count(), Sum = g.Sum(x => x.Rating) }).ToListAsync(ct);
        var ids = sums.Select(s => s.ActivityId).ToList();
        var activities = await db.Activities.AsNoTracking().Where(a => ids.Contains(a.Id))
            .Select(a => new { a.Id, a.Title, a.UnitId, a.TeacherId, a.StartsAt }).ToDictionaryAsync(a => a.Id, ct);
        var unitIds = activities.Values.Select(a => a.UnitId).Distinct().ToList();
        var units = await db.OrgUnits.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var teacherIds = activities.Values.Where(a => a.TeacherId != null).Select(a => a.TeacherId!.Value).Distinct().ToList();
        var teachers = await Own(db.Teachers).AsNoTracking().Where(t => teacherIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var lines = sums.Where(s => activities.ContainsKey(s.ActivityId)).Select(s =>
        {
            var a = activities[s.ActivityId];
            return new ActivityLine(a.Id, a.Title, a.UnitId, units.GetValueOrDefault(a.UnitId, ""), a.TeacherId, a.StartsAt, new Average(s.Count, s.Sum));
        }).OrderByDescending(l => l.StartsAt).ToList();
        var byUnit = lines.GroupBy(l => l.UnitId)
            .Select(g => new GroupLine(g.Key, units.GetValueOrDefault(g.Key, ""), g.Count(), new Average(g.Sum(l => l.Rating.Count), g.Sum(l => l.Rating.Sum))))
            .OrderBy(g => g.Name, StringComparer.Ordinal).ToList();
        var byTeacher = lines.Where(l => l.TeacherId != null).GroupBy(l => l.TeacherId!.Value)
            .Select(g => new GroupLine(g.Key, teachers.GetValueOrDefault(g.Key, ""), g.Count(), new Average(g.Sum(l => l.Rating.Count), g.Sum(l => l.Rating.Sum))))
            .OrderBy(g => g.Name, StringComparer.Ordinal).ToList();
        return new Summary(year, lines, byUnit, byTeacher);
    }

    /// <summary>The ratings and comments of one activity in scope (no names: people rate freely); null when out of scope.</summary>
    public async Task<IReadOnlyList<ActivityFeedback>?> CommentsAsync(Guid activityId, CancellationToken ct)
    {
        if (!await db.Activities.AnyAsync(a => a.Id == activityId, ct))
        {
            return null;
        }
        return await db.ActivityFeedback.AsNoTracking().Where(f => f.ActivityId == activityId).OrderByDescending(f => f.At).Take(500).ToListAsync(ct);
    }
}
