using System.Diagnostics;
using System.Text.Json;
using Multiprocessing.Hosting;

namespace Multiprocessing.Tests;

/// <summary>
/// Issue 19, kind 2, for locks: a <see cref="SharedLock"/> and the internal lock of queues, pipes and barriers recorded
/// their holder as a pid and judged it alive by looking the pid up in the caller's /proc. A pid means nothing across PID
/// namespaces: a live holder in a container sharing /dev/shm was taken over, and a dead one whose pid is in use here (a
/// container's pid 1, or the waiter's own pid) was waited for forever. Each holder here runs in a PID namespace of its
/// own that shares /dev/shm, as a container does; this test process is the other party.
/// </summary>
public class LocksAcrossPidNamespacesTests
{
    static readonly TimeSpan Short = TimeSpan.FromMilliseconds(300);
    static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    /// <summary>The holder runs at a pid that no process has here: the waiter waits, and takes over only once it is killed.</summary>
    [Fact]
    public void ALockHeldInAnotherPidNamespaceAtAPidUnusedHereIsWaitedForUntilItsHolderDies()
    {
        if (!ContainerRun.Possible)
            return;
        int pid = ContainerRun.PidUnusedHere();
        WaitsWhileHeldAndTakesOverOnceKilled(pid);
        Assert.False(Directory.Exists($"/proc/{pid}"), $"pid {pid} came into use here during the test, so it proved less");
    }

    /// <summary>The holder's pid in its namespace is this test process's own: its death is still noticed.</summary>
    [Fact]
    public void ALockHeldInAnotherPidNamespaceAtThisProcesssPidIsTakenOverOnceItsHolderDies() =>
        WaitsWhileHeldAndTakesOverOnceKilled(Environment.ProcessId, when: ContainerRun.Possible);

    /// <summary>The holder is its container's pid 1, as a container's program is: here pid 1 is init, which never dies.</summary>
    [Fact]
    public void ALockHeldByAContainersPidOneIsTakenOverOnceItDies() =>
        WaitsWhileHeldAndTakesOverOnceKilled(1, when: ContainerRun.Possible);

    /// <summary>
    /// A queue's writer in another PID namespace, at a pid unused here, waits for room inside the queue's write lock: a
    /// put here waits for it (the queue is full) instead of taking its lock; once it is killed, a put here takes over.
    /// </summary>
    [Fact]
    public void AQueuePutWaitingInAnotherPidNamespaceAtAPidUnusedHereKeepsItsLockUntilItDies()
    {
        if (!ContainerRun.Possible)
            return;
        int pid = ContainerRun.PidUnusedHere();
        PutWaitsWhileHeldAndTakesOverOnceKilled(pid);
        Assert.False(Directory.Exists($"/proc/{pid}"), $"pid {pid} came into use here during the test, so it proved less");
    }

    /// <summary>The same with the writer at this test process's own pid in its namespace.</summary>
    [Fact]
    public void AQueuePutWaitingInAnotherPidNamespaceAtThisProcesssPidIsTakenOverOnceItDies() =>
        PutWaitsWhileHeldAndTakesOverOnceKilled(Environment.ProcessId, when: ContainerRun.Possible);

    static void WaitsWhileHeldAndTakesOverOnceKilled(int pid, bool when = true)
    {
        if (!when)
            return;
        try
        {
            LockHeldThenKilled(pid);
        }
        finally
        {
            ProcessFiles.DeleteFilesOf(pid); // the killed holder's array and identity, now that nobody holds them
        }
    }

    static void LockHeldThenKilled(int pid)
    {
        using var holder = ContainerRun.InPidNamespace(pid, "lock");
        var words = holder.NextLine().Split(' ', 3);
        Assert.True(words is ["locked", _, _], string.Join(' ', words));
        Assert.Equal(pid, int.Parse(words[1]));
        using var array = JsonSerializer.Deserialize<SharedArray<int>>(words[2])!;
        var lk = array.GetLock();

        Assert.False(lk.TryAcquire(Short), "the lock was taken while its holder runs");

        holder.Kill();
        var clock = Stopwatch.StartNew();
        var abandoned = Assert.Throws<AbandonedMutexException>(() => lk.TryAcquire(Bound));
        Assert.True(clock.Elapsed < Bound, $"the dead holder was noticed only after {clock.Elapsed}");
        Assert.Contains($"Process {pid} died holding this lock", abandoned.Message);
        lk.Release(); // held now: the exception says so
        Assert.True(lk.TryAcquire(TimeSpan.Zero));
        lk.Release();
    }

    static void PutWaitsWhileHeldAndTakesOverOnceKilled(int pid, bool when = true)
    {
        if (!when)
            return;
        try
        {
            PutWaitingThenKilled(pid);
        }
        finally
        {
            ProcessFiles.DeleteFilesOf(pid); // the killed writer's queue and identity, now that nobody holds them
        }
    }

    static void PutWaitingThenKilled(int pid)
    {
        using var writer = ContainerRun.InPidNamespace(pid, "queue");
        var words = writer.NextLine().Split(' ', 3);
        Assert.True(words is ["queue", _, _], string.Join(' ', words));
        Assert.Equal(pid, int.Parse(words[1]));
        using var queue = JsonSerializer.Deserialize<SharedQueue<int>>(words[2])!;
        Assert.True(SpinWait.SpinUntil(() => queue.Ring.WriteLockHolder != 0, Bound), "the writer never took the write lock for its second put");
        int writerMark = queue.Ring.WriteLockHolder;

        Assert.Throws<QueueFullException>(() => queue.Put(4, timeout: Short));
        Assert.Equal(writerMark, queue.Ring.WriteLockHolder); // still the writer's: not taken over

        writer.Kill();
        Assert.Equal(2, queue.Get(timeout: Bound));
        queue.Put(5, timeout: Bound); // takes the dead writer's lock over
        Assert.Equal(5, queue.Get(timeout: Bound));
        Assert.Equal(0, queue.Ring.WriteLockHolder);
    }
}
