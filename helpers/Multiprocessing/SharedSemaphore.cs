using System.Text.Json.Serialization;
using Multiprocessing.Sync;

namespace Multiprocessing;

/// <summary>
/// Equivalent of Python's <c>multiprocessing.Semaphore</c>: a counter in shared memory that <see cref="Acquire"/> takes
/// one from, waiting while it is 0, and <see cref="Release"/> gives one back, across processes. Pass it to a
/// <see cref="ChildProcess"/> or a pool task as an argument. A semaphore has no owner, as in Python: a process that dies
/// holding one does not give it back.
/// </summary>
[JsonConverter(typeof(SyncObjectJsonConverter))]
public unsafe class SharedSemaphore : IDisposable, ISyncObject<SharedSemaphore>
{
    const int ValueOffset = 4, WaitersOffset = 8, BoundOffset = 12;

    readonly SyncMemory _memory;

    /// <summary>Equivalent of <c>Semaphore(value=1)</c>.</summary>
    /// <param name="value">The counter's start: how many may hold it at once.</param>
    /// <exception cref="ArgumentOutOfRangeException">Throws when <paramref name="value"/> is negative, as Python raises ValueError.</exception>
    public SharedSemaphore(int value = 1) : this(value, bounded: false)
    {
    }

    private protected SharedSemaphore(int value, bool bounded) : this(Create(value, bounded))
    {
    }

    private protected SharedSemaphore(SyncMemory memory) => _memory = memory;

    static SyncMemory Create(int value, bool bounded)
    {
        if (value < 0)
            throw new ArgumentOutOfRangeException(nameof(value), value, "A semaphore's value must be 0 or more.");
        return SyncMemory.Create(SyncKind.Semaphore, SyncMemory.HeaderSize, data =>
        {
            *(int*)((byte*)data + ValueOffset) = value;
            *(int*)((byte*)data + BoundOffset) = bounded ? value : -1;
        });
    }

    static SharedSemaphore ISyncObject<SharedSemaphore>.Open(SyncHandle handle) =>
        new(SyncMemory.Open(handle, "SharedSemaphore", SyncKind.Semaphore));

    SyncHandle ISyncObject.ToHandle()
    {
        using (_memory.Use(TypeName))
            return _memory.Handle(nameof(SyncKind.Semaphore));
    }

    private protected virtual string TypeName => "SharedSemaphore";

    int* ValueWord => (int*)(_memory.Data + ValueOffset);

    /// <summary>The value a bounded semaphore may not pass, or -1.</summary>
    int Bound => *(int*)(_memory.Data + BoundOffset);

    /// <summary>Equivalent of <c>get_value()</c>: the counter now. Other processes may change it at once.</summary>
    /// <exception cref="ObjectDisposedException">Throws when the semaphore was closed in this process.</exception>
    public int Value
    {
        get
        {
            using var use = _memory.Use(TypeName);
            return Volatile.Read(ref *ValueWord);
        }
    }

    /// <summary>
    /// Equivalent of <c>acquire()</c>: takes one, waiting while the counter is 0.
    /// Use with <c>using</c>: <c>using (semaphore.Acquire()) { ... }</c> releases it at the end.
    /// </summary>
    /// <exception cref="ObjectDisposedException">Throws when the semaphore was closed in this process.</exception>
    public Releaser Acquire()
    {
        TryAcquire(Timeout.InfiniteTimeSpan);
        return new Releaser(this);
    }

    /// <summary>
    /// Equivalent of <c>acquire(timeout=...)</c>: takes one if it can within <paramref name="timeout"/>; false when it
    /// could not. <see cref="TimeSpan.Zero"/> is Python's <c>acquire(False)</c>.
    /// </summary>
    /// <param name="timeout">How long to wait; <see cref="Timeout.InfiniteTimeSpan"/> waits as long as it takes.</param>
    /// <returns>Whether it was taken.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Throws when <paramref name="timeout"/> is negative and not <see cref="Timeout.InfiniteTimeSpan"/>.</exception>
    /// <exception cref="ObjectDisposedException">Throws when the semaphore was closed in this process.</exception>
    public bool TryAcquire(TimeSpan timeout)
    {
        var deadline = Deadline.From(block: true, timeout);
        using var use = _memory.Use(TypeName);
        while (true)
        {
            int value = Volatile.Read(ref *ValueWord);
            if (value > 0)
            {
                if (Interlocked.CompareExchange(ref *ValueWord, value - 1, value) == value)
                    return true;
                continue;
            }
            if (deadline.Passed)
                return false;
            _memory.ThrowIfClosed(TypeName);
            SharedWord.WaitForChange(ValueWord, 0, (int*)(_memory.Data + WaitersOffset), deadline.Left(MessageRing.WatchPeriod));
        }
    }

    /// <summary>Equivalent of <c>release()</c>: gives one back, waking one process or thread waiting to take it.</summary>
    /// <exception cref="SemaphoreFullException">Throws, for a <see cref="SharedBoundedSemaphore"/>, when it would pass its initial value, as Python raises ValueError.</exception>
    /// <exception cref="ObjectDisposedException">Throws when the semaphore was closed in this process.</exception>
    public void Release()
    {
        using var use = _memory.Use(TypeName);
        int bound = Bound;
        while (true)
        {
            int value = Volatile.Read(ref *ValueWord);
            if (bound >= 0 && value >= bound)
                throw new SemaphoreFullException(
                    $"This bounded semaphore was released more times than it was acquired: its value would pass its initial {bound}.");
            if (Interlocked.CompareExchange(ref *ValueWord, value + 1, value) == value)
                break;
        }
        SharedWord.WakeAll(ValueWord, (int*)(_memory.Data + WaitersOffset));
    }

    /// <summary>Closes the semaphore in this process; in the creating process also deletes its file.</summary>
    public void Dispose()
    {
        _memory.Close();
        GC.SuppressFinalize(this);
    }

    /// <summary>Like Python's repr: <c>SharedSemaphore(value=2)</c>.</summary>
    public override string ToString() => _memory.IsClosed ? $"{TypeName}(closed)" : $"{TypeName}(value={Value})";

    /// <summary>Releases the semaphore when disposed.</summary>
    public readonly struct Releaser(SharedSemaphore owner) : IDisposable
    {
        /// <summary>Gives the semaphore back.</summary>
        public void Dispose() => owner.Release();
    }
}
