namespace Multiprocessing.Tests;

/// <summary>A pool's <see cref="WorkerPool.Timeline"/> says which worker ran each task, and when.</summary>
public class TimelineTests
{
    [Fact]
    public void AProcessPoolRecordsEveryTaskOnTheWorkerThatRanItWithoutOverlaps()
    {
        using var pool = new ProcessPool(2);
        Assert.Equal(Enumerable.Range(0, 8).Select(x => x * x), Bounded.Run(() => pool.Map(Targets.Square, Enumerable.Range(0, 8), chunksize: 2)));

        var runs = pool.Timeline;
        Assert.Equal(4, runs.Count);
        Assert.Equal(8, runs.Sum(r => r.Items));
        Assert.All(runs, run => Assert.Contains(run.Worker, pool.WorkerPids));
        AssertNoOverlapPerWorker(runs);
    }

    [Fact]
    public void AThreadPoolRecordsItsThreadsAndFailedTasks()
    {
        using var pool = new ThreadWorkerPool(2);
        Bounded.Run(() => pool.Map(Targets.Square, Enumerable.Range(0, 6), chunksize: 1));
        Assert.Throws<InvalidOperationException>(() => Bounded.Run(() => pool.Apply(Targets.FailWith, "no")));

        var runs = pool.Timeline;
        Assert.Equal(7, runs.Count);
        Assert.Single(runs, r => r.Failed);
        Assert.All(runs, run => Assert.Contains(run.Worker, pool.WorkerIds));
        AssertNoOverlapPerWorker(runs);
    }

    static void AssertNoOverlapPerWorker(IReadOnlyList<TaskRun> runs)
    {
        Assert.All(runs, run => Assert.True(run.Start <= run.End && run.Start >= TimeSpan.Zero, $"{run}"));
        foreach (var worker in runs.GroupBy(r => r.Worker))
        {
            var ordered = worker.OrderBy(r => r.Start).ToList();
            for (int i = 1; i < ordered.Count; i++)
                Assert.True(ordered[i].Start >= ordered[i - 1].End, $"Worker {worker.Key} ran two tasks at once: {ordered[i - 1]} and {ordered[i]}");
        }
    }
}
