using Qingyun.Domain;
using Qingyun.Domain.Hubs;
using Qingyun.Infrastructure;

namespace Qingyun.Features.Series;

/// <summary>Why a date the rule would give is not scheduled.</summary>
public enum SkipReason
{
    NoSuchDay = 1,  // the month has no such day (31 in a 30-day month, 29–31 in February)
    Holiday = 2,    // a public holiday, and the series skips them
    Past = 3,       // the time has already come
    Generated = 4,  // an activity for that date already exists
}

/// <summary>A date the rule gives but that is not scheduled. For <see cref="SkipReason.NoSuchDay"/> the date is the month's first day.</summary>
public sealed record SkippedDate(DateOnly Date, SkipReason Reason, string? Holiday = null);

/// <summary>The dates to schedule and the ones left out, with why.</summary>
public sealed record SeriesPlan(IReadOnlyList<DateOnly> Dates, IReadOnlyList<SkippedDate> Skipped);

/// <summary>
/// The date logic of scheduled teaching (送教), free of any database: every week on a weekday, or every month on
/// a day of the month, over a season of at most <see cref="MaxDays"/> days; months without that day are skipped
/// and listed; public holidays are skipped when the series asks. Times are China time.
/// </summary>
public static class SeriesRule
{
    public const int MaxDays = 366;
    public const int MinDuration = 10;
    public const int MaxDuration = 12 * 60;

    /// <summary>The rule's own mistakes, each naming its field.</summary>
    public static List<Failure> Check(Frequency frequency, DayOfWeek? weekday, int? dayOfMonth, DateOnly? from, DateOnly? to, TimeOnly? startTime, int? durationMinutes)
    {
        var f = new List<Failure>();
        if (!Enum.IsDefined(frequency))
        {
            f.Add(new Failure("Frequency", "InvalidChoice"));
        }
        else if (frequency == Frequency.Weekly)
        {
            if (weekday is null)
            {
                f.Add(Failure.Required("Weekday"));
            }
            else if (!Enum.IsDefined(weekday.Value))
            {
                f.Add(new Failure("Weekday", "InvalidChoice"));
            }
        }
        else if (dayOfMonth is null)
        {
            f.Add(Failure.Required("DayOfMonth"));
        }
        else if (dayOfMonth is < 1 or > 31)
        {
            f.Add(new Failure("DayOfMonth", "Range", 400, 1, 31));
        }
        if (from is null)
        {
            f.Add(Failure.Required("From"));
        }
        if (to is null)
        {
            f.Add(Failure.Required("To"));
        }
        if (from is { } a && to is { } b)
        {
            if (b < a)
            {
                f.Add(new Failure("To", "ToBeforeFrom"));
            }
            else if (b.DayNumber - a.DayNumber + 1 > MaxDays)
            {
                f.Add(new Failure("To", "SeasonTooLong", 400, MaxDays));
            }
        }
        if (startTime is null)
        {
            f.Add(Failure.Required("StartTime"));
        }
        if (durationMinutes is null)
        {
            f.Add(Failure.Required("DurationMinutes"));
        }
        else if (durationMinutes is < MinDuration or > MaxDuration)
        {
            f.Add(new Failure("DurationMinutes", "Range", 400, MinDuration, MaxDuration));
        }
        return f;
    }

    public static List<Failure> Check(ActivitySeries s) => Check(s.Frequency, s.Weekday, s.DayOfMonth, s.From, s.To, s.StartTime, s.DurationMinutes);

    /// <summary>The start of a session on <paramref name="date"/> at <paramref name="time"/> China time, in UTC.</summary>
    public static DateTimeOffset StartOf(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Localization.ChinaTime.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>Every date the rule gives between From and To, both included, before anything is skipped.</summary>
    public static IEnumerable<DateOnly> RawDates(Frequency frequency, DayOfWeek? weekday, int? dayOfMonth, DateOnly from, DateOnly to, List<SkippedDate>? missingDays = null)
    {
        if (frequency == Frequency.Weekly)
        {
            var first = from.AddDays(((int)weekday!.Value - (int)from.DayOfWeek + 7) % 7);
            for (var d = first; d <= to; d = d.AddDays(7))
            {
                yield return d;
            }
            yield break;
        }
        var day = dayOfMonth!.Value;
        for (var month = new DateOnly(from.Year, from.Month, 1); month <= to; month = month.AddMonths(1))
        {
            // The would-be date as a number yyyymmdd, so that "31 September" can be compared with the season.
            var key = month.Year * 10_000 + month.Month * 100 + day;
            if (key < Key(from) || key > Key(to))
            {
                continue;
            }
            if (day > DateTime.DaysInMonth(month.Year, month.Month))
            {
                missingDays?.Add(new SkippedDate(month, SkipReason.NoSuchDay));
                continue;
            }
            yield return new DateOnly(month.Year, month.Month, day);
        }
    }

    /// <summary>
    /// The plan: the rule's dates minus months without the day, public holidays (when <paramref name="skipHolidays"/>),
    /// sessions whose start is not after <paramref name="now"/>, and dates in <paramref name="generated"/>.
    /// </summary>
    public static SeriesPlan Plan(Frequency frequency, DayOfWeek? weekday, int? dayOfMonth, DateOnly from, DateOnly to, TimeOnly startTime,
        bool skipHolidays, IReadOnlyDictionary<DateOnly, string> holidays, DateTimeOffset now, IReadOnlySet<DateOnly>? generated = null)
    {
        var skipped = new List<SkippedDate>();
        var dates = new List<DateOnly>();
        foreach (var d in RawDates(frequency, weekday, dayOfMonth, from, to, skipped).ToList())
        {
            if (generated is not null && generated.Contains(d))
            {
                skipped.Add(new SkippedDate(d, SkipReason.Generated));
            }
            else if (skipHolidays && holidays.TryGetValue(d, out var name))
            {
                skipped.Add(new SkippedDate(d, SkipReason.Holiday, name));
            }
            else if (StartOf(d, startTime) <= now)
            {
                skipped.Add(new SkippedDate(d, SkipReason.Past));
            }
            else
            {
                dates.Add(d);
            }
        }
        return new SeriesPlan(dates, [.. skipped.OrderBy(s => s.Date)]);
    }

    public static SeriesPlan Plan(ActivitySeries s, IReadOnlyDictionary<DateOnly, string> holidays, DateTimeOffset now, IReadOnlySet<DateOnly>? generated = null) =>
        Plan(s.Frequency, s.Weekday, s.DayOfMonth, s.From, s.To, s.StartTime, s.SkipHolidays, holidays, now, generated);

    private static int Key(DateOnly d) => d.Year * 10_000 + d.Month * 100 + d.Day;
}
