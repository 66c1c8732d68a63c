namespace Qingyun.Tests.Infrastructure;

/// <summary>
/// The app's clock in tests: the real UTC time plus an offset a test can move forward (a check-in
/// window opening, a code expiring, an activity ending). Tests of one fixture run one after another;
/// a test that moves the clock resets it when it is done.
/// </summary>
public sealed class TestClock : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public void Reset() => Interlocked.Exchange(ref _offsetTicks, 0);
}
