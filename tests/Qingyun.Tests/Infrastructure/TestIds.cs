using System.Globalization;

namespace Qingyun.Tests.Infrastructure;

/// <summary>Valid GB 11643 ID numbers for people born on a given day, unique within a test run.</summary>
public static class TestIds
{
    private static int _sequence = 100;

    public static string Born(DateOnly birth, string area = "110105")
    {
        var seq = Interlocked.Increment(ref _sequence) % 1000;
        var body = area + birth.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + seq.ToString("D3", CultureInfo.InvariantCulture);
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = body.Select((c, i) => (c - '0') * weights[i]).Sum();
        return body + "10X98765432"[sum % 11];
    }

    public static string BornYearsAgo(int years, int extraDays = 30) =>
        Born(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddYears(-years).AddDays(-extraDays));

    public static string Unique(string prefix) => prefix + "-" + Interlocked.Increment(ref _sequence).ToString(CultureInfo.InvariantCulture);
}
