using Qingyun.Domain.People;

namespace Qingyun.Tests.Unit;

public sealed class IdNumberTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    [Theory]
    [InlineData("110105199003070017", 1990, 3, 7, Gender.Male)]
    [InlineData("110105200108150027", 2001, 8, 15, Gender.Female)]
    [InlineData("11010519491231002X", 1949, 12, 31, Gender.Female)]
    public void AValidNumber_GivesBirthDateAndGender(string value, int y, int m, int d, Gender gender)
    {
        Assert.True(IdNumber.TryParse(value, Today, out var id, out _));
        Assert.Equal(new DateOnly(y, m, d), id.BirthDate);
        Assert.Equal(gender, id.Gender);
        Assert.Equal(value.ToUpperInvariant(), id.Value);
    }

    [Theory]
    [InlineData("110105199003070018", "IdNumberChecksum")]
    [InlineData("1101051990030700", "IdNumberLength")]
    [InlineData("11010519900230001X", "IdNumberBirthDate")]
    [InlineData("110105203001010011", "IdNumberBirthDate")]
    [InlineData("1101051990O3070017", "IdNumberDigits")]
    [InlineData("", "IdNumberLength")]
    public void AnInvalidNumber_NamesTheBrokenRule(string value, string rule)
    {
        Assert.False(IdNumber.TryParse(value, Today, out _, out var broken));
        Assert.Equal(rule, broken);
    }

    [Fact]
    public void MaskingKeepsTheFirstThreeAndLastFour() =>
        Assert.Equal("110***********0017", IdNumber.Mask("110105199003070017"));

    [Theory]
    [InlineData("138 0013 8000", "13800138000", true)]
    [InlineData("+86-138-0013-8000", "13800138000", true)]
    [InlineData("23800138000", "23800138000", false)]
    [InlineData("1380013800", "1380013800", false)]
    public void PhonesAreNormalizedAndChecked(string input, string normalized, bool valid)
    {
        Assert.Equal(valid, Phone.TryNormalize(input, out var phone));
        Assert.Equal(normalized, phone);
    }

    [Fact]
    public void PhoneMaskHidesTheMiddleFour() => Assert.Equal("138****8000", Phone.Mask("13800138000"));

    [Fact]
    public void AgeCountsWholeYearsToTheDay()
    {
        var p = new Person { BirthDate = new DateOnly(2000, 11, 24) };
        Assert.Equal(25, p.AgeOn(Today));
        Assert.Equal(26, p.AgeOn(Today.AddDays(1)));
    }
}
