using Multiprocessing.Hosting;

namespace Multiprocessing.Tests;

/// <summary>Four warm workers, so a barrier of five has four parties in other processes and one in the test.</summary>
public sealed class FourWorkerPoolFixture : IDisposable
{
    public ProcessPool Pool { get; } = new(4);

    public void Dispose() => Pool.Dispose();
}

/// <summary>
/// Python's <c>multiprocessing.Barrier</c> across real processes: CPython's <c>_TestBarrier</c> (Lib/test/_test_multiprocessing.py)
/// case by case, its "bunch" of N - 1 processes being pool workers, plus the test's own thread.
/// </summary>
public sealed class SharedBarrierTests : IClassFixture<FourWorkerPoolFixture>, IDisposable
{
    const int N = 5;
    static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    readonly ProcessPool _pool;
    readonly SharedBarrier _barrier = new(N, timeout: DefaultTimeout); // setUp

    public SharedBarrierTests(FourWorkerPoolFixture fixture) => _pool = fixture.Pool;

    public void Dispose() // tearDown
    {
        _barrier.Abort();
        _barrier.Dispose();
    }

    /// <summary>Bunch + run_threads: <paramref name="f"/> in N - 1 workers and in this thread; returns the N results, this thread's last.</summary>
    List<TResult> RunParties<TResult>(Func<AsyncResult<TResult>> inWorker, Func<TResult> here)
    {
        var others = Enumerable.Range(0, N - 1).Select(_ => inWorker()).ToList();
        var mine = Bounded.Run(here);
        return [.. others.Select(r => r.Get(Bounded.Limit)), mine];
    }

    [Theory] // _TestBarrier.test_barrier and test_barrier_10
    [InlineData(1)]
    [InlineData(10)]
    public void PartiesPassInLockstep(int passes)
    {
        using var results = new SharedArray<int>(2);
        var inStep = RunParties(
            () => _pool.ApplyAsync(MessagingTargets.MultiPass, _barrier, results, passes),
            () => MessagingTargets.MultiPass(_barrier, results, passes));
        Assert.All(inStep, Assert.True);
        Assert.Equal([N * passes, N * passes], results.ToArray());
    }

    [Fact] // _TestBarrier.test_wait_return
    public void EachArrivalGetsItsOwnIndex()
    {
        var indexes = RunParties(() => _pool.ApplyAsync(MessagingTargets.WaitIndex, _barrier), () => _barrier.Wait());
        Assert.Equal(Enumerable.Range(0, N), indexes.Order()); // CPython checks that one is 0; they are 0 to N - 1
    }

    [Fact] // _TestBarrier.test_action
    public void TheLastArrivalRunsTheActionOnceBeforeAnyGoesOn()
    {
        // The action may run in any process, so it counts in a file; the workers of the shared pool were started before
        // the file's name was set, so this test's parties are children of their own.
        var file = ProcessFiles.WriteTempFile("action", "", []); // empty, held by this process until it is deleted below
        Environment.SetEnvironmentVariable("MP_TEST_ACTION_FILE", file);
        try
        {
            using var barrier = new SharedBarrier(N, MessagingTargets.CountAction);
            var children = Enumerable.Range(0, N - 1).Select(_ => new ChildProcess(MessagingTargets.WaitThenCountActions, barrier, file)).ToList();
            children.StartAll();
            Assert.Equal(1, Bounded.Run(() => MessagingTargets.WaitThenCountActions(barrier, file)));
            Assert.Empty(children.JoinAll(Bounded.Limit));
            Assert.All(children, c => Assert.Equal(0, c.ExitCode));
            Assert.Equal(1, File.ReadAllText(file).Length);
        }
        finally
        {
            Environment.SetEnvironmentVariable("MP_TEST_ACTION_FILE", null);
            File.Delete(file);
        }
    }

    [Fact]
    public void AnActionThatCannotRunInAChildIsRefused()
    {
        int counter = 0;
        var error = Assert.Throws<ArgumentException>(() => new SharedBarrier(2, () => counter++));
        Assert.Contains("captures", error.Message);
    }

    [Fact]
    public void AnActionThatThrowsBreaksTheBarrierAndReachesTheLastArrival()
    {
        using var barrier = new SharedBarrier(2, ThrowingAction);
        var other = _pool.ApplyAsync(MessagingTargets.WaitAndReport, barrier);
        Assert.True(SpinWait.SpinUntil(() => barrier.Waiting == 1, Bounded.Limit));
        var error = Assert.Throws<InvalidOperationException>(() => barrier.Wait()); // the action's own exception, as in Python
        Assert.Equal("the action failed", error.Message);
        Assert.StartsWith(nameof(BrokenBarrierException), other.Get(Bounded.Limit));
        Assert.True(barrier.IsBroken);
    }

    static void ThrowingAction() => throw new InvalidOperationException("the action failed");

    [Fact] // _TestBarrier.test_abort
    public void AnAbortBreaksTheBarrierForEveryone()
    {
        using var results = new SharedArray<int>(2);
        RunParties(
            () => _pool.ApplyAsync(AbortInTheMiddle, _barrier, results),
            () => AbortInTheMiddle(_barrier, results));
        Assert.Equal(0, results[0]);
        Assert.Equal(N - 1, results[1]);
        Assert.True(_barrier.IsBroken);
    }

    static int AbortInTheMiddle(SharedBarrier barrier, SharedArray<int> results)
    {
        MessagingTargets.AbortInTheMiddle(barrier, results, N);
        return 0;
    }

    [Fact] // _TestBarrier.test_reset
    public void AResetFreesTheWaitersAndTheBarrierWorksAgain()
    {
        using var results = new SharedArray<int>(3);
        RunParties(
            () => _pool.ApplyAsync(ResetInTheMiddle, _barrier, results),
            () => ResetInTheMiddle(_barrier, results));
        Assert.Equal([0, N - 1, N], results.ToArray());
    }

    static int ResetInTheMiddle(SharedBarrier barrier, SharedArray<int> results)
    {
        MessagingTargets.ResetInTheMiddle(barrier, results, N);
        return 0;
    }

    [Fact] // _TestBarrier.test_abort_and_reset
    public void ABrokenBarrierCanBeReset()
    {
        using var results = new SharedArray<int>(3);
        using var barrier2 = new SharedBarrier(N);
        RunParties(
            () => _pool.ApplyAsync(AbortThenReset, _barrier, barrier2, results),
            () => AbortThenReset(_barrier, barrier2, results));
        Assert.Equal([0, N - 1, N], results.ToArray());
    }

    static int AbortThenReset(SharedBarrier barrier, SharedBarrier barrier2, SharedArray<int> results)
    {
        MessagingTargets.AbortThenReset(barrier, barrier2, results, N);
        return 0;
    }

    [Fact] // _TestBarrier.test_timeout
    public void AWaitThatTimesOutBreaksTheBarrier()
    {
        using var results = new SharedArray<int>(1);
        RunParties(
            () => _pool.ApplyAsync(LateParty, _barrier, results),
            () => LateParty(_barrier, results));
        Assert.Equal(_barrier.Parties, results[0]);
    }

    static int LateParty(SharedBarrier barrier, SharedArray<int> results)
    {
        MessagingTargets.LateParty(barrier, results, N, lateMs: 1000, waitMs: 300);
        return 0;
    }

    [Fact] // _TestBarrier.test_default_timeout
    public void TheBarriersDefaultTimeoutBreaksItToo()
    {
        using var barrier = new SharedBarrier(N, timeout: TimeSpan.FromMilliseconds(300));
        using var results = new SharedArray<int>(1);
        RunParties(
            () => _pool.ApplyAsync(LatePartyDefaultTimeout, barrier, results),
            () => LatePartyDefaultTimeout(barrier, results));
        Assert.Equal(barrier.Parties, results[0]);
    }

    static int LatePartyDefaultTimeout(SharedBarrier barrier, SharedArray<int> results)
    {
        MessagingTargets.LatePartyDefaultTimeout(barrier, results, N, lateMs: 1000);
        return 0;
    }

    [Fact] // _TestBarrier.test_single_thread
    public void ABarrierOfOnePartyNeverWaits()
    {
        using var b = new SharedBarrier(1);
        Assert.Equal(0, b.Wait());
        Assert.Equal(0, b.Wait());
        Assert.Throws<ArgumentOutOfRangeException>(() => new SharedBarrier(0));
    }

    [Fact] // _TestBarrier.test_thousand
    public void AThousandPassesInLockstep()
    {
        const int passes = 1000;
        using var lockHolder = new SharedValue<int>();
        var (conn, childConn) = Pipe.Create<int>(duplex: false);
        using var _ = conn;
        var children = Enumerable.Range(0, N).Select(_ => new ChildProcess(MessagingTargets.SendEachPass, _barrier, passes, childConn, lockHolder)).ToList();
        children.StartAll();
        childConn.Close();
        try
        {
            for (int i = 0; i < passes; i++)
                for (int j = 0; j < N; j++)
                    Assert.Equal(i, Bounded.Run(conn.Recv));
            Assert.Empty(children.JoinAll(Bounded.Limit));
        }
        finally
        {
            children.ForEach(c => c.Dispose());
        }
    }

    [Fact]
    public void PropertiesAndToString()
    {
        Assert.Equal(N, _barrier.Parties);
        Assert.Equal(0, _barrier.Waiting);
        Assert.False(_barrier.IsBroken);
        Assert.Equal(DefaultTimeout, _barrier.DefaultTimeout);
        Assert.Equal("SharedBarrier(parties=5, waiting=0)", _barrier.ToString());
        _barrier.Abort();
        Assert.True(_barrier.IsBroken);
        Assert.Equal("SharedBarrier(parties=5, broken)", _barrier.ToString());
        var error = Assert.Throws<BrokenBarrierException>(() => _barrier.Wait());
        Assert.Contains("aborted", error.Message);
        _barrier.Reset();
        Assert.False(_barrier.IsBroken);
    }
}
