using System.Diagnostics;
using Multiprocessing.Platform;

namespace Multiprocessing.Sync;

/// <summary>How <see cref="ProcessMutex.Acquire"/> ended.</summary>
internal enum LockOutcome
{
    /// <summary>The lock is held.</summary>
    Acquired,

    /// <summary>The lock is held, taken over from a holder whose process died: what it guarded may be half-done.</summary>
    TookOverFromDead,

    /// <summary>Not held: the deadline passed.</summary>
    TimedOut,

    /// <summary>Not held: the holder is waiting (for room, or for data), which a non-blocking caller takes as its answer.</summary>
    HolderWaits,
}

/// <summary>
/// An internal lock in shared memory, held by one thread of one process at a time: the holder's pid in one word, a
/// waiter count in the next, and a flag the holder sets while it waits inside the lock. Not recursive. A waiter sleeps
/// on the word (<see cref="SharedWord"/>) and, every 10 ms, checks that the holder's process still runs: a holder that
/// died (even by SIGKILL) is taken over, and the new holder is told so it can repair what the dead one left.
/// </summary>
internal readonly unsafe struct ProcessMutex
{
    /// <summary>Bytes it takes in shared memory.</summary>
    public const int Size = 16;

    static readonly TimeSpan LivenessPeriod = TimeSpan.FromMilliseconds(10);

    readonly int* _words;

    public ProcessMutex(byte* at) => _words = (int*)at;

    int* Holder => _words;
    int* Waiters => _words + 1;

    /// <summary>Set by the holder while it waits inside the lock; see <see cref="LockOutcome.HolderWaits"/>.</summary>
    public int* HolderWaits => _words + 2;

    /// <summary>The pid of the process holding it, or 0.</summary>
    public int HolderPid => Volatile.Read(ref *Holder);

    /// <summary>
    /// Takes the lock, waiting until <paramref name="deadline"/>. With <see cref="Deadline.NoWait"/> it waits while the
    /// holder is busy (the lock is only ever held for a copy) but gives up at once when the holder is itself waiting
    /// inside the lock (for room, or for data). A dead holder is taken over even after the deadline.
    /// </summary>
    /// <param name="deadline">How long to wait; <see cref="Deadline.NoWait"/> as described above.</param>
    /// <param name="tookOverFrom">The dead holder's pid, for <see cref="LockOutcome.TookOverFromDead"/>.</param>
    public LockOutcome Acquire(Deadline deadline, out int tookOverFrom)
    {
        tookOverFrom = 0;
        bool failIfHolderWaits = deadline.IsNoWait;
        if (failIfHolderWaits)
            deadline = Deadline.Never;
        int me = Environment.ProcessId;
        long nextCheck = Stopwatch.GetTimestamp() + (long)(LivenessPeriod.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            int holder = Interlocked.CompareExchange(ref *Holder, me, 0);
            if (holder == 0)
                return LockOutcome.Acquired;
            if (failIfHolderWaits && Volatile.Read(ref *HolderWaits) != 0)
                return LockOutcome.HolderWaits;
            bool passed = deadline.Passed;
            if (passed || Stopwatch.GetTimestamp() >= nextCheck)
            {
                nextCheck = Stopwatch.GetTimestamp() + (long)(LivenessPeriod.TotalSeconds * Stopwatch.Frequency);
                if (holder != me && !ProcessLiveness.IsAlive(holder) && Interlocked.CompareExchange(ref *Holder, me, holder) == holder)
                {
                    Volatile.Write(ref *HolderWaits, 0);
                    tookOverFrom = holder;
                    return LockOutcome.TookOverFromDead;
                }
                if (passed)
                    return LockOutcome.TimedOut;
            }
            SharedWord.WaitForChange(Holder, holder, Waiters, deadline.Left(LivenessPeriod));
        }
    }

    /// <summary>Releases the lock; the caller holds it.</summary>
    public void Release()
    {
        Debug.Assert(HolderPid == Environment.ProcessId, "Release by a process that does not hold the lock.");
        Volatile.Write(ref *HolderWaits, 0);
        Interlocked.Exchange(ref *Holder, 0);
        if (Volatile.Read(ref *Waiters) > 0)
            AddressWait.Wake(Holder, 1);
    }

    /// <summary>Whether nobody holds it, or its holder's process is gone.</summary>
    public bool IsFreeOrAbandoned()
    {
        int pid = HolderPid;
        return pid == 0 || pid != Environment.ProcessId && !ProcessLiveness.IsAlive(pid);
    }
}
