using System.Text;

namespace Multiprocessing.Tests;

/// <summary>
/// What the children of the queue, pipe, event, semaphore and barrier tests run; most are CPython's own test targets
/// (Lib/test/_test_multiprocessing.py), named after them. Kept apart from the test classes so children load nothing of xunit.
/// </summary>
public static class MessagingTargets
{
    // ---- queues (_TestQueue) ----

    /// <summary>_TestQueue._test_put: once allowed, takes six items, then lets the parent go on.</summary>
    public static void TakeSix(SharedQueue<int> queue, SharedEvent childCanStart, SharedEvent parentCanContinue)
    {
        childCanStart.Wait();
        for (int i = 0; i < 6; i++)
            queue.Get();
        parentCanContinue.Set();
    }

    /// <summary>_TestQueue._test_get: once allowed, puts 2 to 5, then lets the parent go on.</summary>
    public static void PutTwoToFive(SharedQueue<int> queue, SharedEvent childCanStart, SharedEvent parentCanContinue)
    {
        childCanStart.Wait();
        for (int i = 2; i <= 5; i++)
            queue.Put(i);
        parentCanContinue.Set();
    }

    /// <summary>Puts <paramref name="count"/> numbers from <paramref name="start"/>, in order (_TestQueue._test_fork puts 10 to 19).</summary>
    public static void PutRange(SharedQueue<int> queue, int start, int count)
    {
        for (int i = start; i < start + count; i++)
            queue.Put(i);
    }

    /// <summary><see cref="PutRange"/> as a pool task, which returns how many it put.</summary>
    public static int PutRangeInTask(SharedQueue<int> queue, int start, int count)
    {
        PutRange(queue, start, count);
        return count;
    }

    /// <summary>Puts each text, then returns: its items outlive it in shared memory.</summary>
    public static void PutTexts(SharedQueue<string> queue, string[] texts)
    {
        foreach (var text in texts)
            queue.Put(text);
    }

    /// <summary>_TestQueue._test_task_done: takes items until null, marking each done after a short nap.</summary>
    public static void TakeUntilNullMarkingDone(JoinableQueue<int?> queue)
    {
        while (queue.Get() is not null)
        {
            Thread.Sleep(10);
            queue.TaskDone();
        }
    }

    /// <summary>Takes one item and returns without calling TaskDone: a joinable queue's Join must not wait forever for it.</summary>
    public static int TakeOneWithoutTaskDone(JoinableQueue<int> queue) => queue.Get();

    /// <summary>Takes items until -1, adding them into slot 0 of <paramref name="total"/> (a consumer that runs until told to stop).</summary>
    public static void SumUntilMinusOne(SharedQueue<int> queue, SharedArray<long> total)
    {
        for (int item; (item = queue.Get()) != -1;)
            total[0] += item;
    }

    /// <summary>Takes one item, marks that it did, then sleeps until killed: a consumer that dies with the queue open.</summary>
    public static void TakeOneThenHang(SharedQueue<int> queue, SharedValue<int> took)
    {
        queue.Get();
        took.Value = 1;
        Thread.Sleep(Timeout.Infinite);
    }

    /// <summary><see cref="TakeOneThenHang"/> for a queue of texts.</summary>
    public static void TakeOneTextThenHang(SharedQueue<string> queue, SharedValue<int> took)
    {
        queue.Get();
        took.Value = 1;
        Thread.Sleep(Timeout.Infinite);
    }

    /// <summary>Puts one item, marks that it did, then sleeps until killed: a producer that dies with the queue open.</summary>
    public static void PutOneThenHang(SharedQueue<int> queue, SharedValue<int> put)
    {
        queue.Put(1);
        put.Value = 1;
        Thread.Sleep(Timeout.Infinite);
    }

    /// <summary>Puts one large text and marks when it returned; the parent kills it while it streams through a small buffer.</summary>
    public static void PutLargeText(SharedQueue<string> queue, int length, SharedValue<int> done)
    {
        queue.Put(new string('x', length));
        done.Value = 1;
    }

    /// <summary>Echoes every item back on a second queue until -1 (a round trip through two queues).</summary>
    public static void EchoQueue(SharedQueue<int> requests, SharedQueue<int> replies)
    {
        for (int item; (item = requests.Get()) != -1;)
            replies.Put(item);
    }

    // ---- pipes (_TestConnection, _TestPoll) ----

    /// <summary>_TestConnection._echo: echoes raw messages until an empty one, then closes.</summary>
    public static void EchoBytes(PipeConnection<int[]> connection)
    {
        for (byte[] message; (message = connection.RecvBytes()).Length != 0;)
            connection.SendBytes(message);
        connection.Close();
    }

    /// <summary>Echoes typed messages until null.</summary>
    public static void EchoTexts(PipeConnection<string?> connection)
    {
        while (connection.Recv() is { } text)
            connection.Send(text);
    }

    /// <summary>The Python docs' first pipe example: sends one message and closes.</summary>
    public static void SendGreeting(PipeConnection<Greeting> connection)
    {
        connection.Send(new Greeting(42, null, "hello"));
        connection.Close();
    }

    /// <summary>Sends <paramref name="count"/> numbers, then returns (closing its end as it exits).</summary>
    public static void SendNumbers(PipeConnection<int> connection, int count)
    {
        for (int i = 0; i < count; i++)
            connection.Send(i);
    }

    /// <summary>_TestPoll._child_strings: sends each string after a short nap, then closes.</summary>
    public static void SendStringsSlowly(PipeConnection<string> connection, string[] strings)
    {
        foreach (var text in strings)
        {
            Thread.Sleep(20);
            connection.SendBytes(Encoding.UTF8.GetBytes(text));
        }
        connection.Close();
    }

    /// <summary>_TestPoll._child_dont_merge: three raw messages in a row.</summary>
    public static void SendThreeMessages(PipeConnection<string> connection)
    {
        connection.SendBytes("a"u8);
        connection.SendBytes("b"u8);
        connection.SendBytes("cd"u8);
    }

    /// <summary>_TestPoll._child_boundaries: polls, which must not take part of a message.</summary>
    public static void PollOnce(PipeConnection<string> connection) => connection.Poll(TimeSpan.FromSeconds(5));

    /// <summary>Receives one message, marks it, then sleeps until killed: a peer that dies with its end open.</summary>
    public static void ReceiveOneThenHang(PipeConnection<int> connection, SharedValue<int> received)
    {
        connection.Recv();
        received.Value = 1;
        Thread.Sleep(Timeout.Infinite);
    }

    /// <summary>Sleeps until killed, holding its end of the pipe.</summary>
    public static void HoldUntilKilled(PipeConnection<int> connection, SharedValue<int> started)
    {
        started.Value = Environment.ProcessId;
        Thread.Sleep(Timeout.Infinite);
    }

    /// <summary>Sends one number and returns it; a pool task with a pipe end.</summary>
    public static int SendFromTask(PipeConnection<int> connection, int value)
    {
        connection.Send(value);
        return value;
    }

    // ---- events (_TestEvent) ----

    /// <summary>_TestEvent._test_event: sets the event after a short nap.</summary>
    public static void SetAfterNap(SharedEvent ready)
    {
        Thread.Sleep(100);
        ready.Set();
    }

    /// <summary>Waits for the event, then writes its own pid into the slot.</summary>
    public static void WaitThenMark(SharedEvent go, SharedArray<int> marks, int slot)
    {
        go.Wait();
        marks[slot] = Environment.ProcessId;
    }

    // ---- semaphores ----

    /// <summary>Holds the semaphore for a moment, counting how many hold it at once in slot 0 and the most seen in slot 1.</summary>
    public static void HoldBriefly(SharedSemaphore semaphore, SharedArray<int> counters)
    {
        using (semaphore.Acquire())
        {
            int now = Interlocked.Increment(ref counters.AsSpan()[0]);
            for (int seen = counters[1]; now > seen; seen = counters[1])
                if (Interlocked.CompareExchange(ref counters.AsSpan()[1], now, seen) == seen)
                    break;
            Thread.Sleep(30);
            Interlocked.Decrement(ref counters.AsSpan()[0]);
        }
    }

    /// <summary>Releases the semaphore once.</summary>
    public static void ReleaseOnce(SharedSemaphore semaphore) => semaphore.Release();

    // ---- barriers (_TestBarrier) ----

    /// <summary>
    /// _TestBarrier.multipass: in each of <paramref name="passes"/> passes, counts into slot 0, checks slot 1, waits, counts
    /// into slot 1, checks slot 0, waits again; the counts only add up when every party moves in lockstep.
    /// </summary>
    public static bool MultiPass(SharedBarrier barrier, SharedArray<int> results, int passes)
    {
        int parties = barrier.Parties;
        bool inStep = true;
        for (int i = 0; i < passes; i++)
        {
            Interlocked.Increment(ref results.AsSpan()[0]);
            inStep &= Volatile.Read(ref results.AsSpan()[1]) == i * parties;
            barrier.Wait();
            Interlocked.Increment(ref results.AsSpan()[1]);
            inStep &= Volatile.Read(ref results.AsSpan()[0]) == (i + 1) * parties;
            barrier.Wait();
        }
        return inStep && barrier.Waiting == 0 && !barrier.IsBroken;
    }

    /// <summary>_TestBarrier._test_wait_return_f: the index Wait returned.</summary>
    public static int WaitIndex(SharedBarrier barrier) => barrier.Wait();

    /// <summary>The barrier's action in _TestBarrier.test_action: appends a character to the file MP_TEST_ACTION_FILE names, once per run.</summary>
    public static void CountAction()
    {
        var path = Environment.GetEnvironmentVariable("MP_TEST_ACTION_FILE");
        if (path is not null)
            File.AppendAllText(path, "x");
    }

    /// <summary>_TestBarrier._test_action_f: waits, then reports how often the action had run by then.</summary>
    public static int WaitThenCountActions(SharedBarrier barrier, string actionFile)
    {
        barrier.Wait();
        return File.Exists(actionFile) ? File.ReadAllText(actionFile).Length : 0;
    }

    /// <summary>
    /// _TestBarrier._test_abort_f: the middle arrival aborts instead of waiting again; the others count into slot 0 when they
    /// pass the second wait (none should) or slot 1 when it is broken.
    /// </summary>
    public static void AbortInTheMiddle(SharedBarrier barrier, SharedArray<int> results, int parties)
    {
        try
        {
            int i = barrier.Wait();
            if (i == parties / 2)
            {
                barrier.Abort();
                return;
            }
            barrier.Wait();
            Interlocked.Increment(ref results.AsSpan()[0]);
        }
        catch (BrokenBarrierException)
        {
            Interlocked.Increment(ref results.AsSpan()[1]);
        }
    }

    /// <summary>
    /// _TestBarrier._test_reset_f: the middle arrival resets the barrier once the others wait again; they count into slot 1
    /// (broken by the reset); then everyone passes once more and counts into slot 2.
    /// </summary>
    public static void ResetInTheMiddle(SharedBarrier barrier, SharedArray<int> results, int parties)
    {
        int i = barrier.Wait();
        if (i == parties / 2)
        {
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (barrier.Waiting < parties - 1 && waited.Elapsed < TimeSpan.FromSeconds(20))
                Thread.Sleep(1);
            barrier.Reset();
        }
        else
        {
            try
            {
                barrier.Wait();
                Interlocked.Increment(ref results.AsSpan()[0]);
            }
            catch (BrokenBarrierException)
            {
                Interlocked.Increment(ref results.AsSpan()[1]);
            }
        }
        barrier.Wait();
        Interlocked.Increment(ref results.AsSpan()[2]);
    }

    /// <summary>
    /// _TestBarrier._test_abort_and_reset_f: an abort, then every party meets at a second barrier, one resets the first, and
    /// all pass the first once more.
    /// </summary>
    public static void AbortThenReset(SharedBarrier barrier, SharedBarrier barrier2, SharedArray<int> results, int parties)
    {
        try
        {
            int i = barrier.Wait();
            if (i == parties / 2)
                throw new InvalidOperationException("abort");
            barrier.Wait();
            Interlocked.Increment(ref results.AsSpan()[0]);
        }
        catch (BrokenBarrierException)
        {
            Interlocked.Increment(ref results.AsSpan()[1]);
        }
        catch (InvalidOperationException)
        {
            barrier.Abort();
        }
        if (barrier2.Wait() == parties / 2)
            barrier.Reset();
        barrier2.Wait();
        barrier.Wait();
        Interlocked.Increment(ref results.AsSpan()[2]);
    }

    /// <summary>_TestBarrier._test_timeout_f: the middle arrival is late; the others' short waits break the barrier.</summary>
    public static void LateParty(SharedBarrier barrier, SharedArray<int> results, int parties, int lateMs, int waitMs)
    {
        int i = barrier.Wait();
        if (i == parties / 2)
            Thread.Sleep(lateMs);
        try
        {
            barrier.Wait(TimeSpan.FromMilliseconds(waitMs));
        }
        catch (BrokenBarrierException)
        {
            Interlocked.Increment(ref results.AsSpan()[0]);
        }
    }

    /// <summary>_TestBarrier._test_default_timeout_f: as <see cref="LateParty"/>, with the barrier's own default timeout.</summary>
    public static void LatePartyDefaultTimeout(SharedBarrier barrier, SharedArray<int> results, int parties, int lateMs)
    {
        int i = barrier.Wait(TimeSpan.FromSeconds(30));
        if (i == parties / 2)
            Thread.Sleep(lateMs);
        try
        {
            barrier.Wait();
        }
        catch (BrokenBarrierException)
        {
            Interlocked.Increment(ref results.AsSpan()[0]);
        }
    }

    /// <summary>_TestBarrier._test_thousand_f: passes the barrier <paramref name="passes"/> times, sending the pass number after each.</summary>
    public static void SendEachPass(SharedBarrier barrier, int passes, PipeConnection<int> connection, SharedValue<int> lockHolder)
    {
        for (int i = 0; i < passes; i++)
        {
            barrier.Wait();
            using (lockHolder.GetLock().Acquire())
                connection.Send(i);
        }
    }

    /// <summary>Waits at the barrier and reports how it ended: "passed", or the exception's type.</summary>
    public static string WaitAndReport(SharedBarrier barrier)
    {
        try
        {
            barrier.Wait();
            return "passed";
        }
        catch (BrokenBarrierException e)
        {
            return nameof(BrokenBarrierException) + ": " + e.Message;
        }
    }

    /// <summary>Takes the barrier's internal lock, marks it, then sleeps until killed: a process that dies inside the barrier.</summary>
    public static void HoldBarrierLockUntilKilled(SharedBarrier barrier, SharedValue<int> holding)
    {
        barrier.StateLock.Acquire(Multiprocessing.Sync.Deadline.Never, out _);
        holding.Value = Environment.ProcessId;
        Thread.Sleep(Timeout.Infinite);
    }

    /// <summary>Marks that it has the barrier open, then sleeps until killed: a party that will never arrive.</summary>
    public static void OpenBarrierThenHang(SharedBarrier barrier, SharedValue<int> started)
    {
        started.Value = Environment.ProcessId;
        Thread.Sleep(Timeout.Infinite);
    }
}

/// <summary>The Python docs' message <c>[42, None, 'hello']</c>, as a record.</summary>
public sealed record Greeting(int Number, string? Nothing, string Text);

/// <summary>A list node that can point to itself: JSON refuses the cycle when a value is written, not when the type is checked.</summary>
public sealed class Node
{
    public int Value { get; set; }

    public Node? Next { get; set; }
}
