using System.Diagnostics;

namespace Multiprocessing.Shared;

/// <summary>
/// A lock that works across processes, like the lock of Python's <c>multiprocessing.Array</c>.
/// It lives inside the shared memory as the holder's process id, so a holder that dies
/// (even by SIGKILL) does not leave it locked forever: the next waiter takes it over.
/// It is not reentrant.
/// </summary>
public sealed unsafe class SharedLock
{
    readonly SharedMemoryBlock _block;

    internal SharedLock(SharedMemoryBlock block) => _block = block;

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
        int me = Environment.ProcessId;
        var clock = Stopwatch.StartNew();
        var spin = new SpinWait();
        long nextLivenessCheck = 10;
        while (true)
        {
            int holder = Interlocked.CompareExchange(ref *_block.LockWord, me, 0);
            if (holder == 0)
                return true;
            if (timeout != Timeout.InfiniteTimeSpan && clock.Elapsed >= timeout)
                return false;
            // Checking /proc is costly, so only now and then: take over from a holder that died.
            if (clock.ElapsedMilliseconds >= nextLivenessCheck)
            {
                nextLivenessCheck = clock.ElapsedMilliseconds + 10;
                if (holder != me && !ProcessLiveness.IsAlive(holder)
                    && Interlocked.CompareExchange(ref *_block.LockWord, me, holder) == holder)
                    return true;
            }
            spin.SpinOnce(sleep1Threshold: -1);
        }
    }

    /// <summary>Releases the lock. Throws <see cref="SynchronizationLockException"/> if this process does not hold it.</summary>
    public void Release()
    {
        if (Interlocked.CompareExchange(ref *_block.LockWord, 0, Environment.ProcessId) != Environment.ProcessId)
            throw new SynchronizationLockException("Release() was called, but this process does not hold the lock. Call Acquire() first.");
    }

    /// <summary>Releases the lock when disposed.</summary>
    public readonly struct Releaser(SharedLock owner) : IDisposable
    {
        /// <summary>Releases the lock.</summary>
        public void Dispose() => owner.Release();
    }
}
