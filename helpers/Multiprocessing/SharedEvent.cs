using System.Text.Json.Serialization;
using Multiprocessing.Sync;

namespace Multiprocessing;

/// <summary>
/// Equivalent of Python's <c>multiprocessing.Event</c>: a flag in shared memory that processes wait on. <see cref="Set"/>
/// wakes every process waiting; <see cref="Clear"/> makes later waits wait again. Pass it to a <see cref="ChildProcess"/>
/// or a pool task as an argument.
/// </summary>
[JsonConverter(typeof(SyncObjectJsonConverter))]
public sealed unsafe class SharedEvent : IDisposable, ISyncObject<SharedEvent>
{
    const string TypeName = "SharedEvent";
    const int Flag = 4, Waiters = 8;

    readonly SyncMemory _memory;

    /// <summary>Equivalent of <c>Event()</c>: a new event, not set.</summary>
    public SharedEvent() : this(SyncMemory.Create(SyncKind.Event, SyncMemory.HeaderSize, _ => { }))
    {
    }

    SharedEvent(SyncMemory memory) => _memory = memory;

    static SharedEvent ISyncObject<SharedEvent>.Open(SyncHandle handle) => new(SyncMemory.Open(handle, TypeName, SyncKind.Event));

    SyncHandle ISyncObject.ToHandle()
    {
        using (_memory.Use(TypeName))
            return _memory.Handle(nameof(SyncKind.Event));
    }

    int* FlagWord => (int*)(_memory.Data + Flag);

    /// <summary>Equivalent of <c>is_set()</c>: whether the flag is set now.</summary>
    /// <exception cref="ObjectDisposedException">Throws when the event was closed in this process.</exception>
    public bool IsSet
    {
        get
        {
            using var use = _memory.Use(TypeName);
            return Volatile.Read(ref *FlagWord) != 0;
        }
    }

    /// <summary>Equivalent of <c>set()</c>: sets the flag and wakes every process and thread waiting for it.</summary>
    /// <exception cref="ObjectDisposedException">Throws when the event was closed in this process.</exception>
    public void Set()
    {
        using var use = _memory.Use(TypeName);
        Interlocked.Exchange(ref *FlagWord, 1);
        SharedWord.WakeAll(FlagWord, (int*)(_memory.Data + Waiters));
    }

    /// <summary>Equivalent of <c>clear()</c>: resets the flag, so waits wait until the next <see cref="Set"/>.</summary>
    /// <exception cref="ObjectDisposedException">Throws when the event was closed in this process.</exception>
    public void Clear()
    {
        using var use = _memory.Use(TypeName);
        Interlocked.Exchange(ref *FlagWord, 0);
    }

    /// <summary>Equivalent of <c>wait()</c>: waits until the flag is set; returns true.</summary>
    /// <exception cref="ObjectDisposedException">Throws when the event was closed in this process.</exception>
    public bool Wait() => Wait(Timeout.InfiniteTimeSpan);

    /// <summary>Equivalent of <c>wait(timeout)</c>: waits up to <paramref name="timeout"/> for the flag; returns whether it is set.</summary>
    /// <param name="timeout">How long to wait; <see cref="Timeout.InfiniteTimeSpan"/> waits as long as it takes.</param>
    /// <returns>Whether the flag is set.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Throws when <paramref name="timeout"/> is negative and not <see cref="Timeout.InfiniteTimeSpan"/>.</exception>
    /// <exception cref="ObjectDisposedException">Throws when the event was closed in this process.</exception>
    public bool Wait(TimeSpan timeout)
    {
        var deadline = Deadline.From(block: true, timeout);
        using var use = _memory.Use(TypeName);
        while (true)
        {
            if (Volatile.Read(ref *FlagWord) != 0)
                return true;
            if (deadline.Passed)
                return false;
            _memory.ThrowIfClosed(TypeName);
            SharedWord.WaitForChange(FlagWord, 0, (int*)(_memory.Data + Waiters), deadline.Left(MessageRing.WatchPeriod));
        }
    }

    /// <summary>Closes the event in this process; in the creating process also deletes its file.</summary>
    public void Dispose() => _memory.Close();

    /// <summary>Like Python's repr: <c>SharedEvent(set)</c> or <c>SharedEvent(unset)</c>.</summary>
    public override string ToString() => _memory.IsClosed ? $"{TypeName}(closed)" : $"{TypeName}({(IsSet ? "set" : "unset")})";
}
