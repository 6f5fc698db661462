namespace Multiprocessing.Tests;

[CollectionDefinition("Scheduling", DisableParallelization = true)]
public sealed class SchedulingCollection;

/// <summary>
/// Issue 13, scheduling: a task waits for a worker only when no worker is idle. A task sent ahead to a worker that is
/// still busy is taken back for an idle one, and never runs twice. Issue 18: tasks start in the order they were given,
/// as in Python's pull-based pool, also right after tiny tasks (when workers hold tasks ahead). Alone in their collection:
/// the order tests read real start and finish times, which other tests' processes would push around.
/// </summary>
[Collection("Scheduling")]
public class SchedulingTests
{
    /// <summary>
    /// Lesson 5's naps, [400, 50, 250, 10, 150, 300, 20, 100] ms, each five times as long, so that on a busy machine a worker
    /// woken late cannot swap two results: the closest come 100 ms apart instead of 20. CPython 3.11's Pool(4).imap_unordered
    /// gives them back as 10, 50, 150, 20, 250, 100, 300, 400 (times five), the same at any scale.
    /// </summary>
    static readonly int[] Naps = [2000, 250, 1250, 50, 750, 1500, 100, 500];

    static readonly int[] PythonsOrder = [50, 250, 750, 100, 1250, 500, 1500, 2000];

    /// <summary>
    /// Each nap's start on the shared monotonic clock, in ms from the first; the results in the order they came. Tasks that
    /// begin together (the first four) may record their starts in any order, so starts are compared with a tolerance
    /// well below the 100 ms that separates the closest later starts.
    /// </summary>
    static void AssertStartsInOrderAndPythonsCompletionOrder(List<long[]> results)
    {
        var starts = results.OrderBy(r => Array.IndexOf(Naps, (int)r[0])).Select(r => r[1]).ToArray();
        double Ms(long ticks) => ticks * 1000.0 / System.Diagnostics.Stopwatch.Frequency;
        string runs = string.Join(", ", results.Select(r => $"{r[0]}: {Ms(r[1] - starts.Min()):0}–{Ms(r[2] - starts.Min()):0} ms"));
        for (int i = 0; i < starts.Length; i++)
            for (int j = i + 1; j < starts.Length; j++)
                Assert.True(Ms(starts[i] - starts[j]) < 50,
                    $"Nap {Naps[i]} (task {i}) began {Ms(starts[i] - starts[j]):0.0} ms after nap {Naps[j]} (task {j}), which was given later. Runs as they finished: {runs}.");
        Assert.True(PythonsOrder.SequenceEqual(results.Select(r => (int)r[0])),
            $"The naps finished as {string.Join(", ", results.Select(r => r[0]))}, not in Python's order {string.Join(", ", PythonsOrder)}. Runs: {runs}.");
    }

    /// <summary>Returns once all <paramref name="workers"/> workers are ready, as they are in a lesson's next cell.</summary>
    static void AllReady(ProcessPool pool, int workers)
    {
        using var gates = new GateFolder();
        var pids = Bounded.Run(() => pool.Starmap(Targets.Gather, Enumerable.Range(0, workers).Select(i => (gates.Folder, $"worker-{i}", workers)), chunksize: 1));
        Assert.Equal(workers, pids.Distinct().Count());
    }

    [Fact]
    public void LessonFivesNapsStartInOrderAndFinishInPythonsOrder()
    {
        using var pool = new ProcessPool(4);
        AllReady(pool, 4);
        var results = Bounded.Run(() => pool.ImapUnordered(Targets.TimedNap, Naps).ToList());
        AssertStartsInOrderAndPythonsCompletionOrder(results);
    }

    [Fact]
    public void AfterTinyTasksTheNapsStillStartInOrder()
    {
        using var pool = new ProcessPool(4);
        // Hundreds of tiny tasks make every worker one that is sent tasks ahead; the naps that follow must not wait behind one.
        Bounded.Run(() => pool.Map(Targets.Square, Enumerable.Range(0, 2_000), chunksize: 1));
        var results = Bounded.Run(() => pool.ImapUnordered(Targets.TimedNap, Naps).ToList());
        AssertStartsInOrderAndPythonsCompletionOrder(results);
    }

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
