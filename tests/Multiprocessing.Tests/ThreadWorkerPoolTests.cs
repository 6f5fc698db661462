using System.Collections.Concurrent;

namespace Multiprocessing.Tests;

/// <summary>Python's <c>multiprocessing.pool.ThreadPool</c>: the pool interface on threads of this process.</summary>
public class ThreadWorkerPoolTests
{
    [Fact]
    public void GivesTheSameResultsAsAProcessPoolThroughTheSharedInterface()
    {
        using var threads = new ThreadWorkerPool(2);
        using var processes = new ProcessPool(2);
        Assert.Equal(RunAll(processes), RunAll(threads));
        Assert.Equal(
            ["[0,1,4,9,16]", "[3,7]", "[6,24]", "[0,1,4,9]", "[0,1,4,9]", "42", "25", "5", "a|1|2.5", "[1,4]", "[3]", "(1, 2)"],
            RunAll(threads));

        static List<string> RunAll(WorkerPool pool) => Bounded.Run(() => new List<string>
        {
            Show(pool.Map(Targets.Square, Enumerable.Range(0, 5))),
            Show(pool.Starmap(Targets.Add, new[] { (1, 2), (3, 4) })),
            Show(pool.Starmap(Targets.Volume, new[] { (1, 2, 3), (2, 3, 4) }, chunksize: 1)),
            Show(pool.Imap(Targets.Square, Enumerable.Range(0, 4))),
            Show(pool.ImapUnordered(Targets.Square, Enumerable.Range(0, 4)).Order()),
            pool.Apply(Targets.FortyTwo).ToString(),
            pool.Apply(Targets.Square, 5).ToString(),
            pool.Apply(Targets.Add, 2, 3).ToString(),
            pool.Apply(Targets.Join3, "a", 1, 2.5),
            Show(pool.MapAsync(Targets.Square, [1, 2]).Get(Bounded.Limit)),
            Show(pool.StarmapAsync(Targets.Add, new[] { (1, 2) }).Get(Bounded.Limit)),
            pool.ApplyAsync(Targets.MakePoint, 1, 2).Get(Bounded.Limit) is { } p ? $"({p.X}, {p.Y})" : "",
        });

        static string Show(IEnumerable<int> values) => "[" + string.Join(",", values) + "]";
    }

    [Fact]
    public void RunsClosuresThatShareThisProcessMemory()
    {
        using var pool = new ThreadWorkerPool(2);
        int offset = 100;
        var seen = new ConcurrentBag<int>();
        var results = Bounded.Run(() => pool.Map(x => { seen.Add(x); return x + offset; }, Enumerable.Range(0, 10)));
        Assert.Equal(Enumerable.Range(100, 10), results);
        Assert.Equal(Enumerable.Range(0, 10), seen.Order());
        Assert.Equal(7, Bounded.Run(() => pool.Apply(() => offset - 93)));
    }

    [Fact]
    public void RunsTasksOnItsWorkerThreadsNotTheCaller()
    {
        using var pool = new ThreadWorkerPool(2);
        Assert.Equal(2, pool.WorkerIds.Distinct().Count());
        var threads = Bounded.Run(() => pool.Map(_ => Environment.CurrentManagedThreadId, Enumerable.Range(0, 20), chunksize: 1));
        Assert.Subset(pool.WorkerIds.ToHashSet(), threads.ToHashSet());
        Assert.DoesNotContain(Environment.CurrentManagedThreadId, threads);
        Assert.All(threads, t => Assert.NotEqual(Environment.CurrentManagedThreadId, t));
        // All in this process.
        Assert.Equal(Environment.ProcessId, Bounded.Run(() => pool.Apply(static () => Environment.ProcessId)));
    }

    [Fact]
    public void MapRaisesTheOriginalExceptionObject()
    {
        using var pool = new ThreadWorkerPool(2);
        var original = new KeyNotFoundException("no such key: 3");
        var thrown = Assert.Throws<KeyNotFoundException>(() => Bounded.Run(() => pool.Map(x => x == 3 ? throw original : x, Enumerable.Range(0, 6))));
        Assert.Same(original, thrown);
    }

    [Fact]
    public void ApplyRaisesTheOriginalExceptionType()
    {
        using var pool = new ThreadWorkerPool(2);
        Assert.Throws<DivideByZeroException>(() => Bounded.Run(() => pool.Apply(static (int x) => 10 / x, 0)));
        var original = new FormatException("bad format");
        Assert.Same(original, Assert.Throws<FormatException>(() => Bounded.Run(() => pool.Apply<int>(() => throw original))));
        Assert.Throws<ArgumentException>(() => Bounded.Run(() => pool.Apply((string a, int b) => a.Length > b ? "" : throw new ArgumentException(a), "x", 5)));
    }

    [Fact]
    public void ApplyKeepsTheStackTraceOfTheWorkerThatThrew()
    {
        // Python's ThreadPool raises the same exception, with its traceback through the function that raised it.
        using var pool = new ThreadWorkerPool(1);
        var thrown = Assert.Throws<InvalidOperationException>(() => Bounded.Run(() => pool.Apply(ThrowingFunction)));
        Assert.Contains(nameof(ThrowingFunction), thrown.StackTrace);
        var viaMap = Assert.Throws<InvalidOperationException>(() => Bounded.Run(() => pool.Map(_ => ThrowingFunction(), [1])));
        Assert.Contains(nameof(ThrowingFunction), viaMap.StackTrace);
    }

    static int ThrowingFunction() => throw new InvalidOperationException("thrown in a worker thread");

    [Fact]
    public void AsyncResultsOfFailedTasksAreReadyButNotSuccessful()
    {
        using var pool = new ThreadWorkerPool(2);
        var failed = pool.ApplyAsync(static () => int.Parse("not a number"));
        Assert.True(failed.Wait(Bounded.Limit));
        Assert.True(failed.Ready);
        Assert.False(failed.Successful);
        Assert.Throws<FormatException>(() => failed.Get(Bounded.Limit));

        var mapped = pool.MapAsync(x => 1 / x, [1, 0, 2]);
        Assert.True(mapped.Wait(Bounded.Limit));
        Assert.False(mapped.Successful);
        Assert.Throws<DivideByZeroException>(() => mapped.Get(Bounded.Limit));
        // The pool is still usable.
        Assert.Equal(3, Bounded.Run(() => pool.Apply(() => 3)));
    }

    [Fact]
    public void ImapKeepsInputOrderAndImapUnorderedCompletionOrder()
    {
        using var pool = new ThreadWorkerPool(2);

        // Imap: item 0 finishes last, yet comes first.
        using (var secondRan = new ManualResetEventSlim())
        {
            Func<int, int> work = i => i == 0 ? (secondRan.Wait(Bounded.Limit) ? 0 : -1) : Signal(secondRan, i);
            Assert.Equal([0, 1], Bounded.Run(() => pool.Imap(work, [0, 1]).ToList()));
        }

        // ImapUnordered: item 0 cannot finish until the test has received item 1, so item 1 comes first.
        using var firstReceived = new ManualResetEventSlim();
        Func<int, int> gated = i => i == 0 ? (firstReceived.Wait(Bounded.Limit) ? 0 : -1) : i;
        using var results = pool.ImapUnordered(gated, [0, 1]).GetEnumerator();
        Assert.Equal(1, Bounded.Next(results));
        firstReceived.Set();
        Assert.Equal(0, Bounded.Next(results));
        Assert.False(Bounded.Run(results.MoveNext));
    }

    static int Signal(ManualResetEventSlim done, int value)
    {
        done.Set();
        return value;
    }

    [Fact]
    public void CloseThenJoinWaitsForQueuedTasks()
    {
        var pool = new ThreadWorkerPool(2);
        try
        {
            int done = 0;
            var result = pool.MapAsync(x => { Thread.Sleep(5); Interlocked.Increment(ref done); return x; }, Enumerable.Range(0, 10), chunksize: 1);
            pool.Close();
            Assert.True(pool.Join(Bounded.Limit));
            Assert.Equal(10, Volatile.Read(ref done));
            Assert.True(result.Ready);
            Assert.Equal(Enumerable.Range(0, 10), result.Get(TimeSpan.Zero));
        }
        finally
        {
            pool.Dispose();
        }
    }

    [Fact]
    public void TheDefaultNumberOfThreadsIsTheProcessorCount()
    {
        using var pool = new ThreadWorkerPool();
        Assert.Equal(Environment.ProcessorCount, pool.Processes);
        Assert.Equal(Environment.ProcessorCount, pool.WorkerIds.Count);
    }
}
