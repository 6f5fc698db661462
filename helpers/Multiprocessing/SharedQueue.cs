using System.Text.Json.Serialization;
using Multiprocessing.Platform;
using Multiprocessing.Sync;
using Multiprocessing.Wire;

namespace Multiprocessing;

/// <summary>
/// Equivalent of Python's <c>multiprocessing.Queue</c>: items put in one process and taken in another, first in, first
/// out. Pass it to a <see cref="ChildProcess"/> or a pool task as an argument, as a <see cref="SharedArray{T}"/> is;
/// items travel as JSON under the rules and the 256 MiB limit of arguments.
/// <para>
/// The items wait in shared memory, not in the process that put them: <see cref="Put"/> has copied the item there when
/// it returns, so no feeder thread holds items back, and a child can exit before its items are taken. The buffer has a
/// fixed size (<c>bufferSize</c>, 1 MiB by default; an item larger than a quarter of it streams through), so a
/// <see cref="Put"/> waits when the buffer is full, as a write to a full pipe does.
/// </para>
/// <para>
/// A process that dies (killed, or crashed) does not leave the others hanging: if it held the queue's internal lock, the
/// next process takes it over; if it was putting a large item, the part it wrote is dropped; a <see cref="Put"/> waiting
/// on a full queue whose every taker died throws <see cref="IOException"/>, and a <see cref="Get"/> waiting on an empty
/// queue whose every putter died throws <see cref="EndOfStreamException"/>: within 25 ms of the death, or 250 ms once the
/// wait has lasted a second. (A process
/// that opened the queue and has neither put nor taken yet counts as a possible taker and putter; the process that made
/// the queue counts only for what it did.)
/// </para>
/// </summary>
/// <typeparam name="T">The items' type: numbers, strings, arrays, lists, records, or anything else JSON carries whole.</typeparam>
[JsonConverter(typeof(SyncObjectJsonConverter))]
public class SharedQueue<T> : IDisposable, ISyncObject<SharedQueue<T>>
{
    /// <summary>The buffer's size when none is given: 1 MiB, about 100,000 small items.</summary>
    public const int DefaultBufferSize = 1 << 20;

    const string PutWhat = "The item put on the queue";
    const string GetWhat = "An item taken from the queue";

    private protected readonly SyncMemory Memory;
    private protected readonly ProcessTable Openers;
    private protected readonly int Entry;
    readonly MessageRing _ring;
    readonly Watch _watch;
    readonly bool _joinable;
    bool _puts, _gets;

    /// <summary>Equivalent of <c>Queue(maxsize)</c>: an empty queue; <paramref name="maxsize"/> 0 (the default) sets no limit on items.</summary>
    /// <param name="maxsize">The most items it holds at once; 0 or less for no limit, as in Python.</param>
    /// <param name="bufferSize">Bytes of shared memory for items waiting to be taken, rounded up to a power of two.</param>
    /// <exception cref="ArgumentOutOfRangeException">Throws when <paramref name="bufferSize"/> is below 4,096 or above 1 GiB.</exception>
    /// <exception cref="ArgumentException">Throws when <typeparamref name="T"/> cannot travel as JSON, or would arrive as a different value.</exception>
    public SharedQueue(int maxsize = 0, int bufferSize = DefaultBufferSize) : this(SyncKind.Queue, maxsize, bufferSize)
    {
    }

    private protected SharedQueue(SyncKind kind, int maxsize, int bufferSize)
        : this(CreateMemory(kind, maxsize, bufferSize))
    {
        Openers.AddRole(Entry, ProcessTable.Roles.Creator);
    }

    private protected unsafe SharedQueue(SyncMemory memory, int sentFrom = 0)
    {
        Memory = memory;
        Openers = new ProcessTable(memory.Data + QueueLayout.Openers);
        _ring = new MessageRing(memory.Data + QueueLayout.Ring);
        _joinable = memory.Kind == SyncKind.JoinableQueue;
        MaxSize = *(int*)(memory.Data + QueueLayout.MaxSize);
        _watch = new Watch(this);
        try
        {
            Entry = Openers.Open(TypeName, sentFrom);
        }
        catch
        {
            memory.Close();
            throw;
        }
        memory.OnClose(() => Openers.Close(Entry));
    }

    static unsafe SyncMemory CreateMemory(SyncKind kind, int maxsize, int bufferSize)
    {
        MessageCodec<T>.CheckType("A queue item");
        int capacity = MessageRing.CapacityFor(bufferSize, nameof(bufferSize));
        int limit = Math.Max(maxsize, 0);
        return SyncMemory.Create(kind, QueueLayout.SizeFor(capacity), data => QueueLayout.Initialize((byte*)data, limit, capacity));
    }

    static SharedQueue<T> ISyncObject<SharedQueue<T>>.Open(SyncHandle handle) =>
        new(SyncMemory.Open(handle, "SharedQueue", SyncKind.Queue, SyncKind.JoinableQueue), handle.From);

    /// <summary>Counts the copy on its way to another process as a possible taker and putter until that process opens it.</summary>
    SyncHandle ISyncObject.ToHandle()
    {
        using (Memory.Use(TypeName))
        {
            Openers.AddTransit(TypeName);
            return Memory.Handle(Memory.Kind.ToString(), from: ProcessIdentity.Token);
        }
    }

    private protected virtual string TypeName => "SharedQueue";

    /// <summary>For tests: the ring the items wait in.</summary>
    internal MessageRing Ring => _ring;

    /// <summary>The most items it holds at once, or 0 for no limit (Python's <c>maxsize</c>; a negative one is 0).</summary>
    public int MaxSize { get; }

    /// <summary>Bytes of shared memory for waiting items.</summary>
    public int BufferSize => _ring.Capacity;

    /// <summary>
    /// Equivalent of <c>put(obj, block=True, timeout=None)</c>: adds <paramref name="item"/> at the end, waiting for room
    /// if the queue holds <see cref="MaxSize"/> items or its buffer is full. With <paramref name="block"/> false it does
    /// not wait; with a <paramref name="timeout"/> it waits at most that long. An item too large for a quarter of the
    /// buffer starts once there is room for its first part, then streams through as the takers take it.
    /// </summary>
    /// <param name="item">The item; it travels as JSON.</param>
    /// <param name="block">Whether to wait for room.</param>
    /// <param name="timeout">How long to wait when <paramref name="block"/> is true; null waits as long as it takes.</param>
    /// <exception cref="QueueFullException">Throws when there was no room at once (<paramref name="block"/> false) or within <paramref name="timeout"/>.</exception>
    /// <exception cref="ArgumentException">Throws when the item cannot travel as JSON, or passes the 256 MiB limit of one message.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Throws when <paramref name="timeout"/> is negative.</exception>
    /// <exception cref="IOException">Throws when the queue is full and will stay full: every process that took items from it died.</exception>
    /// <exception cref="ObjectDisposedException">Throws when the queue was closed in this process.</exception>
    public void Put(T item, bool block = true, TimeSpan? timeout = null)
    {
        var deadline = Deadline.From(block, timeout);
        using var use = Memory.Use(TypeName);
        var message = MessageCodec<T>.Encode(item, PutWhat);
        if (!_puts)
        {
            Openers.AddRole(Entry, ProcessTable.Roles.Puts);
            _puts = true;
        }
        // A joinable queue counts the task before any taker can see it, so its TaskDone never comes first.
        if (_joinable)
            ChangeUnfinished(+1);
        bool written = false;
        try
        {
            written = _ring.Write(message, deadline, MaxSize, _watch);
        }
        finally
        {
            if (!written && _joinable)
                ChangeUnfinished(-1);
        }
        if (!written)
            throw new QueueFullException(FullMessage(block, timeout));
    }

    /// <summary>Equivalent of <c>put_nowait(obj)</c>: <c>Put(item, block: false)</c>.</summary>
    /// <param name="item">The item; it travels as JSON.</param>
    /// <exception cref="QueueFullException">Throws when there is no room for the item now.</exception>
    /// <exception cref="ArgumentException">Throws when the item cannot travel as JSON, or passes the 256 MiB limit of one message.</exception>
    /// <exception cref="ObjectDisposedException">Throws when the queue was closed in this process.</exception>
    public void PutNoWait(T item) => Put(item, block: false);

    /// <summary>
    /// Equivalent of <c>get(block=True, timeout=None)</c>: removes and returns the first item, waiting for one if the
    /// queue is empty. With <paramref name="block"/> false it does not wait; with a <paramref name="timeout"/> it waits at
    /// most that long for an item to start arriving (a large one is then read to its end, as Python's is).
    /// </summary>
    /// <param name="block">Whether to wait for an item.</param>
    /// <param name="timeout">How long to wait when <paramref name="block"/> is true; null waits as long as it takes.</param>
    /// <returns>The item that was first in the queue.</returns>
    /// <exception cref="QueueEmptyException">Throws when no item came at once (<paramref name="block"/> false) or within <paramref name="timeout"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Throws when <paramref name="timeout"/> is negative.</exception>
    /// <exception cref="EndOfStreamException">Throws when the queue is empty and will stay empty: every process that put items into it died.</exception>
    /// <exception cref="ArgumentException">Throws when the item's JSON is not a <typeparamref name="T"/>; the item is taken.</exception>
    /// <exception cref="ObjectDisposedException">Throws when the queue was closed in this process.</exception>
    public T Get(bool block = true, TimeSpan? timeout = null)
    {
        var deadline = Deadline.From(block, timeout);
        using var use = Memory.Use(TypeName);
        if (!_gets)
        {
            Openers.AddRole(Entry, ProcessTable.Roles.Gets);
            _gets = true;
        }
        var buffer = ReceiveBuffer.Take();
        if (!_ring.Read(buffer, deadline, _watch))
            throw new QueueEmptyException(block
                ? $"The queue stayed empty for {timeout?.TotalSeconds:0.###} s."
                : "The queue is empty.");
        if (_joinable)
            Openers.AddPending(Entry, +1);
        return MessageCodec<T>.Decode(buffer.WrittenSpan, GetWhat);
    }

    /// <summary>Equivalent of <c>get_nowait()</c>: <c>Get(block: false)</c>.</summary>
    /// <exception cref="QueueEmptyException">Throws when the queue is empty now.</exception>
    /// <exception cref="ObjectDisposedException">Throws when the queue was closed in this process.</exception>
    public T GetNoWait() => Get(block: false);

    /// <summary>Equivalent of <c>qsize()</c>: how many items are in the queue now. Other processes may change it at once.</summary>
    /// <exception cref="ObjectDisposedException">Throws when the queue was closed in this process.</exception>
    public int Count
    {
        get
        {
            using var use = Memory.Use(TypeName);
            return _ring.Messages;
        }
    }

    /// <summary>Equivalent of <c>empty()</c>: whether the queue holds no item now.</summary>
    /// <exception cref="ObjectDisposedException">Throws when the queue was closed in this process.</exception>
    public bool IsEmpty => Count == 0;

    /// <summary>Equivalent of <c>full()</c>: whether the queue holds <see cref="MaxSize"/> items now; always false without a limit.</summary>
    /// <exception cref="ObjectDisposedException">Throws when the queue was closed in this process.</exception>
    public bool IsFull => MaxSize > 0 && Count >= MaxSize;

    /// <summary>
    /// Equivalent of <c>close()</c>: this process is done with the queue; its items stay for the other processes. Using
    /// it here afterwards throws <see cref="ObjectDisposedException"/>. In the process that created it, this also
    /// deletes its file: processes that opened it keep it, a child not yet started cannot open it.
    /// </summary>
    public void Close() => Memory.Close();

    /// <summary>
    /// Equivalent of <c>join_thread()</c>, which waits for Python's feeder thread to flush this process's items into the
    /// pipe. There is no feeder here: <see cref="Put"/> has written its item into shared memory when it returns.
    /// </summary>
    /// <exception cref="InvalidOperationException">Throws when the queue is not closed, as Python asserts.</exception>
    public void JoinThread()
    {
        if (!Memory.IsClosed)
            throw new InvalidOperationException($"JoinThread() waits for a closed queue; call Close() first.");
    }

    /// <summary>Equivalent of the end of <c>with</c>: <see cref="Close"/>.</summary>
    public void Dispose()
    {
        Close();
        GC.SuppressFinalize(this);
    }

    /// <summary>Its size and limit, e.g. <c>SharedQueue(maxsize=0, qsize=3)</c>; or <c>SharedQueue(closed)</c>.</summary>
    public override string ToString() =>
        Memory.IsClosed ? $"{TypeName}(closed)" : $"{TypeName}(maxsize={MaxSize}, qsize={Count})";

    string FullMessage(bool block, TimeSpan? timeout)
    {
        string what = MaxSize > 0 && Count >= MaxSize
            ? $"it holds its maxsize of {MaxSize} item(s)"
            : $"its buffer of {BufferSize:N0} bytes has no room for the item";
        return block ? $"The queue stayed full for {timeout?.TotalSeconds:0.###} s: {what}." : $"The queue is full: {what}.";
    }

    /// <summary>Adds to a joinable queue's count of tasks not yet marked done, waking <c>Join</c> when it reaches 0.</summary>
    private protected unsafe int ChangeUnfinished(int delta)
    {
        int* unfinished = (int*)(Memory.Data + QueueLayout.Unfinished);
        int now = Interlocked.Add(ref *unfinished, delta);
        if (now == 0)
            SharedWord.WakeAll(unfinished, (int*)(Memory.Data + QueueLayout.UnfinishedWaiters));
        return now;
    }

    /// <summary>
    /// Asked by waiting operations now and then (<see cref="WatchClock"/>): an exception when every process that took from the queue died (and none
    /// that runs ever took from it), so <paramref name="situation"/> will last; else null.
    /// </summary>
    private protected IOException? TakersGone(string situation)
    {
        var takers = Openers.Count(ProcessTable.Roles.Gets, reapDead: false, countUndecided: true);
        return takers.Live == 0 && takers.DeadPid != 0
            ? new IOException(
                $"{situation} and nothing will take from it: process {takers.DeadPid}, which took items from it, ended without " +
                "closing it (killed, or crashed), and no running process takes from it. Start a process that takes from it, " +
                "or wait with a timeout.")
            : null;
    }

    sealed class Watch(SharedQueue<T> queue) : IRingWatch
    {
        public Exception? WhileWaitingForRoom()
        {
            queue.Memory.ThrowIfClosed(queue.TypeName);
            return queue.TakersGone("The queue is full");
        }

        public Exception? WhileWaitingForData()
        {
            queue.Memory.ThrowIfClosed(queue.TypeName);
            var putters = queue.Openers.Count(ProcessTable.Roles.Puts, reapDead: false, countUndecided: true);
            return putters.Live == 0 && putters.DeadPid != 0
                ? new EndOfStreamException(
                    $"The queue is empty and nothing will put into it: process {putters.DeadPid}, which put items into it, ended " +
                    "without closing it (killed, or crashed), and no running process puts into it.")
                : null;
        }
    }
}
