namespace Multiprocessing.Tests;

/// <summary>
/// Issue 13, scheduling: a task waits for a worker only when no worker is idle. A task sent ahead to a worker that is
/// still busy is taken back for an idle one, and never runs twice.
/// </summary>
public class SchedulingTests
{
    /// <summary>Two tasks that finish only if both workers run at once: after this, both are ready.</summary>
    static void WarmUp(ProcessPool pool, GateFolder gates)
    {
        var a = pool.ApplyAsync(Targets.Rendezvous, gates.Gate("warm-a"), gates.Gate("warm-b"));
        var b = pool.ApplyAsync(Targets.Rendezvous, gates.Gate("warm-b"), gates.Gate("warm-a"));
        Assert.NotEqual(a.Get(Bounded.Limit), b.Get(Bounded.Limit));
    }

    [Fact]
    public void TasksQueuedBehindABlockedWorkerRunOnTheIdleOne()
    {
        using var pool = new ProcessPool(2);
        using var gates = new GateFolder();
        WarmUp(pool, gates);
        var blocked = pool.ApplyAsync(PromiseTargets.PidAfterGate, gates.Gate("long"));
        var released = pool.ApplyAsync(PromiseTargets.PidAfterGate, gates.Gate("short"));
        // Sent ahead: one of these sits behind the blocked task's worker.
        var later = Enumerable.Range(0, 2).Select(i => pool.ApplyAsync(Targets.PidFor, i)).ToList();
        gates.Open("short");
        int idle = released.Get(Bounded.Limit);
        // Both finish while the first worker is still blocked, on the worker that became idle.
        Assert.All(later, task => Assert.Equal(idle, task.Get(TimeSpan.FromSeconds(10))));
        Assert.False(blocked.Ready);
        gates.Open("long");
        Assert.NotEqual(idle, blocked.Get(Bounded.Limit));
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    public void UnevenImapTasksNeverWaitBehindALongOneWhileAWorkerIsIdle(int workers, int chunksize)
    {
        using var pool = new ProcessPool(workers);
        using var gates = new GateFolder();
        WarmUp(pool, gates);
        var items = new[] { new GatedItem(0, gates.Gate("first")) }.Concat(Enumerable.Range(1, 9).Select(i => new GatedItem(i))).ToArray();
        using var results = pool.ImapUnordered(Targets.Gated, items, chunksize).GetEnumerator();
        // Every item except those in the gated chunk completes while the gate is shut.
        int free = items.Length - chunksize;
        var got = Enumerable.Range(0, free).Select(_ => Bounded.Next(results, TimeSpan.FromSeconds(10))).ToList();
        Assert.Equal(Enumerable.Range(chunksize, free), got.Order());
        gates.Open("first");
        while (Bounded.Run(results.MoveNext))
            got.Add(results.Current);
        Assert.Equal(Enumerable.Range(0, items.Length), got.Order()); // each once: none ran twice
    }

    [Fact]
    public void ARevokedTaskRunsExactlyOnce()
    {
        using var pool = new ProcessPool(2);
        using var hits = new SharedArray<int>(40);
        var durations = Enumerable.Range(0, 40).Select(i => (hits, i)).ToList();
        // Uneven tasks keep workers going idle while the other holds a task ahead: many revokes, some racing a start.
        pool.Starmap(PromiseTargets.HitAndNap, durations, chunksize: 1);
        Assert.All(hits.ToArray(), count => Assert.Equal(1, count));
    }
}
