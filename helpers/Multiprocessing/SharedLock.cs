using System.Diagnostics;
using Multiprocessing.Memory;
using Multiprocessing.Platform;

namespace Multiprocessing;

/// <summary>
/// A lock that works across processes, like the lock of Python's <c>multiprocessing.Array</c>,
/// and recursive like it: the thread that holds it may take it again, and must release it as often.
/// It lives inside the shared memory as the holder's process and thread ids, so a holder that dies
/// (even by SIGKILL) does not leave it locked forever: the next waiter takes it over.
/// </summary>
public sealed unsafe class SharedLock
{
    readonly SharedMemoryBlock _block;

    internal SharedLock(SharedMemoryBlock block) => _block = block;

    int* HolderProcess => _block.LockWord;
    int* HolderThread => _block.LockWord + 5;   // header bytes 24..27
    int* Depth => _block.LockWord + 6;          // header bytes 28..31

    /// <summary>Blocks until the lock is held. Use with <c>using</c>: <c>using (array.GetLock().Acquire()) { ... }</c>.</summary>
    public Releaser Acquire()
    {
        TryAcquire(Timeout.InfiniteTimeSpan);
        return new Releaser(this);
    }

    /// <summary>Tries to take the lock within <paramref name="timeout"/>; returns false when it could not.</summary>
    public bool TryAcquire(TimeSpan timeout)
    {
        ObjectDisposedException.ThrowIf(_block.IsDisposed, this);
        int me = Environment.ProcessId, thread = Environment.CurrentManagedThreadId;
        if (Volatile.Read(ref *HolderProcess) == me && Volatile.Read(ref *HolderThread) == thread)
        {
            (*Depth)++;
            return true;
        }
        var clock = Stopwatch.StartNew();
        var spin = new SpinWait();
        long nextLivenessCheck = 10;
        while (true)
        {
            int holder = Interlocked.CompareExchange(ref *HolderProcess, me, 0);
            if (holder == 0)
                return Took(thread);
            if (timeout != Timeout.InfiniteTimeSpan && clock.Elapsed >= timeout)
                return false;
            // Reading /proc costs, so only now and then: take over from a holder that died.
            if (clock.ElapsedMilliseconds >= nextLivenessCheck)
            {
                nextLivenessCheck = clock.ElapsedMilliseconds + 10;
                if (holder != me && !ProcessLiveness.IsAlive(holder)
                    && Interlocked.CompareExchange(ref *HolderProcess, me, holder) == holder)
                    return Took(thread);
            }
            spin.SpinOnce(); // spins, then yields, then sleeps: a long wait does not burn a core
        }
    }

    bool Took(int thread)
    {
        Volatile.Write(ref *HolderThread, thread);
        *Depth = 1;
        return true;
    }

    /// <summary>Releases the lock once. Throws <see cref="SynchronizationLockException"/> if this thread does not hold it.</summary>
    public void Release()
    {
        if (Volatile.Read(ref *HolderProcess) != Environment.ProcessId || Volatile.Read(ref *HolderThread) != Environment.CurrentManagedThreadId)
            throw new SynchronizationLockException("Release() was called, but this thread does not hold the lock. Call Acquire() first.");
        if (--(*Depth) > 0)
            return;
        Volatile.Write(ref *HolderThread, 0);
        Interlocked.Exchange(ref *HolderProcess, 0); // a full fence: writes made under the lock are seen first
    }

    /// <summary>Releases the lock when disposed.</summary>
    public readonly struct Releaser(SharedLock owner) : IDisposable
    {
        /// <summary>Releases the lock.</summary>
        public void Dispose() => owner.Release();
    }
}
