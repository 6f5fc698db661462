using System.Diagnostics;
using Multiprocessing.Wire;

namespace Multiprocessing.Tests;

/// <summary>
/// Python's <c>multiprocessing.Queue</c> across real processes: CPython's <c>_TestQueue</c> (Lib/test/_test_multiprocessing.py)
/// case by case where it applies, then what this queue adds (items that outlive their putter, large items, pool tasks).
/// </summary>
public class SharedQueueTests(ProcessPoolFixture fixture) : IClassFixture<ProcessPoolFixture>
{
    /// <summary>CPython's TIMEOUT1..3 are 0.1 s when timings are not checked.</summary>
    static readonly TimeSpan Short = TimeSpan.FromMilliseconds(100);

    readonly ProcessPool _pool = fixture.Pool;

    static ChildProcess Started(Delegate target, params object?[] args)
    {
        var child = new ChildProcess(target, args);
        child.Start();
        return child;
    }

    static TimeSpan Time(Action action)
    {
        var clock = Stopwatch.StartNew();
        action();
        return clock.Elapsed;
    }

    /// <summary>A wait that timed out took at least its timeout (less the clock's resolution) and not wildly more.</summary>
    static void AssertTookAbout(TimeSpan timeout, TimeSpan took)
    {
        Assert.True(took >= timeout - TimeSpan.FromMilliseconds(20), $"returned after {took.TotalMilliseconds:0} ms, before its {timeout.TotalMilliseconds:0} ms timeout");
        Assert.True(took < timeout + TimeSpan.FromSeconds(5), $"took {took.TotalMilliseconds:0} ms for a {timeout.TotalMilliseconds:0} ms timeout");
    }

    static void AssertAtOnce(TimeSpan took) =>
        Assert.True(took < TimeSpan.FromSeconds(2), $"a call that must not wait took {took.TotalMilliseconds:0} ms");

    [Fact] // _TestQueue.test_put
    public void Put()
    {
        const int maxSize = 6;
        using var queue = new SharedQueue<int>(maxsize: maxSize);
        using var childCanStart = new SharedEvent();
        using var parentCanContinue = new SharedEvent();
        using var child = Started(MessagingTargets.TakeSix, queue, childCanStart, parentCanContinue);

        Assert.True(queue.IsEmpty);
        Assert.False(queue.IsFull);

        queue.Put(1);
        queue.Put(2, true);
        queue.Put(3, true, null);
        queue.Put(4, false);
        queue.Put(5, false, null);
        queue.PutNoWait(6);

        // CPython sleeps here, as its items may still be in the feeder's buffer; Put has written them when it returns.
        Assert.False(queue.IsEmpty);
        Assert.True(queue.IsFull);

        AssertAtOnce(Time(() => Assert.Throws<QueueFullException>(() => queue.Put(7, false))));
        AssertAtOnce(Time(() => Assert.Throws<QueueFullException>(() => queue.Put(7, false, null))));
        AssertAtOnce(Time(() => Assert.Throws<QueueFullException>(() => queue.PutNoWait(7))));
        AssertTookAbout(Short, Time(() => Assert.Throws<QueueFullException>(() => queue.Put(7, true, Short))));
        AssertAtOnce(Time(() => Assert.Throws<QueueFullException>(() => queue.Put(7, false, Short))));
        AssertTookAbout(Short, Time(() => Assert.Throws<QueueFullException>(() => queue.Put(7, true, timeout: Short))));

        childCanStart.Set();
        Assert.True(parentCanContinue.Wait(Bounded.Limit));

        Assert.True(queue.IsEmpty);
        Assert.False(queue.IsFull);
        Assert.True(child.Join(Bounded.Limit));
        Assert.Equal(0, child.ExitCode);
    }

    [Fact] // _TestQueue.test_get
    public void Get()
    {
        using var queue = new SharedQueue<int>();
        using var childCanStart = new SharedEvent();
        using var parentCanContinue = new SharedEvent();
        using var child = Started(MessagingTargets.PutTwoToFive, queue, childCanStart, parentCanContinue);

        Assert.True(queue.IsEmpty);
        childCanStart.Set();
        Assert.True(parentCanContinue.Wait(Bounded.Limit));
        Assert.False(queue.IsEmpty);

        Assert.Equal(2, Bounded.Run(() => queue.Get(true, null)));
        Assert.Equal(3, Bounded.Run(() => queue.Get(true)));
        Assert.Equal(4, queue.Get(timeout: TimeSpan.FromSeconds(1)));
        Assert.Equal(5, queue.GetNoWait());
        Assert.True(queue.IsEmpty);

        AssertAtOnce(Time(() => Assert.Throws<QueueEmptyException>(() => queue.Get(false))));
        AssertAtOnce(Time(() => Assert.Throws<QueueEmptyException>(() => queue.Get(false, null))));
        AssertAtOnce(Time(() => Assert.Throws<QueueEmptyException>(() => queue.GetNoWait())));
        AssertTookAbout(Short, Time(() => Assert.Throws<QueueEmptyException>(() => queue.Get(true, Short))));
        AssertAtOnce(Time(() => Assert.Throws<QueueEmptyException>(() => queue.Get(false, Short))));
        AssertTookAbout(Short, Time(() => Assert.Throws<QueueEmptyException>(() => queue.Get(timeout: Short))));

        Assert.True(child.Join(Bounded.Limit));
        Assert.Equal(0, child.ExitCode);
    }

    [Fact] // _TestQueue.test_fork: the parent's items first, then the child's, in order
    public void ItemsFromTheParentAndAChildArriveInOrder()
    {
        using var queue = new SharedQueue<int>();
        for (int i = 0; i < 10; i++)
            queue.Put(i);
        using var child = Started(MessagingTargets.PutRange, queue, 10, 10);
        for (int i = 0; i < 20; i++)
            Assert.Equal(i, Bounded.Run(() => queue.Get()));
        Assert.Throws<QueueEmptyException>(() => queue.Get(false));
        Assert.True(child.Join(Bounded.Limit));
    }

    [Fact] // _TestQueue.test_qsize
    public void Count()
    {
        using var queue = new SharedQueue<int>();
        Assert.Equal(0, queue.Count);
        queue.Put(1);
        Assert.Equal(1, queue.Count);
        queue.Put(5);
        Assert.Equal(2, queue.Count);
        queue.Get();
        Assert.Equal(1, queue.Count);
        queue.Get();
        Assert.Equal(0, queue.Count);
    }

    [Fact] // _TestQueue.test_timeout
    public void AGetThatTimesOutWaitsItsTimeout()
    {
        using var queue = new SharedQueue<int>();
        var took = Time(() => Assert.Throws<QueueEmptyException>(() => queue.Get(true, TimeSpan.FromMilliseconds(200))));
        Assert.True(took >= TimeSpan.FromMilliseconds(100), $"took {took.TotalMilliseconds:0} ms"); // CPython allows 100 ms of clock resolution
    }

    [Fact] // _TestQueue.test_queue_feeder_donot_stop_onexc (bpo-30414, bpo-33078)
    public void AnItemThatCannotTravelFailsItsPutAndTheQueueGoesOn()
    {
        using var queue = new SharedQueue<Node>(maxsize: 1);
        var cycle = new Node { Value = 1 };
        cycle.Next = cycle;
        // CPython's feeder thread prints the error and drops the item; here Put itself throws, naming the item and the fix.
        var error = Assert.ThrowsAny<ArgumentException>(() => queue.Put(cycle));
        Assert.Contains("The item put on the queue", error.Message);
        queue.Put(new Node { Value = 2 });
        Assert.Equal(1, queue.Count); // the failed item took no slot
        Assert.Equal(2, queue.Get(timeout: Bounded.Limit).Value);
        Assert.True(queue.IsEmpty);
    }

    [Fact] // _TestQueue.test_closed_queue_empty_exceptions, test_closed_queue_put_get_exceptions
    public void AClosedQueueRefusesEveryOperationInThisProcess()
    {
        foreach (var queue in new SharedQueue<string>[] { new(), new JoinableQueue<string>() })
        {
            queue.Put("foo");
            queue.Close();
            queue.Close(); // twice is fine
            queue.JoinThread(); // nothing to wait for: Put wrote into shared memory
            var put = Assert.Throws<ObjectDisposedException>(() => queue.Put("foo"));
            Assert.Contains("closed in this process", put.Message);
            Assert.Throws<ObjectDisposedException>(() => queue.Get());
            Assert.Throws<ObjectDisposedException>(() => queue.IsEmpty);
            Assert.EndsWith("(closed)", queue.ToString());
        }
        using var open = new SharedQueue<int>();
        Assert.Throws<InvalidOperationException>(open.JoinThread); // as Python asserts the queue is closed
    }

    [Fact] // the Python docs' Queue example, line for line
    public void TheDocsExample()
    {
        using var q = new SharedQueue<Greeting>();
        using var p = new ChildProcess(PutGreeting, q);
        p.Start();
        Assert.Equal(new Greeting(42, null, "hello"), Bounded.Run(() => q.Get())); // print(q.get())  # prints "[42, None, 'hello']"
        Assert.True(p.Join(Bounded.Limit));
    }

    static void PutGreeting(SharedQueue<Greeting> q) => q.Put(new Greeting(42, null, "hello"));

    [Fact]
    public void ItemsOutliveTheProcessThatPutThem()
    {
        // CPython's rule "join a process only after draining its queue" exists because its items wait in the child's
        // feeder thread; here they wait in shared memory, so the child can end first.
        using var queue = new SharedQueue<string>();
        string[] texts = ["one", "two", "three"];
        using var child = Started(MessagingTargets.PutTexts, queue, texts);
        Assert.True(child.Join(Bounded.Limit));
        Assert.Equal(0, child.ExitCode);
        Assert.Equal(texts, new[] { queue.Get(false), queue.Get(false), queue.Get(false) });
    }

    [Fact]
    public void AnItemLargerThanTheBufferStreamsThrough()
    {
        using var queue = new SharedQueue<string>(bufferSize: 64 * 1024);
        var large = new string('é', 3_000_000); // 6 MB of UTF-8, a hundred times the buffer
        using var child = Started(MessagingTargets.PutTexts, queue, new[] { large, "after" });
        Assert.Equal(large, Bounded.Run(() => queue.Get()));
        Assert.Equal("after", Bounded.Run(() => queue.Get()));
        Assert.True(child.Join(Bounded.Limit));
    }

    [Fact]
    public void AnItemOverTheLimitFailsAtThePutNamingItAndTheFix()
    {
        using var queue = new SharedQueue<List<string>>();
        var tooMuch = Enumerable.Repeat(new string('x', 10_000_000), 30).ToList(); // 300 MB of JSON from 20 MB
        var error = Assert.ThrowsAny<ArgumentException>(() => queue.Put(tooMuch));
        Assert.Contains("The item put on the queue", error.Message);
        Assert.Contains(LimitedBuffer.Limit.ToString("N0"), error.Message);
        Assert.Contains("SharedArray", error.Message);
        Assert.True(queue.IsEmpty);
    }

    [Fact]
    public void ATypeThatCannotTravelIsRefusedWhenTheQueueIsMade()
    {
        var error = Assert.Throws<ArgumentException>(() => new SharedQueue<object>());
        Assert.Contains("A queue item", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new SharedQueue<int>(bufferSize: 100));
        using var queue = new SharedQueue<int>(bufferSize: 5000);
        Assert.Equal(8192, queue.BufferSize); // rounded up to a power of two
        Assert.Throws<ArgumentOutOfRangeException>(() => queue.Get(timeout: TimeSpan.FromSeconds(-1)));
    }

    [Fact]
    public void PoolTasksPutAndTheParentTakes()
    {
        using var queue = new SharedQueue<int>();
        Assert.Equal([50, 50], Bounded.Run(() => _pool.Starmap(MessagingTargets.PutRangeInTask, [(queue, 0, 50), (queue, 50, 50)], chunksize: 1)));
        var items = Enumerable.Range(0, 100).Select(_ => queue.Get(false)).Order();
        Assert.Equal(Enumerable.Range(0, 100), items);
    }

    [Fact]
    public void SeveralProducersAndConsumersLoseAndRepeatNothing()
    {
        const int producers = 3, consumers = 2, each = 2000;
        using var queue = new SharedQueue<int>(bufferSize: 16 * 1024); // small, so producers wait for room too
        using var total = new SharedArray<long>(1);
        using var sums = new SharedArray<long>(consumers);
        var children = Enumerable.Range(0, producers).Select(p => new ChildProcess(MessagingTargets.PutRange, queue, p * each, each))
            .Concat(Enumerable.Range(0, consumers).Select(c => new ChildProcess(SumInto, queue, sums, c)))
            .ToList();
        children.StartAll();
        try
        {
            Assert.True(children.Take(producers).All(c => c.Join(Bounded.Limit)), "a producer did not finish");
            for (int c = 0; c < consumers; c++)
                queue.Put(-1, timeout: Bounded.Limit);
            Assert.Empty(children.JoinAll(Bounded.Limit));
        }
        finally
        {
            children.ForEach(c => c.Dispose());
        }
        long n = producers * each;
        Assert.Equal(n * (n - 1) / 2, sums.Sum());
        Assert.True(queue.IsEmpty);
    }

    static void SumInto(SharedQueue<int> queue, SharedArray<long> sums, int slot)
    {
        for (int item; (item = queue.Get()) != -1;)
            sums[slot] += item;
    }
}
