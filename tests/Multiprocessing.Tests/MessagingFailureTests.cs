using System.Diagnostics;
using Multiprocessing.Platform;

namespace Multiprocessing.Tests;

/// <summary>
/// A process that dies (SIGKILL) while others depend on it: a full queue whose taker died, an empty one whose putter died,
/// a large item whose writer or reader died halfway, a barrier whose party died, a pipe whose peer died. Each ends in a
/// clear exception, or goes on, within a bound; none hangs. Python hangs in every one of these.
/// </summary>
public class MessagingFailureTests
{
    /// <summary>How soon after a death the others must know: a wait looks every 25 ms, then 250 ms; the rest is a loaded machine.</summary>
    static readonly TimeSpan NoticeBound = TimeSpan.FromSeconds(5);

    const int SIGSTOP = 19, SIGCONT = 18; // Linux x64 and arm64

    static ChildProcess Started(Delegate target, params object?[] args)
    {
        var child = new ChildProcess(target, args);
        child.Start();
        return child;
    }

    static void Await(Func<bool> condition, string what) =>
        Assert.True(SpinWait.SpinUntil(condition, Bounded.Limit), $"gave up waiting: {what}");

    /// <summary>Kills <paramref name="child"/>, runs <paramref name="call"/>, and checks it threw <typeparamref name="TException"/> within the bound.</summary>
    static TException ThrowsSoonAfterKill<TException>(ChildProcess child, Action call) where TException : Exception
    {
        child.Kill();
        Assert.True(child.Join(Bounded.Limit));
        var clock = Stopwatch.StartNew();
        var error = Assert.Throws<TException>(() => Bounded.Run(() => { call(); return 0; }));
        Assert.True(clock.Elapsed < NoticeBound, $"noticed the death after {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.Contains($"process {child.Pid}", error.Message);
        return error;
    }

    [Fact]
    public void AFullQueueWhoseTakerWasKilledFailsThePutInsteadOfHanging()
    {
        using var queue = new SharedQueue<int>(maxsize: 2);
        using var took = new SharedValue<int>();
        using var taker = Started(MessagingTargets.TakeOneThenHang, queue, took);
        queue.Put(1);
        Await(() => took.Value == 1, "the taker took its item");
        queue.Put(2);
        queue.Put(3);
        Assert.True(queue.IsFull);
        var error = ThrowsSoonAfterKill<IOException>(taker, () => queue.Put(4));
        Assert.Contains("The queue is full and nothing will take from it", error.Message);
        Assert.Equal(2, queue.Count); // the items already in stay
    }

    [Fact]
    public void AnEmptyQueueWhosePutterWasKilledFailsTheGetInsteadOfHanging()
    {
        using var queue = new SharedQueue<int>();
        using var put = new SharedValue<int>();
        using var putter = Started(MessagingTargets.PutOneThenHang, queue, put);
        Await(() => put.Value == 1, "the putter put its item");
        Assert.Equal(1, queue.Get(timeout: Bounded.Limit));
        var error = ThrowsSoonAfterKill<EndOfStreamException>(putter, () => queue.Get());
        Assert.Contains("The queue is empty and nothing will put into it", error.Message);
    }

    [Fact]
    public void AQueueWhoseTakerWasKilledStillWaitsWhileAnotherTakerRuns()
    {
        using var queue = new SharedQueue<int>(maxsize: 1);
        using var took = new SharedValue<int>();
        using var total = new SharedArray<long>(1);
        using var killed = Started(MessagingTargets.TakeOneThenHang, queue, took);
        queue.Put(5);
        Await(() => took.Value == 1, "the first taker took its item");
        killed.Kill();
        Assert.True(killed.Join(Bounded.Limit));
        using var survivor = Started(MessagingTargets.SumUntilMinusOne, queue, total);
        for (int i = 1; i <= 20; i++)
            queue.Put(i, timeout: Bounded.Limit); // each waits for the survivor, not failing for the dead one
        queue.Put(-1, timeout: Bounded.Limit);
        Assert.True(survivor.Join(Bounded.Limit));
        Assert.Equal(210, total[0]);
    }

    [Fact]
    public void AWriterKilledHalfwayThroughALargeItemLeavesTheQueueUsable()
    {
        using var queue = new SharedQueue<string>(bufferSize: 64 * 1024);
        using var done = new SharedValue<int>();
        using var writer = Started(MessagingTargets.PutLargeText, queue, 10_000_000, done);
        // The item is 150 times the buffer and nobody reads yet: the writer stops with the buffer full, mid-item, holding the lock.
        Await(() => queue.Ring.WriterInMessage && queue.Ring.WriteLockHolder != 0 && queue.Ring.WriteLockHolderPid == writer.Pid, "the writer started its item");
        writer.Kill();
        Assert.True(writer.Join(Bounded.Limit));
        Assert.Equal(0, done.Value);
        Assert.Equal(0, queue.Count); // half an item is no item

        string? got = null;
        var reader = new Thread(() => got = queue.Get(timeout: Bounded.Limit)) { IsBackground = true };
        reader.Start(); // reads the dead writer's part, then drops it
        queue.Put("after", timeout: Bounded.Limit); // takes the dead writer's lock over, and tells readers the item was abandoned
        Assert.True(reader.Join(Bounded.Limit));
        Assert.Equal("after", got);
        Assert.True(queue.IsEmpty);
    }

    [Fact]
    public void AReaderKilledHalfwayThroughALargeItemLeavesTheQueueUsable()
    {
        if (!OperatingSystem.IsLinux())
            return; // SIGSTOP pauses the writer mid-item, deterministically
        using var queue = new SharedQueue<string>(bufferSize: 64 * 1024);
        using var done = new SharedValue<int>();
        using var took = new SharedValue<int>();
        using var writer = Started(MessagingTargets.PutLargeText, queue, 20_000_000, done);
        Await(() => queue.Ring.WriterInMessage, "the writer started its item");
        NativeMethods.kill(writer.Pid!.Value, SIGSTOP);
        try
        {
            using var reader = Started(MessagingTargets.TakeOneTextThenHang, queue, took);
            // The reader takes what the paused writer wrote, and waits for the rest in the middle of the item.
            Await(() => queue.Ring.ReaderInMessage && queue.Ring.ReadLockHolder != 0 && queue.Ring.ReadLockHolderPid == reader.Pid, "the reader started taking the item");
            reader.Kill();
            Assert.True(reader.Join(Bounded.Limit));
        }
        finally
        {
            NativeMethods.kill(writer.Pid!.Value, SIGCONT);
        }
        Assert.Equal(0, took.Value);
        // The next reader takes the dead one's lock over and drops the rest of the item it had started; the writer then finishes.
        Assert.Throws<QueueEmptyException>(() => queue.Get(timeout: TimeSpan.FromMilliseconds(200)));
        Assert.True(writer.Join(Bounded.Limit));
        Assert.Equal(1, done.Value);
        queue.Put("next", timeout: Bounded.Limit);
        Assert.Equal("next", queue.Get(timeout: Bounded.Limit));
    }

    [Fact]
    public void ABarrierWhosePartyWasKilledBreaksInsteadOfHanging()
    {
        using var barrier = new SharedBarrier(3);
        using var started = new SharedValue<int>();
        using var party = Started(MessagingTargets.OpenBarrierThenHang, barrier, started);
        using var other = new ChildProcess(MessagingTargets.WaitAndReport, barrier);
        other.Start();
        Await(() => started.Value != 0 && barrier.Waiting == 1, "the other party waits");
        var error = ThrowsSoonAfterKill<BrokenBarrierException>(party, () => barrier.Wait());
        Assert.Contains("will not arrive", error.Message);
        Assert.True(other.Join(Bounded.Limit));
        Assert.Equal(0, other.ExitCode);
        Assert.True(barrier.IsBroken);
        barrier.Reset();
        Assert.False(barrier.IsBroken);
        Assert.Equal(0, barrier.Waiting);
    }

    [Fact]
    public void ABarrierWhoseInternalLocksHolderWasKilledIsTakenOverAndBroken()
    {
        using var barrier = new SharedBarrier(2);
        using var holding = new SharedValue<int>();
        using var holder = Started(MessagingTargets.HoldBarrierLockUntilKilled, barrier, holding);
        Await(() => holding.Value != 0, "the child took the barrier's lock");
        var error = ThrowsSoonAfterKill<BrokenBarrierException>(holder, () => barrier.Wait());
        Assert.Contains("will not arrive", error.Message);
        barrier.Reset(); // the lock was taken over, not left held
        Assert.False(barrier.IsBroken);
    }

    [Fact]
    public void APipeWhosePeerWasKilledReadsEndOfStream()
    {
        var (conn, childConn) = Pipe.Create<int>();
        using var _ = conn;
        using var started = new SharedValue<int>();
        using var peer = Started(MessagingTargets.HoldUntilKilled, childConn, started);
        childConn.Close();
        Await(() => started.Value != 0, "the peer opened its end");
        var error = ThrowsSoonAfterKill<EndOfStreamException>(peer, () => conn.Recv());
        Assert.Contains("killed, or crashed", error.Message);
    }

    [Fact]
    public void APipeWhoseReaderWasKilledFailsASendThatWaitsForRoom()
    {
        var (conn, childConn) = Pipe.Create<int>(bufferSize: 4096);
        using var _ = conn;
        using var received = new SharedValue<int>();
        using var reader = Started(MessagingTargets.ReceiveOneThenHang, childConn, received);
        childConn.Close();
        conn.Send(0);
        Await(() => received.Value == 1, "the reader received its message");
        var error = ThrowsSoonAfterKill<IOException>(reader, () =>
        {
            for (int i = 0; i < 100_000; i++) // far more than the buffer holds
                conn.Send(i);
        });
        Assert.Contains("Broken pipe", error.Message);
    }

    [Fact]
    public void AWaitingProcessUsesNoCore()
    {
        // A Get that waits a second sleeps in the kernel (a futex on Linux, 1 ms naps elsewhere); a spinning one would use it all.
        using var queue = new SharedQueue<int>();
        using var put = new SharedValue<int>();
        using var child = Started(MessagingTargets.SumUntilMinusOne, queue, new SharedArray<long>(1));
        using var process = Process.GetProcessById(child.Pid!.Value);
        queue.Put(1);
        Await(() => queue.IsEmpty, "the child took its first item");
        var before = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        Thread.Sleep(1000); // the measurement: how much CPU a second of waiting costs
        process.Refresh();
        var used = process.TotalProcessorTime - before;
        queue.Put(-1, timeout: Bounded.Limit);
        Assert.True(child.Join(Bounded.Limit));
        Assert.True(used < clock.Elapsed * 0.2, $"a waiting process used {used.TotalMilliseconds:0} ms of CPU in {clock.Elapsed.TotalMilliseconds:0} ms");
    }
}
