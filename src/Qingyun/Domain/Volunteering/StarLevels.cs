namespace Qingyun.Domain.Volunteering;

/// <summary>
/// 星级志愿者: levels from cumulative confirmed hours. Thresholds are configurable
/// (Volunteering:StarHours, default 100/300/600/1000/1500); five stars also need a unit's nomination.
/// </summary>
public sealed class StarLevels
{
    public static readonly int[] DefaultHours = [100, 300, 600, 1000, 1500];

    public StarLevels(IReadOnlyList<int> hours)
    {
        if (hours.Count != 5 || hours[0] <= 0 || hours.Zip(hours.Skip(1)).Any(p => p.Second <= p.First))
        {
            throw new ArgumentException("Volunteering:StarHours must be five increasing positive numbers of hours.", nameof(hours));
        }
        Hours = hours;
    }

    public IReadOnlyList<int> Hours { get; }

    public int For(long confirmedMinutes, bool nominated)
    {
        var stars = Hours.Count(h => confirmedMinutes >= h * 60L);
        return stars == 5 && !nominated ? 4 : stars;
    }

    /// <summary>Hours still needed for the next level, or null at the top (or when only the nomination is missing).</summary>
    public decimal? HoursToNext(long confirmedMinutes)
    {
        var next = Hours.FirstOrDefault(h => confirmedMinutes < h * 60L);
        return next == 0 ? null : Math.Round((next * 60L - confirmedMinutes) / 60m, 1);
    }

    public void Apply(Volunteer v) => v.Stars = For(v.ConfirmedMinutes, v.FiveStarNominatedAt is not null);
}
