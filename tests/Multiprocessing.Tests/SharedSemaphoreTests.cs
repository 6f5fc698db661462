using System.Diagnostics;

namespace Multiprocessing.Tests;

/// <summary>Python's <c>multiprocessing.Semaphore</c> and <c>BoundedSemaphore</c>: CPython's <c>_TestSemaphore</c>, then across processes.</summary>
public class SharedSemaphoreTests
{
    /// <summary>_TestSemaphore._test_semaphore: a semaphore of 2 counts down to 0 and back.</summary>
    static void CountsDownAndBack(SharedSemaphore sem)
    {
        Assert.Equal(2, sem.Value);
        Assert.True(sem.TryAcquire(Timeout.InfiniteTimeSpan));
        Assert.Equal(1, sem.Value);
        Assert.True(sem.TryAcquire(Timeout.InfiniteTimeSpan));
        Assert.Equal(0, sem.Value);
        Assert.False(sem.TryAcquire(TimeSpan.Zero)); // acquire(False)
        Assert.Equal(0, sem.Value);
        sem.Release();
        Assert.Equal(1, sem.Value);
        sem.Release();
        Assert.Equal(2, sem.Value);
    }

    [Fact] // _TestSemaphore.test_semaphore
    public void Semaphore()
    {
        using var sem = new SharedSemaphore(2);
        CountsDownAndBack(sem);
        sem.Release();
        Assert.Equal(3, sem.Value);
        sem.Release();
        Assert.Equal(4, sem.Value);
    }

    [Fact] // _TestSemaphore.test_bounded_semaphore, with the check CPython leaves commented out for macOS
    public void BoundedSemaphore()
    {
        using var sem = new SharedBoundedSemaphore(2);
        CountsDownAndBack(sem);
        var error = Assert.Throws<SemaphoreFullException>(sem.Release); // Python: ValueError
        Assert.Contains("initial 2", error.Message);
        Assert.Equal(2, sem.Value);
    }

    [Fact] // _TestSemaphore.test_timeout
    public void TryAcquireWaitsItsTimeout()
    {
        using var sem = new SharedSemaphore(0);
        var clock = Stopwatch.StartNew();
        Assert.False(sem.TryAcquire(TimeSpan.Zero));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2));
        clock.Restart();
        Assert.False(sem.TryAcquire(TimeSpan.FromMilliseconds(100)));
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(80), $"returned after {clock.Elapsed.TotalMilliseconds:0} ms");
        Assert.Throws<ArgumentOutOfRangeException>(() => new SharedSemaphore(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => sem.TryAcquire(TimeSpan.FromSeconds(-2)));
    }

    [Fact]
    public void NoMoreProcessesHoldItThanItsValue()
    {
        using var sem = new SharedSemaphore(2);
        using var counters = new SharedArray<int>(2); // [holding now, most at once]
        var children = Enumerable.Range(0, 5).Select(_ => new ChildProcess(MessagingTargets.HoldBriefly, sem, counters)).ToList();
        children.StartAll();
        Assert.Empty(children.JoinAll(Bounded.Limit));
        Assert.All(children, c => Assert.Equal(0, c.ExitCode));
        Assert.Equal(0, counters[0]);
        Assert.InRange(counters[1], 1, 2);
        Assert.Equal(2, sem.Value);
    }

    [Fact]
    public void AReleaseInAChildWakesTheParent()
    {
        using var sem = new SharedSemaphore(0);
        using var child = new ChildProcess(MessagingTargets.ReleaseOnce, sem);
        child.Start();
        Assert.True(Bounded.Run(() => sem.TryAcquire(Bounded.Limit)));
        Assert.True(child.Join(Bounded.Limit));
        using var one = new SharedSemaphore(1);
        using (one.Acquire()) // Acquire returns a releaser for using
            Assert.Equal(0, one.Value);
        Assert.Equal(1, one.Value);
    }
}
