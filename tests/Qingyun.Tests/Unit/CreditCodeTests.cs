using Qingyun.Domain.Building;

namespace Qingyun.Tests.Unit;

public sealed class CreditCodeTests
{
    [Theory]
    [InlineData("91350100M000100Y43")]
    [InlineData("91110000600037341L")]
    [InlineData("52990106mad1tj3y9f")]
    public void ARealCode_PassesTheGb32100Checksum(string code)
    {
        Assert.True(CreditCode.TryParse(code, out var normalized, out _));
        Assert.Equal(code.ToUpperInvariant(), normalized);
    }

    [Theory]
    [InlineData("91350100M000100Y44", "CreditCodeChecksum")]
    [InlineData("91110000600037341X", "CreditCodeChecksum")]
    [InlineData("91350100M000100Y4", "CreditCodeLength")]
    [InlineData("", "CreditCodeLength")]
    [InlineData("91350100M0001O0Y43", "CreditCodeChars")]
    [InlineData("913501A0M000100Y43", "CreditCodeChars")]
    public void ABrokenCode_NamesTheRule(string code, string rule)
    {
        Assert.False(CreditCode.TryParse(code, out _, out var broken));
        Assert.Equal(rule, broken);
    }

    [Fact]
    public void TheCheckCharacterIsComputedFromTheFirst17() =>
        Assert.Equal('3', CreditCode.CheckCharFor("91350100M000100Y4"));

    [Theory]
    [InlineData("13800138000", "138****8000")]
    [InlineData("010-12345678", "010-****5678")]
    [InlineData("0571 8765432", "0571-***5432")]
    public void AContactPhone_IsAMobileOrALandline_AndMasked(string input, string masked)
    {
        Assert.True(ContactPhone.TryNormalize(input, out var phone));
        Assert.Equal(masked, ContactPhone.Mask(phone));
    }

    [Fact]
    public void NotAPhone_IsRefused() => Assert.False(ContactPhone.TryNormalize("12345", out _));
}
