using System.Diagnostics;

namespace Multiprocessing.Tests;

/// <summary>Python's <c>multiprocessing.Event</c> across real processes: CPython's <c>_TestEvent</c>, then several waiters.</summary>
public class SharedEventTests
{
    static readonly TimeSpan Short = TimeSpan.FromMilliseconds(100);

    [Fact] // _TestEvent.test_event
    public void Event()
    {
        using var ev = new SharedEvent();
        Assert.False(ev.IsSet);

        var clock = Stopwatch.StartNew();
        Assert.False(ev.Wait(TimeSpan.Zero));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2));
        clock.Restart();
        Assert.False(ev.Wait(Short));
        Assert.True(clock.Elapsed >= Short - TimeSpan.FromMilliseconds(20), $"wait({Short.TotalMilliseconds} ms) returned after {clock.Elapsed.TotalMilliseconds:0} ms");

        ev.Set();
        Assert.True(ev.IsSet);
        clock.Restart();
        Assert.True(ev.Wait());
        Assert.True(ev.Wait(Short));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), "waits on a set event waited");

        ev.Clear();
        Assert.False(ev.IsSet);
        using var p = new ChildProcess(MessagingTargets.SetAfterNap, ev);
        p.Start();
        Assert.True(Bounded.Run(ev.Wait));
        Assert.True(p.Join(Bounded.Limit));
    }

    [Fact] // _TestEvent.test_repr
    public void ToStringSaysSetOrUnset()
    {
        using var ev = new SharedEvent();
        Assert.Equal("SharedEvent(unset)", ev.ToString());
        ev.Set();
        Assert.Equal("SharedEvent(set)", ev.ToString());
        ev.Clear();
        Assert.Equal("SharedEvent(unset)", ev.ToString());
    }

    [Fact]
    public void OneSetWakesEveryWaitingProcess()
    {
        using var go = new SharedEvent();
        using var marks = new SharedArray<int>(3);
        var children = Enumerable.Range(0, 3).Select(i => new ChildProcess(MessagingTargets.WaitThenMark, go, marks, i)).ToList();
        children.StartAll();
        try
        {
            Assert.False(SpinWait.SpinUntil(() => marks.Any(m => m != 0), TimeSpan.FromMilliseconds(200)), "a child went on before the event was set");
            go.Set();
            Assert.Empty(children.JoinAll(Bounded.Limit));
            Assert.Equal(children.Select(c => c.Pid!.Value), marks.ToArray());
        }
        finally
        {
            children.ForEach(c => c.Dispose());
        }
    }
}
