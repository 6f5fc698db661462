using System.Runtime.CompilerServices;
using Multiprocessing.Memory;
using Multiprocessing.Platform;

namespace Multiprocessing.Sync;

/// <summary>
/// The shared memory behind one handle of a queue, pipe end, event, semaphore or barrier in this process, and its
/// closing. The first word is the <see cref="SyncKind"/>; the owner lays out the rest. Closing runs the owner's
/// bookkeeping (leaving a <see cref="ProcessTable"/>) once, then unmaps the memory; in the creating process it also
/// deletes the file, as <see cref="SharedArray{T}"/> does. A process that exits normally leaves the records of what it
/// still has open (<see cref="ExitSteps"/>), so only a process that is killed or crashes is taken for dead by the others.
/// <para>
/// Every operation runs inside <see cref="Use"/>, so closing on one thread never unmaps memory another thread is
/// reading: the last operation to leave unmaps it. An operation waiting when the handle closes notices within a
/// <see cref="MessageRing.WatchPeriod"/> and throws <see cref="ObjectDisposedException"/>.
/// </para>
/// </summary>
internal sealed unsafe class SyncMemory
{
    /// <summary>Bytes at the start every object has: the kind, then fields of its own up to here.</summary>
    public const int HeaderSize = 64;

    static readonly HashSet<SyncMemory> OpenHere = [];

    static SyncMemory() => ExitSteps.Set(ExitSteps.Step.LeaveSharedRecords, () =>
    {
        SyncMemory[] open;
        lock (OpenHere)
            open = [.. OpenHere];
        foreach (var memory in open)
            memory.RunClosing();
    });

    const int ClosedBit = 1 << 30;

    readonly SharedMemoryBlock _block;
    readonly StrongBox<int> _sharers; // handles of this process on the one mapping; the last to close unmaps it
    Action? _closing;
    int _closingRan;
    int _state; // operations in progress, plus ClosedBit once closed

    SyncMemory(SharedMemoryBlock block, StrongBox<int>? sharers = null)
    {
        _block = block;
        _sharers = sharers ?? new StrongBox<int>(0);
        Interlocked.Increment(ref _sharers.Value);
        lock (OpenHere)
            OpenHere.Add(this);
    }

    /// <summary>
    /// A second handle on the same mapping, closed on its own: a pipe's two connections in the process that made them.
    /// The memory (and, in the creating process, its file) goes once both are closed, so closing one end right after
    /// starting a child, as Python programs do, leaves the other end and the child's copy working.
    /// </summary>
    public SyncMemory Share() => new(_block, _sharers);

    /// <summary>The first byte after the block's own header; <see cref="SyncKind"/> is here.</summary>
    public byte* Data => _block.Data;

    public SyncKind Kind => (SyncKind)Volatile.Read(ref *(int*)_block.Data);

    public bool IsClosed => (Volatile.Read(ref _state) & ClosedBit) != 0;

    /// <summary>Creates zeroed memory of <paramref name="bytes"/>, lets <paramref name="layout"/> write its fields, then marks the kind.</summary>
    public static SyncMemory Create(SyncKind kind, long bytes, Action<nint> layout)
    {
        var block = SharedMemoryBlock.Create(1, bytes);
        layout((nint)block.Data);
        Volatile.Write(ref *(int*)block.Data, (int)kind);
        return new SyncMemory(block);
    }

    /// <summary>Maps the memory a handle names, checking it holds one of <paramref name="accepted"/>.</summary>
    /// <exception cref="ObjectDisposedException">Throws when the creating process already disposed it.</exception>
    /// <exception cref="InvalidDataException">Throws when the memory holds another kind of object.</exception>
    public static SyncMemory Open(SyncHandle handle, string typeName, params SyncKind[] accepted)
    {
        var block = SharedMemoryBlock.Open(handle.Name, 1, handle.Bytes);
        var kind = (SyncKind)Volatile.Read(ref *(int*)block.Data);
        if (!accepted.Contains(kind))
        {
            block.Dispose();
            throw new InvalidDataException(
                $"'{handle.Name}' holds a {(Enum.IsDefined(kind) ? kind.ToString() : "block of another kind")}, not a {typeName}: " +
                "the parameter that received it is declared with another type than the value sent. Declare it as the type of the value.");
        }
        return new SyncMemory(block);
    }

    /// <summary>The handle another process opens this memory by.</summary>
    public SyncHandle Handle(string typeName, int end = 0, int from = 0) => new(_block.Name, _block.Count, typeName, end, from);

    /// <summary>Runs <paramref name="closing"/> when this handle closes, while the memory is still mapped.</summary>
    public void OnClose(Action closing) => _closing = closing;

    /// <summary>Starts an operation; dispose the result when it ends. The memory stays mapped until then.</summary>
    /// <exception cref="ObjectDisposedException">Throws when this handle was closed in this process.</exception>
    public Usage Use(string typeName)
    {
        while (true)
        {
            int state = Volatile.Read(ref _state);
            if ((state & ClosedBit) != 0)
                throw Closed(typeName);
            if (Interlocked.CompareExchange(ref _state, state + 1, state) == state)
                return new Usage(this);
        }
    }

    /// <summary>Throws <see cref="ObjectDisposedException"/> when the handle was closed while an operation waited.</summary>
    public void ThrowIfClosed(string typeName)
    {
        if (IsClosed)
            throw Closed(typeName);
    }

    static ObjectDisposedException Closed(string typeName) =>
        new(typeName, $"This {typeName} was closed in this process (Close or Dispose), so it cannot be used here any more.");

    /// <summary>Closes this handle once: the owner's bookkeeping, then the mapping (and, in the creating process, the file) once no operation uses it.</summary>
    public void Close()
    {
        while (true)
        {
            int state = Volatile.Read(ref _state);
            if ((state & ClosedBit) != 0)
                return;
            if (Interlocked.CompareExchange(ref _state, (state | ClosedBit) + 1, state) == state)
                break;
        }
        lock (OpenHere)
            OpenHere.Remove(this);
        try
        {
            RunClosing();
        }
        finally
        {
            EndUse();
        }
    }

    /// <summary>
    /// The owner's bookkeeping, once: from <see cref="Close"/>, or at exit, where the handle stays open and mapped, since
    /// a background thread may still be inside an operation (it ends with the process, as it would without the library).
    /// </summary>
    void RunClosing()
    {
        if (Interlocked.Exchange(ref _closingRan, 1) == 0)
            _closing?.Invoke();
    }

    void EndUse()
    {
        if (Interlocked.Decrement(ref _state) == ClosedBit && Interlocked.Decrement(ref _sharers.Value) == 0)
            _block.Dispose();
    }

    /// <summary>One operation on the memory; see <see cref="Use"/>.</summary>
    public readonly struct Usage(SyncMemory memory) : IDisposable
    {
        public void Dispose() => memory.EndUse();
    }
}
