namespace Multiprocessing.Tests;

/// <summary>Python's <c>Pool.imap</c> (input order, streamed) and <c>imap_unordered</c> (completion order).</summary>
public class ImapTests(ProcessPoolFixture fixture) : IClassFixture<ProcessPoolFixture>
{
    readonly ProcessPool _pool = fixture.Pool;

    [Fact]
    public void ImapYieldsInInputOrderWhenTheFirstItemIsTheSlowest()
    {
        int[] durations = [150, 0, 1, 2, 3, 4];
        Assert.Equal(durations, Bounded.Run(() => _pool.Imap(Targets.SleepThenReturn, durations).ToList()));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(100)]
    public void ImapYieldsInInputOrderForAnyChunksize(int chunksize)
    {
        var results = Bounded.Run(() => _pool.Imap(Targets.Square, Enumerable.Range(0, 23), chunksize).ToList());
        Assert.Equal(Enumerable.Range(0, 23).Select(x => x * x), results);
    }

    [Fact]
    public void ImapYieldsEachResultBeforeLaterTasksFinish()
    {
        using var gates = new GateFolder();
        // Item 1 cannot finish until the test opens its gate, which it does only after it has received item 0.
        var items = new[] { new GatedItem(10), new GatedItem(11, gates.Gate("second")), new GatedItem(12) };
        using var results = _pool.Imap(Targets.Gated, items).GetEnumerator();
        Assert.Equal(10, Bounded.Next(results));
        gates.Open("second");
        Assert.Equal(11, Bounded.Next(results));
        Assert.Equal(12, Bounded.Next(results));
        Assert.False(Bounded.Run(results.MoveNext));
    }

    [Fact]
    public void ImapUnorderedYieldsInCompletionOrder()
    {
        using var gates = new GateFolder();
        // Item 0 is the slowest: it finishes only when the test opens its gate, after the first result has arrived.
        var items = new[] { new GatedItem(0, gates.Gate("first")) }.Concat(Enumerable.Range(1, 5).Select(i => new GatedItem(i))).ToArray();
        using var results = _pool.ImapUnordered(Targets.Gated, items).GetEnumerator();
        var received = new List<int> { Bounded.Next(results) };
        Assert.NotEqual(0, received[0]); // another item completed first, so the order differs from the input order
        gates.Open("first");
        while (Bounded.Run(results.MoveNext))
            received.Add(results.Current);
        Assert.Equal(Enumerable.Range(0, 6), received.Order()); // the same items, each once
        Assert.NotEqual(Enumerable.Range(0, 6), received);
    }

    [Fact]
    public void ImapUnorderedWithDifferentDurationsYieldsTheSameMultiset()
    {
        int[] durations = [80, 0, 40, 0, 20, 0, 80, 5, 5];
        var results = Bounded.Run(() => _pool.ImapUnordered(Targets.SleepThenReturn, durations).ToList());
        Assert.Equal(durations.Order(), results.Order());
    }

    [Fact]
    public void ImapUnorderedWithChunksYieldsEveryItemOnce()
    {
        var results = Bounded.Run(() => _pool.ImapUnordered(Targets.Square, Enumerable.Range(0, 40), chunksize: 3).ToList());
        Assert.Equal(Enumerable.Range(0, 40).Select(x => x * x), results.Order());
    }

    [Fact]
    public void ImapOfAnEmptyInputYieldsNothing()
    {
        Assert.Empty(Bounded.Run(() => _pool.Imap(Targets.Square, Array.Empty<int>()).ToList()));
        Assert.Empty(Bounded.Run(() => _pool.ImapUnordered(Targets.Square, Array.Empty<int>()).ToList()));
    }

    [Fact]
    public void ImapCarriesRecords()
    {
        Point[] points = [new(1, 1), new(2, 2), new(3, 3)];
        Assert.Equal(points.Select(Targets.Translate), Bounded.Run(() => _pool.Imap(Targets.Translate, points).ToList()));
        Assert.Equal(points.Select(Targets.Translate).OrderBy(p => p.X),
            Bounded.Run(() => _pool.ImapUnordered(Targets.Translate, points).ToList()).OrderBy(p => p.X));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ImapQueuesItsTasksBeforeItIsEnumerated(bool ordered)
    {
        // As in Python, the call queues the tasks; enumerating only collects the results.
        using var gates = new GateFolder();
        string[] files = [gates.Gate("a"), gates.Gate("b")];
        var pending = ordered ? _pool.Imap(Targets.Touch, files) : _pool.ImapUnordered(Targets.Touch, files);
        // These tasks finish only once the files exist, so only if the Imap tasks ran without being enumerated.
        var waiting = files.Select(f => _pool.ApplyAsync(Targets.WaitForGate, f, 1)).ToList();
        Assert.All(waiting, w => Assert.Equal(1, w.Get(Bounded.Limit)));
        Assert.Equal(files.Order(), Bounded.Run(() => pending.ToList()).Order());
    }

    [Fact]
    public void AnImapResultEnumeratedTwiceIsEmptyTheSecondTimeInsteadOfHanging()
    {
        using var pool = new ProcessPool(2);
        var results = pool.Imap(Targets.Square, [1, 2, 3]);
        Assert.Equal([1, 4, 9], Bounded.Run(() => results.ToList()));
        Assert.Empty(Bounded.Run(() => results.ToList(), Bounded.Limit));
    }
}
