using System.Text.Json.Serialization;
using Multiprocessing.Sync;

namespace Multiprocessing;

/// <summary>
/// Equivalent of Python's <c>multiprocessing.JoinableQueue</c>: a <see cref="SharedQueue{T}"/> that also counts the
/// items not yet processed. Each <see cref="SharedQueue{T}.Put"/> adds one; a taker calls <see cref="TaskDone"/> when it
/// has processed an item; <see cref="Join()"/> waits until the count is back to 0.
/// <para>
/// <see cref="Join()"/> does not wait forever for a process that can no longer call <see cref="TaskDone"/>: when a process
/// that took items ended (or closed the queue) without marking them done, or items wait and every taker died, it throws
/// <see cref="IOException"/> naming the process.
/// </para>
/// </summary>
/// <typeparam name="T">The items' type, as for <see cref="SharedQueue{T}"/>.</typeparam>
[JsonConverter(typeof(SyncObjectJsonConverter))]
public sealed class JoinableQueue<T> : SharedQueue<T>, ISyncObject<JoinableQueue<T>>
{
    /// <summary>Equivalent of <c>JoinableQueue(maxsize)</c>; see <see cref="SharedQueue{T}(int, int)"/>.</summary>
    /// <param name="maxsize">The most items it holds at once; 0 or less for no limit, as in Python.</param>
    /// <param name="bufferSize">Bytes of shared memory for items waiting to be taken, rounded up to a power of two.</param>
    /// <exception cref="ArgumentOutOfRangeException">Throws when <paramref name="bufferSize"/> is below 4,096 or above 1 GiB.</exception>
    /// <exception cref="ArgumentException">Throws when <typeparamref name="T"/> cannot travel as JSON, or would arrive as a different value.</exception>
    public JoinableQueue(int maxsize = 0, int bufferSize = DefaultBufferSize) : base(SyncKind.JoinableQueue, maxsize, bufferSize)
    {
    }

    JoinableQueue(SyncMemory memory, int sentFrom) : base(memory, sentFrom)
    {
    }

    static JoinableQueue<T> ISyncObject<JoinableQueue<T>>.Open(SyncHandle handle) =>
        new(SyncMemory.Open(handle, "JoinableQueue", SyncKind.JoinableQueue), handle.From);

    private protected override string TypeName => "JoinableQueue";

    /// <summary>Equivalent of <c>task_done()</c>: one item taken earlier is processed.</summary>
    /// <exception cref="InvalidOperationException">Throws when it is called more times than items were put, as Python raises ValueError.</exception>
    /// <exception cref="ObjectDisposedException">Throws when the queue was closed in this process.</exception>
    public void TaskDone()
    {
        using var use = Memory.Use(TypeName);
        if (ChangeUnfinished(-1) < 0)
        {
            ChangeUnfinished(+1);
            throw new InvalidOperationException("TaskDone() was called more times than items were put on the queue.");
        }
        Openers.TryTakePending(Entry);
    }

    /// <summary>Equivalent of <c>join()</c>: waits until every item put has been marked done with <see cref="TaskDone"/>.</summary>
    /// <exception cref="IOException">Throws when the count can never reach 0: a process that took items died or closed the queue without marking them done, or items wait and every taker died.</exception>
    /// <exception cref="ObjectDisposedException">Throws when the queue was closed in this process.</exception>
    public void Join() => Join(Timeout.InfiniteTimeSpan);

    /// <summary>Equivalent of <c>join()</c> with a limit: false when items were still unfinished after <paramref name="timeout"/>.</summary>
    /// <param name="timeout">How long to wait; <see cref="Timeout.InfiniteTimeSpan"/> waits as long as it takes.</param>
    /// <returns>True when every item put was marked done.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Throws when <paramref name="timeout"/> is negative and not <see cref="Timeout.InfiniteTimeSpan"/>.</exception>
    /// <exception cref="IOException">Throws when the count can never reach 0: a process that took items died or closed the queue without marking them done, or items wait and every taker died.</exception>
    /// <exception cref="ObjectDisposedException">Throws when the queue was closed in this process.</exception>
    public unsafe bool Join(TimeSpan timeout)
    {
        var deadline = Deadline.From(block: true, timeout);
        using var use = Memory.Use(TypeName);
        int* unfinished = (int*)(Memory.Data + QueueLayout.Unfinished);
        int* waiters = (int*)(Memory.Data + QueueLayout.UnfinishedWaiters);
        var watchClock = WatchClock.Start();
        while (true)
        {
            int left = Volatile.Read(ref *unfinished);
            if (left <= 0)
                return true;
            if (deadline.Passed)
                return false;
            if (watchClock.Due())
            {
                Memory.ThrowIfClosed(TypeName);
                var (pid, pending) = Openers.FindStrandedPending();
                if (pid != 0)
                    throw new IOException(
                        $"Join() would wait forever: process {pid} took {pending} item(s) from the queue and ended (or closed the queue) " +
                        "without calling TaskDone() for them.");
                if (Count > 0 && TakersGone($"Join() would wait forever: {Count} item(s) wait in the queue") is { } gone)
                    throw gone;
            }
            SharedWord.WaitForChange(unfinished, left, waiters, deadline.Left(MessageRing.WatchPeriod));
        }
    }
}
