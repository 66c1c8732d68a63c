using System.Collections.Concurrent;
using Qingyun.Infrastructure;

namespace Qingyun.Tests.Unit;

/// <summary>
/// The group-commit loop behind the check-in writer and the grouped token and gate reads: items that arrive while a
/// group is handled go together in the next, none is lost, and a group that fails does not stop the ones after it.
/// </summary>
public sealed class GroupedTests
{
    [Fact]
    public async Task ItemsArrivingWhileAGroupIsHandled_GoTogetherInTheNext_AndEveryItemIsHandledOnce()
    {
        var groups = new ConcurrentQueue<int[]>();
        var firstStarted = new TaskCompletionSource();
        var releaseFirst = new TaskCompletionSource();
        var done = new TaskCompletionSource();
        var grouped = new Grouped<int>(async group =>
        {
            groups.Enqueue(group);
            if (group.Contains(0))
            {
                firstStarted.SetResult();
                await releaseFirst.Task;
            }
            if (groups.Sum(g => g.Length) == 51)
            {
                done.SetResult();
            }
        }, (_, _) => { }, largest: 100);

        grouped.Add(0);
        await firstStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        foreach (var i in Enumerable.Range(1, 50))
        {
            grouped.Add(i);
        }
        releaseFirst.SetResult();
        await done.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var handled = groups.ToArray();
        Assert.Equal([0], handled[0]);
        Assert.Equal(Enumerable.Range(1, 50), handled[1]);
        Assert.Equal(2, handled.Length);
    }

    [Fact]
    public async Task AGroupThatFails_IsReportedAsFailed_AndTheNextGroupsAreStillHandled()
    {
        var failed = new ConcurrentBag<int>();
        var handled = new ConcurrentBag<int>();
        var grouped = new Grouped<int>(group =>
        {
            if (group.Contains(1))
            {
                throw new InvalidOperationException("the database went away");
            }
            foreach (var i in group)
            {
                handled.Add(i);
            }
            return Task.CompletedTask;
        }, (group, _) =>
        {
            foreach (var i in group)
            {
                failed.Add(i);
            }
            // Even a failing report must not stop the loop.
            throw new InvalidOperationException("the log is full");
        }, largest: 1);

        grouped.Add(1);
        for (var i = 2; i <= 5; i++)
        {
            grouped.Add(i);
        }
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (handled.Count < 4 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }
        Assert.Equal([1], failed.ToArray());
        Assert.Equal([2, 3, 4, 5], handled.Order());
    }
}
