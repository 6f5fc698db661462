namespace Multiprocessing.Tests;

/// <summary>
/// Fault 6 of issue 13: Imap and ImapUnordered stream their input, a bounded way ahead of the results taken; an input that
/// fails part-way yields the results of what was read, then raises its own exception.
/// </summary>
public class ImapInputTests(ProcessPoolFixture fixture) : IClassFixture<ProcessPoolFixture>
{
    readonly ProcessPool _pool = fixture.Pool;

    sealed class Counter
    {
        int _read;
        public int Read => Volatile.Read(ref _read);
        public IEnumerable<int> Naturals()
        {
            for (int i = 0; ; i++)
            {
                Interlocked.Increment(ref _read);
                yield return i;
            }
        }
    }

    [Theory]
    [InlineData(true, 1)]
    [InlineData(false, 1)]
    [InlineData(true, 7)]
    public void AnEndlessInputYieldsResultsAndIsReadABoundedWayAhead(bool ordered, int chunksize)
    {
        var counter = new Counter();
        var seq = ordered ? _pool.Imap(Targets.Square, counter.Naturals(), chunksize) : _pool.ImapUnordered(Targets.Square, counter.Naturals(), chunksize);
        var first = Bounded.Run(() => seq.Take(5).ToList());
        Assert.Equal(5, first.Count);
        if (ordered)
            Assert.Equal([0, 1, 4, 9, 16], first);
        // The feeder may still be filling its room; it can never read more than the room allows.
        int bound = (5 + Math.Max(8, _pool.Processes * 4) + 1) * chunksize + 1;
        Assert.True(counter.Read <= bound, $"read {counter.Read} items, more than {bound}");
        var more = Bounded.Run(() => seq.Take(100).ToList());
        Assert.Equal(100, more.Count);
        Assert.True(counter.Read <= bound + 100 * chunksize, $"read {counter.Read} items");
    }

    static IEnumerable<int> FailsAfter(int count, Exception error)
    {
        for (int i = 0; i < count; i++)
            yield return i;
        throw error;
    }

    [Theory]
    [InlineData(true, 1, 5)]
    [InlineData(true, 2, 5)]   // the failure comes inside a chunk: the items read before it still run
    [InlineData(false, 1, 5)]
    [InlineData(true, 1, 0)]   // fails before the first item
    public void AnInputThatFailsYieldsTheResultsBeforeItThenItsOwnException(bool ordered, int chunksize, int good)
    {
        var failure = new FormatException("the input broke");
        var seq = ordered ? _pool.Imap(Targets.Square, FailsAfter(good, failure), chunksize) : _pool.ImapUnordered(Targets.Square, FailsAfter(good, failure), chunksize);
        var got = new List<int>();
        var thrown = Assert.Throws<FormatException>(() => Bounded.Run(() => { foreach (var v in seq) got.Add(v); return 0; }));
        Assert.Same(failure, thrown); // not wrapped
        var expected = Enumerable.Range(0, good).Select(x => x * x);
        Assert.Equal(expected, ordered ? got : got.Order());
        Assert.Empty(Bounded.Run(() => seq.ToList())); // raised once; the iterator is then done
    }

    [Fact]
    public void AnItemThatCannotTravelEndsTheResultsWithAnErrorNamingIt()
    {
        // A Dog would arrive as an Animal: found when the item is read, after the items before it were sent.
        var seq = _pool.Imap(PromiseTargets.Animal, new Animal[] { new() { Legs = 2 }, new Dog { Legs = 4 } });
        var got = new List<int>();
        var error = Assert.ThrowsAny<ArgumentException>(() => Bounded.Run(() => { foreach (var v in seq) got.Add(v); return 0; }));
        Assert.Contains("Dog", error.Message);
        Assert.Equal([2], got);
    }

    [Fact]
    public void ClosingAPoolWhoseImapWasNotReadLetsJoinFinish()
    {
        using var pool = new ProcessPool(2);
        var seq = pool.Imap(Targets.Square, Enumerable.Range(0, 200));
        pool.Close();
        Assert.True(pool.Join(Bounded.Limit)); // the read-ahead bound is dropped once the pool is closed
        Assert.Equal(Enumerable.Range(0, 200).Select(x => x * x), Bounded.Run(() => seq.ToList()));
    }

    [Fact]
    public void TerminatingAPoolEndsAnEndlessImapInsteadOfHanging()
    {
        var counter = new Counter();
        var pool = new ProcessPool(1);
        var seq = pool.Imap(Targets.Square, counter.Naturals());
        Assert.Equal(0, Bounded.Run(() => seq.First()));
        pool.Terminate();
        Assert.ThrowsAny<InvalidOperationException>(() => Bounded.Run(() => seq.ToList()));
    }

    [Fact]
    public void AThreadWorkerPoolStreamsItsInputToo()
    {
        using var pool = new ThreadWorkerPool(2);
        var counter = new Counter();
        Assert.Equal([0, 1, 4], Bounded.Run(() => pool.Imap(x => x * x, counter.Naturals()).Take(3).ToList()));
        var failure = new FormatException("broke");
        Assert.Same(failure, Assert.Throws<FormatException>(() => Bounded.Run(() => pool.Imap(x => x, FailsAfter(3, failure)).ToList())));
    }
}
