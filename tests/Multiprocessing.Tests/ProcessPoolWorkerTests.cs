namespace Multiprocessing.Tests;

/// <summary>How <see cref="ProcessPool"/> uses its workers: reuse, <c>maxtasksperchild</c>, <c>initializer</c>, chunking, close and join.</summary>
public class ProcessPoolWorkerTests
{
    [Fact]
    public void TheDefaultNumberOfWorkersIsTheProcessorCount()
    {
        using var pool = new ProcessPool();
        Assert.Equal(Environment.ProcessorCount, pool.Processes);
        Assert.Equal(Environment.ProcessorCount, pool.WorkerPids.Count);
    }

    [Fact]
    public void WorkersAreChildProcessesStartedOnceAndReused()
    {
        using var pool = new ProcessPool(2);
        var before = pool.WorkerPids.ToHashSet();
        Assert.Equal(2, before.Count);
        Assert.DoesNotContain(Environment.ProcessId, before);

        var applied = Enumerable.Range(0, 10).Select(_ => Bounded.Run(() => pool.Apply(Targets.WorkerPid))).ToList();
        var mapped = Bounded.Run(() => pool.Map(Targets.SleepThenReturnPid, Enumerable.Repeat(5, 16), chunksize: 1));
        var imapped = Bounded.Run(() => pool.Imap(Targets.PidFor, Enumerable.Range(0, 10)).ToList());

        Assert.Subset(before, applied.ToHashSet());
        Assert.Subset(before, imapped.ToHashSet());
        // Sixteen tasks of 5 ms on two workers: both take part, and no other process does.
        Assert.Equal(before, mapped.ToHashSet());
        Assert.DoesNotContain(Environment.ProcessId, mapped);
        Assert.Equal(before, pool.WorkerPids.ToHashSet());
    }

    [Fact]
    public void TwoTasksOnAPoolOfTwoRunAtTheSameTime()
    {
        // Each task waits for the other to have started: they finish only if two workers run them side by side,
        // as in Python, where an idle worker takes the next task.
        using var pool = new ProcessPool(2);
        using var gates = new GateFolder();
        var result = pool.StarmapAsync(Targets.Rendezvous, new[] { (gates.Gate("a"), gates.Gate("b")), (gates.Gate("b"), gates.Gate("a")) }, chunksize: 1);
        var pids = result.Get(Bounded.Limit);
        Assert.Equal(2, pids.Distinct().Count());
        Assert.Equal(pool.WorkerPids.ToHashSet(), pids.ToHashSet());
    }

    [Fact]
    public void WithMaxTasksPerChildOneEveryTaskRunsInANewProcess()
    {
        using var pool = new ProcessPool(2, maxTasksPerChild: 1);
        var first = pool.WorkerPids.ToHashSet();
        var pids = Bounded.Run(() => pool.Map(Targets.PidFor, Enumerable.Range(0, 5), chunksize: 1));
        Assert.Equal(5, pids.Distinct().Count());
        Assert.DoesNotContain(Environment.ProcessId, pids);
        // The pool replaced the used workers and keeps its size.
        Assert.Equal(2, pool.WorkerPids.Count);
        Assert.Contains(pids[0], first);
        Assert.Equal(9, Bounded.Run(() => pool.Apply(Targets.Square, 3)));
    }

    [Fact]
    public void WithMaxTasksPerChildTwoEachProcessRunsAtMostTwoTasks()
    {
        using var pool = new ProcessPool(1, maxTasksPerChild: 2);
        var pids = Bounded.Run(() => pool.Map(Targets.PidFor, Enumerable.Range(0, 6), chunksize: 1));
        // One worker at a time, replaced after every second task: 6 tasks, 3 processes, in runs of two.
        Assert.Equal(3, pids.Distinct().Count());
        Assert.All(pids.GroupBy(p => p), g => Assert.Equal(2, g.Count()));
        Assert.Equal(pids[0], pids[1]);
        Assert.Equal(pids[2], pids[3]);
        Assert.Equal(pids[4], pids[5]);
    }

    [Fact]
    public void TheDefaultChunksizeFollowsPythonsRule()
    {
        // Python: chunksize, extra = divmod(len, processes * 4); chunksize += 1 if extra.
        // 9 items on 2 workers: divmod(9, 8) = (1, 1), so chunks of 2: [0,1] [2,3] [4,5] [6,7] [8].
        // With maxTasksPerChild=1 each chunk (one task) runs in its own process, which shows the chunks.
        using var pool = new ProcessPool(2, maxTasksPerChild: 1);
        var pids = Bounded.Run(() => pool.Map(Targets.PidFor, Enumerable.Range(0, 9)));
        int[][] chunks = [[0, 1], [2, 3], [4, 5], [6, 7], [8]];
        Assert.All(chunks, chunk => Assert.Single(chunk.Select(i => pids[i]).Distinct()));
        Assert.Equal(chunks.Length, pids.Distinct().Count());
    }

    [Fact]
    public void TheInitializerRunsOnceInEachWorkerBeforeItsTasks()
    {
        using var pool = new ProcessPool(2, initializer: Targets.InitWorker);
        var infos = Bounded.Run(() => pool.Map(Targets.ReadWorkerTag, Enumerable.Range(0, 8), chunksize: 1));
        Assert.All(infos, info => Assert.Equal($"initialized in {info.Pid}", info.Tag));
        Assert.Subset(pool.WorkerPids.ToHashSet(), infos.Select(i => i.Pid).ToHashSet());
        // It ran in the workers, not here.
        Assert.Null(Targets.WorkerTag);
    }

    [Fact]
    public void TheInitializerRunsInEveryReplacementWorker()
    {
        using var pool = new ProcessPool(1, initializer: Targets.InitWorker, maxTasksPerChild: 1);
        var infos = Bounded.Run(() => pool.Map(Targets.ReadWorkerTag, Enumerable.Range(0, 3), chunksize: 1));
        Assert.Equal(3, infos.Select(i => i.Pid).Distinct().Count());
        Assert.All(infos, info => Assert.Equal($"initialized in {info.Pid}", info.Tag));
    }

    [Fact]
    public void TheInitializerCanBeALambdaThatCapturesNothing()
    {
        using var pool = new ProcessPool(1, initializer: static () => Targets.WorkerTag = "from a lambda");
        var info = Bounded.Run(() => pool.Apply(Targets.ReadWorkerTag, 0));
        Assert.Equal("from a lambda", info.Tag);
        Assert.Null(Targets.WorkerTag);
    }

    [Fact]
    public void CloseLetsQueuedTasksFinishAndJoinWaitsForTheWorkersToExit()
    {
        var pool = new ProcessPool(2);
        try
        {
            var result = pool.MapAsync(Targets.SleepThenReturn, [30, 20, 10, 0, 5, 15], chunksize: 1);
            pool.Close();
            Assert.True(pool.Join(Bounded.Limit));
            // Python: close() then join() returns once every queued task is done.
            Assert.True(result.Ready);
            Assert.Equal([30, 20, 10, 0, 5, 15], result.Get(TimeSpan.Zero));
            Assert.Empty(pool.WorkerPids);
        }
        finally
        {
            pool.Dispose();
        }
    }

    [Fact]
    public void CloseWithoutWorkLetsJoinReturnAndIsIdempotent()
    {
        using var pool = new ProcessPool(2);
        pool.Close();
        pool.Close();
        Assert.True(pool.Join(Bounded.Limit));
        Assert.True(pool.Join(TimeSpan.Zero));
    }

    [Fact]
    public async Task AwaitUsingEndsThePool()
    {
        ProcessPool pool;
        await using (pool = new ProcessPool(1))
            Assert.Equal(4, Bounded.Run(() => pool.Apply(Targets.Square, 2)));
        Assert.True(pool.Join(Bounded.Limit));
        Assert.Throws<InvalidOperationException>(() => pool.Apply(Targets.Square, 2));
    }
}
