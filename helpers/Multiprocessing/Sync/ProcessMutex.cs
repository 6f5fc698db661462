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
/// An internal lock in shared memory, held by one thread of one process at a time: the holder's identity token
/// (<see cref="ProcessIdentity"/>, which means the same in every PID namespace, unlike a pid) in one word, a waiter count
/// in the next, a flag the holder sets while it waits inside the lock, and the holder's pid for messages. Not recursive.
/// A waiter sleeps on the word (<see cref="SharedWord"/>) and, every 10 ms, checks that the holder's process still runs:
/// a holder that died (even by SIGKILL) is taken over, and the new holder is told so it can repair what the dead one left.
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
    int* Pid => _words + 3;

    /// <summary>Set by the holder while it waits inside the lock; see <see cref="LockOutcome.HolderWaits"/>.</summary>
    public int* HolderWaits => _words + 2;

    /// <summary>The identity token of the process holding it, or 0.</summary>
    public int HolderToken => Volatile.Read(ref *Holder);

    /// <summary>The pid (in its own PID namespace) of the process that last took it, for messages and tests: it says nothing about whether that process runs.</summary>
    public int HolderPid => Volatile.Read(ref *Pid);

    /// <summary>
    /// Takes the lock, waiting until <paramref name="deadline"/>. With <see cref="Deadline.NoWait"/> it waits while the
    /// holder is busy (the lock is only ever held for a copy) but gives up at once when the holder is itself waiting
    /// inside the lock (for room, or for data). A dead holder is taken over even after the deadline.
    /// </summary>
    /// <param name="deadline">How long to wait; <see cref="Deadline.NoWait"/> as described above.</param>
    /// <param name="tookOverFrom">The dead holder's pid (in its own PID namespace), for <see cref="LockOutcome.TookOverFromDead"/>'s messages.</param>
    public LockOutcome Acquire(Deadline deadline, out int tookOverFrom)
    {
        tookOverFrom = 0;
        bool failIfHolderWaits = deadline.IsNoWait;
        if (failIfHolderWaits)
            deadline = Deadline.Never;
        int me = ProcessIdentity.Token;
        long nextCheck = Stopwatch.GetTimestamp() + (long)(LivenessPeriod.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            int holder = Interlocked.CompareExchange(ref *Holder, me, 0);
            if (holder == 0)
                return Took(LockOutcome.Acquired);
            if (failIfHolderWaits && Volatile.Read(ref *HolderWaits) != 0)
                return LockOutcome.HolderWaits;
            bool passed = deadline.Passed;
            if (passed || Stopwatch.GetTimestamp() >= nextCheck)
            {
                nextCheck = Stopwatch.GetTimestamp() + (long)(LivenessPeriod.TotalSeconds * Stopwatch.Frequency);
                if (holder != me && !ProcessIdentity.IsAlive(holder))
                {
                    int pid = Volatile.Read(ref *Pid); // read before the takeover overwrites it
                    if (Interlocked.CompareExchange(ref *Holder, me, holder) == holder)
                    {
                        Volatile.Write(ref *HolderWaits, 0);
                        tookOverFrom = pid;
                        return Took(LockOutcome.TookOverFromDead);
                    }
                }
                if (passed)
                    return LockOutcome.TimedOut;
            }
            SharedWord.WaitForChange(Holder, holder, Waiters, deadline.Left(LivenessPeriod));
        }
    }

    LockOutcome Took(LockOutcome outcome)
    {
        Volatile.Write(ref *Pid, Environment.ProcessId);
        return outcome;
    }

    /// <summary>Releases the lock; the caller holds it.</summary>
    public void Release()
    {
        Debug.Assert(HolderToken == ProcessIdentity.Token, "Release by a process that does not hold the lock.");
        Volatile.Write(ref *HolderWaits, 0);
        Interlocked.Exchange(ref *Holder, 0);
        if (Volatile.Read(ref *Waiters) > 0)
            AddressWait.Wake(Holder, 1);
    }

    /// <summary>Whether nobody holds it, or its holder's process is gone.</summary>
    public bool IsFreeOrAbandoned()
    {
        int token = HolderToken;
        return token == 0 || !ProcessIdentity.IsAlive(token);
    }
}
