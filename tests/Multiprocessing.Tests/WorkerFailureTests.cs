using System.Diagnostics;
using System.Reflection;
using Multiprocessing.Memory;
using Multiprocessing.Platform;
using Multiprocessing.Hosting;

namespace Multiprocessing.Tests;

/// <summary>Every way a task or a worker can fail: the caller gets a clear error, no call hangs, and the pool goes on.</summary>
public class WorkerFailureTests
{
    static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public void AnExceptionInATaskIsRaisedAgainWithItsTypeMessageAndTrace_AndThePoolStaysUsable()
    {
        using var pool = new ProcessPool(2);
        var error = Assert.Throws<RemoteException>(() => pool.ApplyAsync(FailureTargets.ThrowNested, 3).Get(Bound));

        Assert.Equal("System.InvalidOperationException", error.RemoteType);
        Assert.Equal("deep failure", error.RemoteMessage);
        Assert.Contains("FailureTargets.ThrowNested", error.RemoteStackTrace);
        Assert.Contains(error.Pid!.Value, pool.WorkerPids);
        Assert.Contains("deep failure", error.ToString());
        Assert.Equal(42, pool.ApplyAsync(FailureTargets.Identity, 42).Get(Bound));
    }

    [Fact]
    public void MapRaisesTheFailingItemsError()
    {
        using var pool = new ProcessPool(2);
        var error = Assert.Throws<RemoteException>(() =>
            pool.MapAsync(x => FailureTargets.Divide(10, x), [5, 2, 0, 1], chunksize: 1).Get(Bound));
        Assert.Equal("System.DivideByZeroException", error.RemoteType);
    }

    [Fact]
    public void MapRaisesTheFirstErrorAsItArrives_WhileAnotherTaskStillRuns()
    {
        // CPython's map raises only once every chunk is back; this one does not wait for the gated task, which waits
        // 15 s for its gate: a map that waited for it would fail this Get's 10 s with a TimeoutException instead.
        using var gates = new GateFolder();
        using var pool = new ProcessPool(2);
        var error = Assert.Throws<RemoteException>(() => pool.MapAsync(
            static (GatedItem item) => item.Value < 0 ? throw new InvalidOperationException("fails at once") : Targets.Gated(item),
            [new GatedItem(1, gates.Gate("slow")), new GatedItem(-1)], chunksize: 1).Get(TimeSpan.FromSeconds(10)));
        Assert.Equal("fails at once", error.RemoteMessage);

        gates.Open("slow"); // the other task ran on; the pool serves the next call
        Assert.Equal(42, pool.ApplyAsync(FailureTargets.Identity, 42).Get(Bound));
    }

    public static TheoryData<string, int?> Deaths => new()
    {
        { nameof(FailureTargets.ExitWith), 3 },
        { nameof(FailureTargets.FailFast), null },
        { nameof(FailureTargets.Recurse), null },
        { nameof(FailureTargets.KillSelf), 137 },
    };

    [Theory]
    [MemberData(nameof(Deaths))]
    public void AWorkerThatDiesFailsExactlyTheTaskItWasRunning_AndIsReplaced(string how, int? exitCode)
    {
        Func<int, int> die = how switch
        {
            nameof(FailureTargets.ExitWith) => FailureTargets.ExitWith,
            nameof(FailureTargets.FailFast) => FailureTargets.FailFast,
            nameof(FailureTargets.Recurse) => FailureTargets.Recurse,
            _ => FailureTargets.KillSelf,
        };
        using var pool = new ProcessPool(1);
        Assert.Equal(7, pool.Apply(FailureTargets.Identity, 7)); // the worker is ready

        // One worker holds the dying task and the next ones; only the dying one fails.
        var dying = pool.ApplyAsync(die, 3);
        var after = Enumerable.Range(10, 3).Select(i => pool.ApplyAsync(FailureTargets.Identity, i)).ToList();

        var error = Assert.Throws<BrokenProcessPoolException>(() => dying.Get(Bound));
        if (exitCode is not null)
            Assert.Equal(exitCode, error.ExitCode);
        Assert.NotEqual(0, error.ExitCode);
        Assert.Equal([10, 11, 12], after.Select(r => r.Get(Bound)));
        Assert.Single(pool.WorkerPids);
        Assert.DoesNotContain(error.Pid!.Value, pool.WorkerPids);
    }

    [Fact]
    public void AKilledWorkerFailsItsTaskWithinASecond()
    {
        using var started = new SharedValue<int>();
        using var pool = new ProcessPool(2);
        var blocked = pool.ApplyAsync(FailureTargets.BlockUntilKilled, started);
        Assert.True(SpinWait.SpinUntil(() => started.Value != 0, Bound), "the task never started");

        var clock = Stopwatch.StartNew();
        Process.GetProcessById(started.Value).Kill();
        var error = Assert.Throws<BrokenProcessPoolException>(() => blocked.Get(TimeSpan.FromSeconds(1)));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.Elapsed}");
        Assert.Equal(started.Value, error.Pid);
        Assert.Equal([1, 4, 9], pool.Map(Targets.Square, [1, 2, 3]));
    }

    [Fact]
    public void MapFailsInsteadOfHangingWhenAWorkerDies()
    {
        using var pool = new ProcessPool(2);
        var result = pool.MapAsync(FailureTargets.ExitWith, [0, 0, 0, 0], chunksize: 1);
        Assert.Throws<BrokenProcessPoolException>(() => result.Get(Bound));
    }

    [Fact]
    public void AFailingInitializerBreaksThePoolWithItsError_InsteadOfRestartingForever()
    {
        using var pool = new ProcessPool(2, initializer: FailureTargets.FailingInitializer);
        var error = Assert.Throws<BrokenProcessPoolException>(() => pool.ApplyAsync(FailureTargets.Identity, 1).Get(Bound));
        Assert.Contains("initializer failed on purpose", error.ToString());
        Assert.True(SpinWait.SpinUntil(() => pool.WorkerPids.Count == 0, Bound));
        Assert.Throws<BrokenProcessPoolException>(() => pool.ApplyAsync(FailureTargets.Identity, 1));
    }

    [Fact]
    public void TerminateFailsUnfinishedTasksAndLeavesNoWorker()
    {
        using var started = new SharedValue<int>();
        var pool = new ProcessPool(2);
        var pids = pool.WorkerPids;
        var blocked = pool.ApplyAsync(FailureTargets.BlockUntilKilled, started);
        Assert.True(SpinWait.SpinUntil(() => started.Value != 0, Bound));

        pool.Terminate();

        Assert.Throws<InvalidOperationException>(() => blocked.Get(Bound));
        Assert.All(pids, pid => Assert.False(ProcessLiveness.IsAlive(pid), $"worker {pid} still runs"));
        Assert.True(pool.Join(Bound));
        Assert.Throws<InvalidOperationException>(() => pool.Map(Targets.Square, [1]));
    }

    [Fact]
    public void DisposeLeavesNoWorkerAndNoSharedMemoryFile()
    {
        var numbers = new SharedArray<int>([1, 2, 3]);
        var file = ((ISharedMemory)numbers).Block.Name;
        var pool = new ProcessPool(2);
        var pids = pool.WorkerPids;
        Assert.Equal([1, 2, 3], pool.Starmap(FailureTargets.ReadAt, [(numbers, 0), (numbers, 1), (numbers, 2)]));
        Assert.True(File.Exists(file));

        pool.Dispose();
        numbers.Dispose();

        Assert.All(pids, pid => Assert.False(ProcessLiveness.IsAlive(pid), $"worker {pid} still runs"));
        Assert.False(File.Exists(file));
    }

    [Fact]
    public void WorkersExitWhenTheirParentIsKilled()
    {
        using var pids = new SharedArray<int>(3);
        using var parent = new ChildProcess(FailureTargets.StartPoolAndWait, pids);
        parent.Start();
        Assert.True(SpinWait.SpinUntil(() => pids[2] == 1, Bound), "the parent never started its pool");
        int[] workers = [pids[0], pids[1]];
        Assert.All(workers, pid => Assert.True(ProcessLiveness.IsAlive(pid)));

        parent.Kill(); // SIGKILL: the parent gets no chance to clean up

        Assert.True(parent.Join(Bound));
        Assert.True(SpinWait.SpinUntil(() => !workers.Any(ProcessLiveness.IsAlive), Bound),
            $"workers still running after their parent was killed: {string.Join(", ", workers.Where(ProcessLiveness.IsAlive))}");

        // The killed parent could not remove its worker runtime config; a later parent would sweep it, but a test cleans up now.
        ProcessFiles.DeleteFilesOf(parent.Pid!.Value);
    }

    [Fact]
    public void AFunctionThatCannotLoadInAWorkerFailsWithTheSameErrorEveryTime()
    {
        var inMemory = Assembly.Load(File.ReadAllBytes(typeof(Targets).Assembly.Location));
        var square = inMemory.GetType(typeof(Targets).FullName!)!.GetMethod(nameof(Targets.Square))!.CreateDelegate<Func<int, int>>();
        var missing = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.dll");
        using var frontEnd = FrontEnd.Use(new InMemoryLocator(inMemory, missing));
        using var pool = new ProcessPool(1);

        var first = Assert.Throws<RemoteException>(() => pool.ApplyAsync(square, 2).Get(Bound));
        var second = Assert.Throws<RemoteException>(() => pool.ApplyAsync(square, 3).Get(Bound));

        Assert.Equal(first.RemoteType, second.RemoteType);
        Assert.Contains("FileNotFound", second.RemoteType);
        Assert.Equal(9, pool.Apply(Targets.Square, 3)); // the pool goes on
    }
}
