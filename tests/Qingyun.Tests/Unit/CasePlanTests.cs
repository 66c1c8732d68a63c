using Qingyun.Domain.Assistance;

namespace Qingyun.Tests.Unit;

/// <summary>When a plan's visits fall due (decision 012): the period cut evenly, along the calendar months when it is whole months.</summary>
public sealed class CasePlanTests
{
    private static CasePlan Year(int visits, int year = 2026) =>
        new() { StartsOn = new DateOnly(year, 1, 1), EndsOn = new DateOnly(year, 12, 31), VisitsPlanned = visits };

    [Fact]
    public void TwelveAYearFromJanuaryFirst_AreDueOnTheLastDayOfEachMonth()
    {
        var plan = Year(12);
        var due = Enumerable.Range(1, 12).Select(plan.DueOn).ToList();
        var monthEnds = Enumerable.Range(1, 12).Select(m => new DateOnly(2026, m, DateTime.DaysInMonth(2026, m))).ToList();
        Assert.Equal(monthEnds, due);
        Assert.Equal(new DateOnly(2026, 1, 31), due[0]);
        Assert.Equal(new DateOnly(2026, 2, 28), due[1]);
        Assert.Equal(new DateOnly(2026, 12, 31), due[11]);
    }

    [Fact]
    public void InALeapYear_FebruarysVisitIsDueOnThe29th()
    {
        Assert.Equal(new DateOnly(2028, 2, 29), Year(12, 2028).DueOn(2));
    }

    [Fact]
    public void FourAYear_AreDueAtTheEndOfEachQuarter()
    {
        var plan = Year(4);
        Assert.Equal(
            [new DateOnly(2026, 3, 31), new DateOnly(2026, 6, 30), new DateOnly(2026, 9, 30), new DateOnly(2026, 12, 31)],
            Enumerable.Range(1, 4).Select(plan.DueOn).ToList());
    }

    [Fact]
    public void ASchoolYearFromSeptember_IsCutAlongTheMonthsFromThatDay()
    {
        var plan = new CasePlan { StartsOn = new DateOnly(2026, 9, 1), EndsOn = new DateOnly(2027, 8, 31), VisitsPlanned = 12 };
        Assert.Equal(new DateOnly(2026, 9, 30), plan.DueOn(1));
        Assert.Equal(new DateOnly(2027, 2, 28), plan.DueOn(6));
        Assert.Equal(new DateOnly(2027, 8, 31), plan.DueOn(12));
    }

    [Fact]
    public void TwentyFourAYear_PutAVisitInTheMiddleAndAtTheEndOfEachMonth()
    {
        var plan = Year(24);
        Assert.Equal(new DateOnly(2026, 1, 16), plan.DueOn(1));
        Assert.Equal(new DateOnly(2026, 1, 31), plan.DueOn(2));
        Assert.Equal(new DateOnly(2026, 2, 14), plan.DueOn(3));
        Assert.Equal(new DateOnly(2026, 12, 31), plan.DueOn(24));
    }

    [Fact]
    public void APeriodOfOddDays_IsCutIntoEqualNumbersOfDays_TheLastDueOnTheLastDay()
    {
        var plan = new CasePlan { StartsOn = new DateOnly(2026, 3, 10), EndsOn = new DateOnly(2026, 4, 8), VisitsPlanned = 3 }; // 30 days
        Assert.Equal([new DateOnly(2026, 3, 19), new DateOnly(2026, 3, 29), new DateOnly(2026, 4, 8)], Enumerable.Range(1, 3).Select(plan.DueOn).ToList());
    }

    [Theory]
    [InlineData(2025, 12, 31, 0)] // before the period
    [InlineData(2026, 1, 1, 0)]
    [InlineData(2026, 1, 30, 0)]
    [InlineData(2026, 1, 31, 1)]  // the day the first is due counts
    [InlineData(2026, 2, 1, 1)]
    [InlineData(2026, 2, 27, 1)]
    [InlineData(2026, 2, 28, 2)]
    [InlineData(2026, 6, 30, 6)]
    [InlineData(2026, 12, 30, 11)]
    [InlineData(2026, 12, 31, 12)]
    [InlineData(2027, 3, 1, 12)]  // after the period: never more than planned
    public void DueBy_CountsTheVisitsDueByTheEndOfTheDay(int y, int m, int d, int expected)
    {
        Assert.Equal(expected, Year(12).DueBy(new DateOnly(y, m, d)));
    }

    [Theory]
    [InlineData(3, 30, 0)]
    [InlineData(3, 31, 1)]
    [InlineData(6, 29, 1)]
    [InlineData(6, 30, 2)]
    [InlineData(12, 31, 4)]
    public void DueBy_Quarterly(int m, int d, int expected)
    {
        Assert.Equal(expected, Year(4).DueBy(new DateOnly(2026, m, d)));
    }

    [Fact]
    public void APlanWithoutVisits_HasNothingDue()
    {
        Assert.Equal(0, Year(0).DueBy(new DateOnly(2026, 12, 31)));
    }
}
