using System.Reflection;
using System.Text.Json.Serialization;
using Multiprocessing.Child;
using Multiprocessing.Sync;
using Multiprocessing.Wire;
using Reason = Multiprocessing.Sync.BarrierLayout.Reason;

namespace Multiprocessing;

/// <summary>
/// Equivalent of Python's <c>multiprocessing.Barrier</c> (a <c>threading.Barrier</c> across processes): each of
/// <see cref="Parties"/> processes or threads calls <see cref="Wait"/>, and all go on once the last has arrived. Pass it
/// to a <see cref="ChildProcess"/> or a pool task as an argument.
/// <para>
/// A broken barrier raises <see cref="BrokenBarrierException"/> in every waiting and later <see cref="Wait"/> until
/// <see cref="Reset"/>. It breaks on <see cref="Abort"/>, when a wait times out, when the action throws, and, unlike
/// Python's, when a process that has it open dies (killed, or crashed) and so can never arrive: the others notice within
/// 25 ms (250 ms once they have waited a second) instead of waiting forever. A process that is done with the barrier should close it (<see cref="Dispose"/>);
/// what a pool task or a child receives is closed when it returns.
/// </para>
/// </summary>
[JsonConverter(typeof(SyncObjectJsonConverter))]
public sealed unsafe class SharedBarrier : IDisposable, ISyncObject<SharedBarrier>
{
    const string TypeName = "SharedBarrier";

    readonly SyncMemory _memory;
    readonly ProcessTable _openers;
    readonly int _entry;
    Action? _action;
    int _actionLoaded;

    /// <summary>
    /// Equivalent of <c>Barrier(parties, action=None, timeout=None)</c>. The last process to arrive at each passage calls
    /// <paramref name="action"/> before the others go on; it must be a static method or a lambda that captures nothing,
    /// as a child's target, because it may run in any of the processes. <paramref name="timeout"/> is the default for
    /// <see cref="Wait"/>.
    /// </summary>
    /// <param name="parties">How many must arrive for all to go on.</param>
    /// <param name="action">Called once per passage by the last to arrive, before the others go on; null for none.</param>
    /// <param name="timeout">The default limit of a wait; null waits as long as it takes.</param>
    /// <exception cref="ArgumentOutOfRangeException">Throws when <paramref name="parties"/> is below 1, or <paramref name="timeout"/> is negative.</exception>
    /// <exception cref="ArgumentException">Throws when another process could not run <paramref name="action"/> (a capturing lambda, an instance method).</exception>
    public SharedBarrier(int parties, Action? action = null, TimeSpan? timeout = null)
    {
        if (parties < 1)
            throw new ArgumentOutOfRangeException(nameof(parties), parties, "A barrier needs at least 1 party.");
        Deadline.From(block: true, timeout, nameof(timeout)); // checks it
        byte[] actionBytes = action is null ? [] : Binary.Write(writer => Binary.WriteFunction(writer, FunctionReference.From(action)));
        long ticks = timeout is { } t && t != System.Threading.Timeout.InfiniteTimeSpan ? t.Ticks : -1;
        _memory = SyncMemory.Create(SyncKind.Barrier, BarrierLayout.SizeFor(actionBytes.Length), data =>
        {
            byte* at = (byte*)data;
            *(int*)(at + BarrierLayout.Parties) = parties;
            *(long*)(at + BarrierLayout.DefaultTimeoutTicks) = ticks;
            *(int*)(at + BarrierLayout.ActionLength) = actionBytes.Length;
            actionBytes.CopyTo(new Span<byte>(at + BarrierLayout.Action, actionBytes.Length));
        });
        _action = action;
        _actionLoaded = 1;
        (_openers, _entry) = Join(_memory);
        (Parties, DefaultTimeout) = ReadSettings(_memory);
    }

    SharedBarrier(SyncMemory memory)
    {
        _memory = memory;
        (_openers, _entry) = Join(memory);
        (Parties, DefaultTimeout) = ReadSettings(memory);
    }

    /// <summary>What the creator fixed, read once: reading the memory after it was closed here would fault.</summary>
    static (int Parties, TimeSpan? Timeout) ReadSettings(SyncMemory memory)
    {
        long ticks = *(long*)(memory.Data + BarrierLayout.DefaultTimeoutTicks);
        return (*(int*)(memory.Data + BarrierLayout.Parties), ticks >= 0 ? TimeSpan.FromTicks(ticks) : null);
    }

    static (ProcessTable, int) Join(SyncMemory memory)
    {
        var openers = new ProcessTable(memory.Data + BarrierLayout.Openers);
        int entry;
        try
        {
            entry = openers.Open(TypeName);
        }
        catch
        {
            memory.Close();
            throw;
        }
        memory.OnClose(() => openers.Close(entry));
        return (openers, entry);
    }

    static SharedBarrier ISyncObject<SharedBarrier>.Open(SyncHandle handle) => new(SyncMemory.Open(handle, TypeName, SyncKind.Barrier));

    SyncHandle ISyncObject.ToHandle()
    {
        using (_memory.Use(TypeName))
            return _memory.Handle(nameof(SyncKind.Barrier));
    }

    int* Field(int offset) => (int*)(_memory.Data + offset);
    ProcessMutex Lock => new(_memory.Data + BarrierLayout.Lock);

    /// <summary>For tests: the internal lock every operation takes, so a test can kill a process holding it.</summary>
    internal ProcessMutex StateLock => Lock;

    /// <summary>Equivalent of <c>parties</c>: how many must call <see cref="Wait"/> for all to pass.</summary>
    public int Parties { get; }

    /// <summary>Equivalent of <c>n_waiting</c>: how many wait at the barrier now; 0 while it is broken.</summary>
    /// <exception cref="ObjectDisposedException">Throws when the barrier was closed in this process.</exception>
    public int Waiting
    {
        get
        {
            using var use = _memory.Use(TypeName);
            return Volatile.Read(ref *Field(BarrierLayout.Broken)) != 0 ? 0 : Volatile.Read(ref *Field(BarrierLayout.Count));
        }
    }

    /// <summary>Equivalent of <c>broken</c>: whether the barrier is broken.</summary>
    /// <exception cref="ObjectDisposedException">Throws when the barrier was closed in this process.</exception>
    public bool IsBroken
    {
        get
        {
            using var use = _memory.Use(TypeName);
            return Volatile.Read(ref *Field(BarrierLayout.Broken)) != 0;
        }
    }

    /// <summary>The default timeout of <see cref="Wait"/>, or null to wait as long as it takes.</summary>
    public TimeSpan? DefaultTimeout { get; }

    /// <summary>
    /// Equivalent of <c>wait(timeout=None)</c>: arrives at the barrier and waits until <see cref="Parties"/> have arrived.
    /// Returns this arrival's index, 0 to <see cref="Parties"/> - 1, different for each (Python uses it to pick one party
    /// for a job). <paramref name="timeout"/> (or the barrier's default) limits the wait; when it passes, the barrier breaks.
    /// </summary>
    /// <param name="timeout">The limit of this wait; null for the barrier's default.</param>
    /// <returns>This arrival's index.</returns>
    /// <exception cref="BrokenBarrierException">Throws when the barrier is or becomes broken, or is reset, while this process waits.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Throws when <paramref name="timeout"/> is negative and not <see cref="System.Threading.Timeout.InfiniteTimeSpan"/>.</exception>
    /// <exception cref="ObjectDisposedException">Throws when the barrier was closed in this process.</exception>
    /// <remarks>When this is the last arrival and the action throws, that exception is raised here, and the barrier breaks for the others.</remarks>
    public int Wait(TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var deadline = Deadline.From(block: true, limit);
        using var use = _memory.Use(TypeName);
        int index, generation;
        TakeLock();
        try
        {
            ThrowIfBroken();
            index = *Field(BarrierLayout.Count);
            generation = *Field(BarrierLayout.Generation);
            *Field(BarrierLayout.Count) = index + 1;
            if (index + 1 == Parties)
            {
                RunActionOrBreak();
                *Field(BarrierLayout.Count) = 0;
                EndGeneration(generation, broken: false);
                return index;
            }
        }
        finally
        {
            Lock.Release();
        }
        return AwaitPassage(index, generation, deadline, limit);
    }

    /// <summary>
    /// Equivalent of <c>abort()</c>: breaks the barrier. Waiting processes and later calls to <see cref="Wait"/> raise
    /// <see cref="BrokenBarrierException"/> until <see cref="Reset"/>.
    /// </summary>
    /// <exception cref="ObjectDisposedException">Throws when the barrier was closed in this process.</exception>
    public void Abort()
    {
        using var use = _memory.Use(TypeName);
        TakeLock();
        try
        {
            if (*Field(BarrierLayout.Broken) == 0)
                Break(Reason.Aborted, 0);
        }
        finally
        {
            Lock.Release();
        }
    }

    /// <summary>
    /// Equivalent of <c>reset()</c>: returns the barrier to its empty, unbroken state. Processes waiting at it raise
    /// <see cref="BrokenBarrierException"/>. Processes that died with it open are forgotten.
    /// </summary>
    /// <exception cref="ObjectDisposedException">Throws when the barrier was closed in this process.</exception>
    public void Reset()
    {
        using var use = _memory.Use(TypeName);
        TakeLock();
        try
        {
            if (*Field(BarrierLayout.Count) > 0 || *Field(BarrierLayout.Broken) != 0)
            {
                *Field(BarrierLayout.Count) = 0;
                *Field(BarrierLayout.Broken) = 0;
                *Field(BarrierLayout.BrokenPid) = 0;
                EndGeneration(*Field(BarrierLayout.Generation), broken: true);
            }
            _openers.ReapDead();
        }
        finally
        {
            Lock.Release();
        }
    }

    /// <summary>Closes the barrier in this process; in the creating process also deletes its file.</summary>
    public void Dispose() => _memory.Close();

    /// <summary>Like Python's repr: <c>SharedBarrier(parties=3, waiting=1)</c>, or <c>broken</c>.</summary>
    public override string ToString() =>
        _memory.IsClosed ? $"{TypeName}(closed)" : IsBroken ? $"{TypeName}(parties={Parties}, broken)" : $"{TypeName}(parties={Parties}, waiting={Waiting})";

    /// <summary>Waits, without the lock, for this arrival's generation to end; breaks the barrier on a timeout or a dead party.</summary>
    int AwaitPassage(int index, int generation, Deadline deadline, TimeSpan? limit)
    {
        var watchClock = WatchClock.Start();
        int* signal = Field(BarrierLayout.Signal);
        while (true)
        {
            int seen = Volatile.Read(ref *signal);
            if (Volatile.Read(ref *Field(BarrierLayout.Generation)) != generation)
            {
                if (EndedBroken(generation))
                    throw new BrokenBarrierException("The barrier was reset (Reset()) while this process waited at it.");
                return index;
            }
            ThrowIfBroken();
            if (deadline.Passed)
            {
                BreakIfStill(generation, Reason.TimedOut, 0);
                throw new BrokenBarrierException(
                    $"The wait at the barrier timed out after {limit?.TotalSeconds:0.###} s with {index + 1} of {Parties} parties arrived, " +
                    "which breaks the barrier: it stays broken until Reset().");
            }
            if (watchClock.Due())
            {
                var census = _openers.Count(0, reapDead: false);
                if (census.DeadPid != 0)
                    BreakIfStill(generation, Reason.PartyDied, census.DeadPid);
                continue;
            }
            SharedWord.WaitForChange(signal, seen, Field(BarrierLayout.SignalWaiters), deadline.Left(MessageRing.WatchPeriod));
        }
    }

    void BreakIfStill(int generation, Reason reason, int deadPid)
    {
        TakeLock();
        try
        {
            if (*Field(BarrierLayout.Generation) == generation && *Field(BarrierLayout.Broken) == 0)
                Break(reason, deadPid);
            if (reason == Reason.PartyDied)
                _openers.ReapDead(); // reported once
        }
        finally
        {
            Lock.Release();
        }
    }

    /// <summary>Takes the barrier's lock; a process that died holding it was inside the barrier, so the barrier breaks.</summary>
    void TakeLock()
    {
        if (Lock.Acquire(Deadline.Never, out int dead) == LockOutcome.TookOverFromDead && *Field(BarrierLayout.Broken) == 0)
            Break(Reason.PartyDied, dead);
    }

    /// <summary>Breaks the barrier; the caller holds the lock.</summary>
    void Break(Reason reason, int deadPid)
    {
        *Field(BarrierLayout.Broken) = (int)reason;
        *Field(BarrierLayout.BrokenPid) = deadPid;
        MarkEndedBroken(*Field(BarrierLayout.Generation));
        Signal();
    }

    /// <summary>Ends <paramref name="generation"/> (released, or reset when <paramref name="broken"/>) and starts the next; the caller holds the lock.</summary>
    void EndGeneration(int generation, bool broken)
    {
        if (broken)
            MarkEndedBroken(generation);
        long* history = (long*)(_memory.Data + BarrierLayout.EndedBroken);
        long next = 1L << ((generation + 1) & 63);
        Interlocked.And(ref *history, ~next);
        Interlocked.Exchange(ref *Field(BarrierLayout.Generation), generation + 1);
        Signal();
    }

    void MarkEndedBroken(int generation) =>
        Interlocked.Or(ref *(long*)(_memory.Data + BarrierLayout.EndedBroken), 1L << (generation & 63));

    bool EndedBroken(int generation) =>
        (Volatile.Read(ref *(long*)(_memory.Data + BarrierLayout.EndedBroken)) & (1L << (generation & 63))) != 0;

    void Signal()
    {
        Interlocked.Increment(ref *Field(BarrierLayout.Signal));
        SharedWord.WakeAll(Field(BarrierLayout.Signal), Field(BarrierLayout.SignalWaiters));
    }

    void ThrowIfBroken()
    {
        var reason = (Reason)Volatile.Read(ref *Field(BarrierLayout.Broken));
        if (reason == Reason.None)
            return;
        int pid = *Field(BarrierLayout.BrokenPid);
        throw new BrokenBarrierException(reason switch
        {
            Reason.Aborted => "The barrier is broken: it was aborted (Abort()). Call Reset() to use it again.",
            Reason.TimedOut => "The barrier is broken: a wait at it timed out. Call Reset() to use it again.",
            Reason.ActionFailed => "The barrier is broken: its action threw. Call Reset() to use it again.",
            _ => $"The barrier is broken: process {pid}, which had it open, ended without closing it (killed, or crashed), " +
                 "so it will not arrive. Call Reset() to use it again.",
        });
    }

    /// <summary>Runs the action as the last arrival; one that throws breaks the barrier, and its exception goes to this caller, as in Python.</summary>
    void RunActionOrBreak()
    {
        var action = LoadAction();
        if (action is null)
            return;
        try
        {
            action();
        }
        catch
        {
            *Field(BarrierLayout.Count) = 0;
            Break(Reason.ActionFailed, 0);
            throw;
        }
    }

    /// <summary>The action: the creator's own delegate, or in another process the method its reference names, loaded once.</summary>
    Action? LoadAction()
    {
        if (Volatile.Read(ref _actionLoaded) != 0)
            return _action;
        int length = *Field(BarrierLayout.ActionLength);
        if (length > 0)
        {
            var bytes = new ReadOnlySpan<byte>(_memory.Data + BarrierLayout.Action, length).ToArray();
            using var reader = Binary.Reader(bytes);
            var reference = Binary.ReadFunction(reader)!;
            var (method, target) = FunctionLoader.Load(reference);
            _action = () => method.Invoke(target, BindingFlags.DoNotWrapExceptions, null, [], null);
        }
        Volatile.Write(ref _actionLoaded, 1);
        return _action;
    }
}
