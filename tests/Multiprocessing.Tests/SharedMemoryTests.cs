using Multiprocessing.Memory;

namespace Multiprocessing.Tests;

/// <summary>Python's <c>multiprocessing.Array</c> and <c>Value</c>: memory that children write and the parent reads, and their lock.</summary>
public class SharedMemoryTests(ProcessPoolFixture fixture) : IClassFixture<ProcessPoolFixture>
{
    readonly ProcessPool _pool = fixture.Pool;

    [Fact]
    public void ANewArrayIsZeroedAndAnArrayFromValuesHoldsThem()
    {
        using var zeros = new SharedArray<int>(4);
        Assert.Equal([0, 0, 0, 0], zeros.ToArray());
        Assert.Equal(4, zeros.Length);
        using var values = new SharedArray<double>([1.5, -2, 3]);
        Assert.Equal([1.5, -2, 3], values);
        Assert.Equal(-2, values[1]);
        using var empty = new SharedArray<int>(0);
        Assert.Empty(empty);
        Assert.Equal("[]", empty.ToString());
    }

    [Fact]
    public void AChildWritesAnArrayAndTheParentReadsIt()
    {
        using var values = new SharedArray<double>(6);
        using var child = new ChildProcess(Targets.WriteSquares, values);
        child.Start();
        Assert.True(child.Join(Bounded.Limit));
        Assert.Equal(0, child.ExitCode);
        Assert.Equal(Enumerable.Range(0, 6).Select(i => i * i + 0.5), values.ToArray());
    }

    [Fact]
    public void AChildWritesAValueAndTheParentReadsIt()
    {
        using var value = new SharedValue<long>(5);
        Assert.Equal(5, value.Value);
        using var child = new ChildProcess(Targets.SetValue, value, long.MaxValue - 1);
        child.Start();
        Assert.True(child.Join(Bounded.Limit));
        Assert.Equal(0, child.ExitCode);
        Assert.Equal(long.MaxValue - 1, value.Value);
        Assert.Equal((long.MaxValue - 1).ToString(), value.ToString());
    }

    [Fact]
    public void ChildrenCubingAnArrayPrintLikePython()
    {
        using var numbers = new SharedArray<int>([2, 3, 4]);
        var children = Enumerable.Range(0, 3).Select(i => new ChildProcess(Targets.Cube, numbers, i)).ToList();
        try
        {
            children.ForEach(c => c.Start());
            Assert.All(children, c => Assert.True(c.Join(Bounded.Limit)));
            Assert.All(children, c => Assert.Equal(0, c.ExitCode));
        }
        finally
        {
            children.ForEach(c => c.Dispose());
        }
        Assert.Equal("[8, 27, 64]", numbers.ToString());
    }

    [Fact]
    public void PoolTasksWriteTheSameMemory()
    {
        using var numbers = new SharedArray<int>(Enumerable.Range(1, 10));
        var results = Bounded.Run(() => _pool.Starmap(Targets.CubeAt, Enumerable.Range(0, 10).Select(i => (numbers, i)), chunksize: 1));
        var cubes = Enumerable.Range(1, 10).Select(n => n * n * n).ToArray();
        Assert.Equal(cubes, results);
        Assert.Equal(cubes, numbers.ToArray());
    }

    [Fact]
    public void ChildrenIncrementingUnderTheLockLoseNoUpdate()
    {
        const int children = 4, times = 500;
        using var counter = new SharedValue<int>(0);
        var processes = Enumerable.Range(0, children).Select(_ => new ChildProcess(Targets.IncrementLocked, counter, times)).ToList();
        try
        {
            processes.ForEach(p => p.Start());
            Assert.All(processes, p => Assert.True(p.Join(Bounded.Limit)));
            Assert.All(processes, p => Assert.Equal(0, p.ExitCode));
        }
        finally
        {
            processes.ForEach(p => p.Dispose());
        }
        Assert.Equal(children * times, counter.Value);
    }

    [Fact]
    public void PoolTasksAndTheParentIncrementingAnArrayUnderItsLockLoseNoUpdate()
    {
        using var counter = new SharedArray<int>(1);
        var tasks = _pool.StarmapAsync(Targets.IncrementArrayLocked, Enumerable.Repeat((counter, 500), 4), chunksize: 1);
        Targets.IncrementArrayLocked(counter, 500); // the parent takes part too
        Assert.Equal([500, 500, 500, 500], tasks.Get(Bounded.Limit));
        Assert.Equal(2500, counter[0]);
    }

    [Fact]
    public void TheLockIsHeldAcrossProcesses()
    {
        using var value = new SharedValue<int>();
        var gotIt = value.GetLock().TryAcquire(TimeSpan.Zero);
        Assert.True(gotIt);
        try
        {
            // While the parent holds it, a child cannot take it, so its increments wait.
            using var child = new ChildProcess(Targets.IncrementLocked, value, 1);
            child.Start();
            Assert.False(child.Join(TimeSpan.FromMilliseconds(200)));
            Assert.Equal(0, value.Value);
            value.GetLock().Release();
            gotIt = false;
            Assert.True(child.Join(Bounded.Limit));
            Assert.Equal(1, value.Value);
        }
        finally
        {
            if (gotIt)
                value.GetLock().Release();
        }
    }

    [Fact]
    public void ANewHolderAfterADeadOneIsToldTheDataMayBeHalfWritten()
    {
        using var value = new SharedValue<int>(0);
        using var holder = new ChildProcess(FailureTargets.HoldLockUntilKilled, value);
        holder.Start();
        Assert.True(SpinWait.SpinUntil(() => value.Value != 0, Bounded.Limit), "the child never took the lock");
        holder.Kill(); // SIGKILL while holding the lock
        Assert.True(holder.Join(Bounded.Limit));

        var gate = value.GetLock();
        var error = Assert.Throws<AbandonedMutexException>(() => gate.TryAcquire(Bounded.Limit));
        Assert.Contains($"Process {holder.Pid} died holding this lock", error.Message);
        gate.Release(); // the exception leaves this thread holding the lock, as a Mutex's does
        Assert.True(gate.TryAcquire(TimeSpan.Zero), "the lock was not free after the new holder released it");
        gate.Release();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)] // shorter than the 10 ms between liveness checks
    public void EvenAShortTryAcquireTakesOverFromADeadHolder(int timeoutMs)
    {
        using var value = new SharedValue<int>(0);
        using var holder = new ChildProcess(FailureTargets.HoldLockUntilKilled, value);
        holder.Start();
        Assert.True(SpinWait.SpinUntil(() => value.Value != 0, Bounded.Limit), "the child never took the lock");
        holder.Kill();
        Assert.True(holder.Join(Bounded.Limit));

        var gate = value.GetLock();
        var error = Assert.Throws<AbandonedMutexException>(() => gate.TryAcquire(TimeSpan.FromMilliseconds(timeoutMs)));
        Assert.Contains($"Process {holder.Pid} died holding this lock", error.Message);
        gate.Release();
    }

    [Fact]
    public void ReleasingALockThisProcessDoesNotHoldThrows()
    {
        using var values = new SharedArray<int>(2);
        var gate = values.GetLock();
        Assert.Throws<SynchronizationLockException>(gate.Release);
        using (gate.Acquire()) { }
        Assert.Throws<SynchronizationLockException>(gate.Release);
        Assert.True(gate.TryAcquire(TimeSpan.Zero)); // released, so free again
        gate.Release();
    }

    [Fact]
    public void TheLockIsRecursiveLikePythons()
    {
        // Python: Value/Array(..., lock=True) create "a new recursive lock object" (an RLock), so the holder may take it again.
        using var value = new SharedValue<int>();
        var gate = value.GetLock();
        Assert.True(gate.TryAcquire(TimeSpan.Zero));
        bool again = false;
        try
        {
            again = gate.TryAcquire(TimeSpan.FromMilliseconds(100));
            Assert.True(again, "The holder could not take the lock again, as Python's RLock allows.");
        }
        finally
        {
            if (again)
                gate.Release();
            gate.Release();
        }
    }

    [Fact]
    public void WithoutALockGetLockThrows()
    {
        using var array = new SharedArray<int>(3, withLock: false);
        using var value = new SharedValue<int>(withLock: false);
        Assert.Throws<InvalidOperationException>(() => array.GetLock());
        Assert.Throws<InvalidOperationException>(() => value.GetLock());
    }

    [Fact]
    public void DisposeDeletesTheBackingFile()
    {
        var array = new SharedArray<int>([1, 2, 3]);
        var value = new SharedValue<double>(1.5);
        string arrayFile = ((ISharedMemory)array).Block.Name, valueFile = ((ISharedMemory)value).Block.Name;
        Assert.StartsWith("/dev/shm/", arrayFile);
        Assert.StartsWith("/dev/shm/", valueFile);
        Assert.True(File.Exists(arrayFile));
        Assert.True(File.Exists(valueFile));
        array.Dispose();
        value.Dispose();
        Assert.False(File.Exists(arrayFile));
        Assert.False(File.Exists(valueFile));
        Assert.Throws<ObjectDisposedException>(() => array[0]);
        Assert.Throws<ObjectDisposedException>(() => value.Value);
        array.Dispose(); // a second Dispose does nothing
    }

    [Fact]
    public void AChildEndingDoesNotDeleteTheParentsMemory()
    {
        using var values = new SharedArray<double>(3);
        string file = ((ISharedMemory)values).Block.Name;
        using var child = new ChildProcess(Targets.WriteSquares, values);
        child.Start();
        Assert.True(child.Join(Bounded.Limit));
        Assert.True(File.Exists(file));
        values[0] = 9;
        Assert.Equal([9, 1.5, 4.5], values.ToArray());
    }

    [Fact]
    public void AWorkerUnmapsSharedMemoryItReceivedOnceTheTaskEnds()
    {
        if (!OperatingSystem.IsLinux())
            return; // reads /proc
        using var pool = new ProcessPool(1);
        var numbers = new SharedArray<int>([5, 6, 7]);
        var file = ((ISharedMemory)numbers).Block.Name;

        Assert.Equal([5, 6, 7], pool.StarmapAsync(FailureTargets.ReadAt, [(numbers, 0), (numbers, 1), (numbers, 2)]).Get(Bounded.Limit));
        numbers.Dispose();

        var worker = Assert.Single(pool.WorkerPids);
        Assert.DoesNotContain(file, File.ReadAllText($"/proc/{worker}/maps"));
    }
}
