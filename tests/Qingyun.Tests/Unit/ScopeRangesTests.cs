using Qingyun.Security;

namespace Qingyun.Tests.Unit;

public sealed class ScopeRangesTests
{
    private static bool In(ScopeRanges r, string path) =>
        (string.CompareOrdinal(path, r.Lo0) >= 0 && string.CompareOrdinal(path, r.Hi0) < 0)
        || (string.CompareOrdinal(path, r.Lo1) >= 0 && string.CompareOrdinal(path, r.Hi1) < 0)
        || (string.CompareOrdinal(path, r.Lo2) >= 0 && string.CompareOrdinal(path, r.Hi2) < 0)
        || (string.CompareOrdinal(path, r.Lo3) >= 0 && string.CompareOrdinal(path, r.Hi3) < 0)
        || (r.HasMore && r.More.Any(p => path.StartsWith(p, StringComparison.Ordinal)));

    [Fact]
    public void ARangeHoldsTheSubtreeAndNothingElse()
    {
        var r = ScopeRanges.From(["/0a/1b/"]);
        Assert.True(In(r, "/0a/1b/"));
        Assert.True(In(r, "/0a/1b/ff/"));
        Assert.True(In(r, "/0a/1b/00/ff/"));
        Assert.False(In(r, "/0a/"));
        Assert.False(In(r, "/0a/1b0/"));
        Assert.False(In(r, "/0a/1c/"));
        Assert.False(In(r, "/0a/1a/ff/"));
    }

    [Fact]
    public void EmptySlotsHoldNothing() => Assert.False(In(ScopeRanges.From([]), "/0a/"));

    [Fact]
    public void MoreThanFourSubtreesAllCount()
    {
        var paths = Enumerable.Range(0, 6).Select(i => $"/0{i}/").ToArray();
        var r = ScopeRanges.From(paths);
        Assert.All(paths, p => Assert.True(In(r, p + "aa/")));
        Assert.False(In(r, "/07/"));
    }

    [Fact]
    public void SystemModeHoldsEveryPath() => Assert.True(In(ScopeRanges.All, "/ffffffff/00/"));
}
