using Microsoft.Extensions.Localization;
using Qingyun.Domain.Hubs;
using Qingyun.Infrastructure;
using Qingyun.Resources;

namespace Qingyun.Features.Series;

/// <summary>A series' rule and a skipped date in words, for the pages.</summary>
public static class SeriesText
{
    public static string Rule(ActivitySeries s, IStringLocalizer<SharedResource> t) =>
        (s.Frequency == Frequency.Weekly ? t["Series.WeeklyOn", t["Weekday." + s.Weekday].Value].Value : t["Series.MonthlyOn", s.DayOfMonth ?? 0].Value)
        + " " + s.StartTime.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture)
        + " · " + t["Pool.Minutes", s.DurationMinutes].Value;

    public static string Skipped(SkippedDate d, IStringLocalizer<SharedResource> t) =>
        (d.Reason == SkipReason.NoSuchDay ? d.Date.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture) : d.Date.ShowDate())
        + " · " + t["SkipReason." + d.Reason].Value + (d.Holiday is null ? "" : t["Common.InParens", d.Holiday].Value);
}
