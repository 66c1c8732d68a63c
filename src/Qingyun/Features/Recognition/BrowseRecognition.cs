using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.Volunteering;
using Qingyun.Features.Volunteering;
using Qingyun.Infrastructure;
using Qingyun.Security;

namespace Qingyun.Features.Recognition;

public sealed record CommendationRow(Guid Id, Guid UnitId, string UnitName, Guid VolunteerId, string? VolunteerName, string? VolunteerNumber,
    string Title, DateOnly AwardedOn, string? Note, string RecordedBy);

public sealed record CommendationPage(IReadOnlyList<CommendationRow> Items, Guid? Next);

/// <summary>One volunteer under the yearly minimum (init properties: the query can still be filtered and ordered after projection).</summary>
public sealed record BelowMinimumRow
{
    public Guid VolunteerId { get; init; }
    public string Name { get; init; } = "";
    public string Number { get; init; } = "";
    public string UnitName { get; init; } = "";
    public long Minutes { get; init; }

    /// <summary>Hours rounded down to one decimal: 1199 minutes is 19.9, never shown as the 20.0 it falls short of.</summary>
    public decimal HoursDown => Math.Floor(Minutes / 6m) / 10m;

    public string Hours => HoursDown.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
}

public sealed record BelowMinimumPage(int Year, int Total, IReadOnlyList<BelowMinimumRow> Items, Guid? Next);

/// <summary>
/// The read side of recognition: commendations in scope and a volunteer's own, and the yearly list of
/// registered volunteers below the yearly minimum of service hours.
/// </summary>
public sealed class BrowseRecognition(AppDbContext db, TimeProvider clock)
{
    public const int PageSize = 50;
    public const int BelowMinimumPageSize = 100;
    /// <summary>每年参加志愿服务时间累计不少于 20 小时.</summary>
    public const int MinimumYearlyHours = 20;
    public const int FirstYear = 2000;

    public DateOnly Today => clock.ChinaToday();

    private async Task<Result<IQueryable<T>>> InSubtreeAsync<T>(IQueryable<T> q, Guid? unitId, Func<string, string, IQueryable<T>> narrow, CancellationToken ct)
    {
        if (unitId is not { } id)
        {
            return Result<IQueryable<T>>.Success(q);
        }
        var path = await db.OrgUnits.Where(u => u.Id == id).Select(u => u.Path).FirstOrDefaultAsync(ct);
        return path is null ? Failure.NotFound("UnitId") : Result<IQueryable<T>>.Success(narrow(path, ScopeRanges.UpperBound(path)));
    }

    public async Task<Result<CommendationPage>> CommendationsAsync(Guid? unitId, Guid? after, CancellationToken ct)
    {
        var scoped = await InSubtreeAsync(db.Commendations.AsNoTracking(), unitId, (lo, hi) => db.Commendations.AsNoTracking()
            .Where(c => db.OrgUnits.Any(u => u.Id == c.UnitId && string.Compare(u.Path, lo) >= 0 && string.Compare(u.Path, hi) < 0)), ct);
        if (!scoped.Ok)
        {
            return Result<CommendationPage>.Fail(scoped.Failures);
        }
        var q = scoped.Value!;
        if (after is { } a)
        {
            q = q.Where(c => c.Id.CompareTo(a) < 0);
        }
        var rows = await q.OrderByDescending(c => c.Id).Take(PageSize + 1).ToListAsync(ct);
        Guid? next = null;
        if (rows.Count > PageSize)
        {
            rows.RemoveAt(PageSize);
            next = rows[^1].Id;
        }
        return new CommendationPage(await ShowAsync(rows, ct), next);
    }

    /// <summary>A volunteer's commendations from every unit, newest first. Callers pass an id they may read.</summary>
    public async Task<IReadOnlyList<CommendationRow>> ForVolunteerAsync(Guid volunteerId, CancellationToken ct) =>
        await ShowAsync(await db.Commendations.IgnoreQueryFilters([AppDbContext.ScopeFilter]).AsNoTracking()
            .Where(c => c.VolunteerId == volunteerId).OrderByDescending(c => c.AwardedOn).ThenByDescending(c => c.Id).ToListAsync(ct), ct);

    /// <summary>The signed-in volunteer's own commendations; empty when the account is not a volunteer.</summary>
    public async Task<IReadOnlyList<CommendationRow>> OwnCommendations(CancellationToken ct) =>
        await VolunteerDirectory.OwnAsync(db, ct) is { } own ? await ForVolunteerAsync(own.Id, ct) : [];

    private async Task<IReadOnlyList<CommendationRow>> ShowAsync(List<Commendation> rows, CancellationToken ct)
    {
        var cards = await VolunteerDirectory.CardsAsync(db, rows.Select(r => r.VolunteerId), ct);
        var unitIds = rows.Select(r => r.UnitId).Distinct().ToList();
        var units = await db.OrgUnits.IgnoreQueryFilters([AppDbContext.ScopeFilter]).Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        return rows.Select(r =>
        {
            var card = cards.GetValueOrDefault(r.VolunteerId);
            return new CommendationRow(r.Id, r.UnitId, units.GetValueOrDefault(r.UnitId, ""), r.VolunteerId, card?.Name, card?.Number, r.Title, r.AwardedOn, r.Note, r.RecordedBy);
        }).ToList();
    }

    /// <summary>
    /// Registered volunteers (active, registered before the year ended) of units in scope, or of the
    /// <paramref name="unitId"/> subtree, whose confirmed service in <paramref name="year"/> — every line
    /// dated in that year, from any unit, corrections included — is under the yearly minimum.
    /// </summary>
    public async Task<Result<IQueryable<BelowMinimumRow>>> BelowMinimumQueryAsync(int year, Guid? unitId, CancellationToken ct)
    {
        if (year < FirstYear || year > Today.Year)
        {
            return new Failure("Year", "Range", 400, FirstYear, Today.Year);
        }
        string? lo = null, hi = null;
        if (unitId is { } id)
        {
            var path = await db.OrgUnits.Where(u => u.Id == id).Select(u => u.Path).FirstOrDefaultAsync(ct);
            if (path is null)
            {
                return Failure.NotFound("UnitId");
            }
            (lo, hi) = (path, ScopeRanges.UpperBound(path));
        }
        // The hours count from every unit, so this query reads past the scope filter (in EF Core, ignoring
        // filters holds for the whole query): the volunteers are kept to the caller's scope by hand, with
        // the same path ranges the filter uses.
        var r = db.Scope.RangesFor(Permission.ServiceRead);
        var units = db.OrgUnits.IgnoreQueryFilters([AppDbContext.ScopeFilter]);
        var volunteers = db.Volunteers.IgnoreQueryFilters([AppDbContext.ScopeFilter]).AsNoTracking().Where(v => units.Any(u => u.Id == v.UnitId
            && ((string.Compare(u.Path, r.Lo0) >= 0 && string.Compare(u.Path, r.Hi0) < 0)
                || (string.Compare(u.Path, r.Lo1) >= 0 && string.Compare(u.Path, r.Hi1) < 0)
                || (string.Compare(u.Path, r.Lo2) >= 0 && string.Compare(u.Path, r.Hi2) < 0)
                || (string.Compare(u.Path, r.Lo3) >= 0 && string.Compare(u.Path, r.Hi3) < 0)
                || (r.HasMore && r.More.Any(p => u.Path.StartsWith(p))))));
        if (lo is not null)
        {
            volunteers = volunteers.Where(v => units.Any(u => u.Id == v.UnitId && string.Compare(u.Path, lo) >= 0 && string.Compare(u.Path, hi) < 0));
        }
        var start = new DateOnly(year, 1, 1);
        var end = start.AddYears(1);
        var registeredBefore = new DateTimeOffset(end.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8)).ToUniversalTime();
        var minimum = MinimumYearlyHours * 60L;
        var entries = db.ServiceEntries.IgnoreQueryFilters([AppDbContext.ScopeFilter]);
        var q = from v in volunteers
                where v.Status == VolunteerStatus.Active && v.RegisteredAt < registeredBefore
                join p in db.People.IgnoreQueryFilters([AppDbContext.ScopeFilter]) on v.PersonId equals p.Id
                join u in units on v.UnitId equals u.Id
                let minutes = entries.Where(e => e.VolunteerId == v.Id && e.ServiceDate >= start && e.ServiceDate < end).Sum(e => (long?)e.Minutes) ?? 0L
                where minutes < minimum
                select new BelowMinimumRow { VolunteerId = v.Id, Name = p.Name, Number = v.Number, UnitName = u.Name, Minutes = minutes };
        return Result<IQueryable<BelowMinimumRow>>.Success(q);
    }

    public async Task<Result<BelowMinimumPage>> BelowMinimumAsync(int year, Guid? unitId, Guid? after, CancellationToken ct)
    {
        var q = await BelowMinimumQueryAsync(year, unitId, ct);
        if (!q.Ok)
        {
            return Result<BelowMinimumPage>.Fail(q.Failures);
        }
        var total = await q.Value!.CountAsync(ct);
        var page = q.Value!;
        if (after is { } a)
        {
            page = page.Where(r => r.VolunteerId.CompareTo(a) > 0);
        }
        var rows = await page.OrderBy(r => r.VolunteerId).Take(BelowMinimumPageSize + 1).ToListAsync(ct);
        Guid? next = null;
        if (rows.Count > BelowMinimumPageSize)
        {
            rows.RemoveAt(BelowMinimumPageSize);
            next = rows[^1].VolunteerId;
        }
        return new BelowMinimumPage(year, total, rows, next);
    }
}
