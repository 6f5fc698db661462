namespace Multiprocessing.Tests;

/// <summary>Python's <c>Pool.map</c>, <c>map_async</c>, <c>starmap</c> and <c>starmap_async</c> on worker processes.</summary>
public class ProcessPoolMapTests(ProcessPoolFixture fixture) : IClassFixture<ProcessPoolFixture>
{
    readonly ProcessPool _pool = fixture.Pool;

    [Fact]
    public void MapReturnsResultsInInputOrderEvenWhenEarlyItemsFinishLast()
    {
        // The first items take longest, so with chunksize 1 they complete after the later ones.
        int[] durations = [120, 90, 60, 30, 0, 1, 2, 3];
        var results = Bounded.Run(() => _pool.Map(Targets.SleepThenReturn, durations, chunksize: 1));
        Assert.Equal(durations, results);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(1000)]
    public void MapGivesTheSameResultsForAnyChunksize(int chunksize)
    {
        var results = Bounded.Run(() => _pool.Map(Targets.Square, Enumerable.Range(-10, 50), chunksize));
        Assert.Equal(Enumerable.Range(-10, 50).Select(x => x * x), results);
    }

    [Fact]
    public void MapWithTheDefaultChunksizeKeepsOrderOverManyItems()
    {
        var results = Bounded.Run(() => _pool.Map(Targets.Square, Enumerable.Range(0, 1001)));
        Assert.Equal(Enumerable.Range(0, 1001).Select(x => x * x), results);
    }

    [Fact]
    public void MapWithAChunksizeLargerThanTheInputRunsEveryItemInOneWorker()
    {
        // One chunk is one task: all of it runs in the same process.
        var pids = Bounded.Run(() => _pool.Map(Targets.PidFor, Enumerable.Range(0, 12), chunksize: 100));
        Assert.Equal(12, pids.Count);
        Assert.Single(pids.Distinct());
        Assert.Contains(pids[0], _pool.WorkerPids);
    }

    [Fact]
    public void MapOfAnEmptyInputIsAnEmptyList()
    {
        Assert.Empty(Bounded.Run(() => _pool.Map(Targets.Square, Array.Empty<int>())));
        Assert.Empty(Bounded.Run(() => _pool.Map(Targets.Square, Array.Empty<int>(), chunksize: 5)));
        Assert.Empty(Bounded.Run(() => _pool.Starmap(Targets.Add, Array.Empty<(int, int)>())));
    }

    [Fact]
    public void MapAsyncOfAnEmptyInputIsReadyWithAnEmptyList()
    {
        var result = _pool.MapAsync(Targets.Square, Array.Empty<int>());
        Assert.Empty(result.Get(Bounded.Limit));
        Assert.True(result.Ready);
        Assert.True(result.Successful);
    }

    [Fact]
    public void MapCarriesStringsIncludingNullAndUnicode()
    {
        string[] words = ["a", "bé", "ünïcødé ✓ 漢字", "", "with \"quotes\"\n and newline"];
        Assert.Equal(words.Select(w => w.ToUpperInvariant() + "!"), Bounded.Run(() => _pool.Map(Targets.Shout, words)));
        Assert.Equal([-1, 2, 0], Bounded.Run(() => _pool.Map(Targets.LengthOrMinusOne, new string?[] { null, "ab", "" })));
        Assert.Equal([null, "x"], Bounded.Run(() => _pool.Map(Targets.NullIfEmpty, new[] { "", "x" })));
    }

    [Fact]
    public void MapCarriesRecordsBothWays()
    {
        Point[] points = [new(0, 0), new(1, 2), new(-3, 5)];
        Assert.Equal([new Point(1, 0), new Point(2, 4), new Point(-2, 10)], Bounded.Run(() => _pool.Map(Targets.Translate, points)));
    }

    [Fact]
    public void MapCarriesNestedRecords()
    {
        Segment[] segments = [new(new(0, 0), new(3, 4)), new(new(1, 1), new(1, 1))];
        Assert.Equal([25, 0], Bounded.Run(() => _pool.Map(Targets.LengthSquared, segments)));
    }

    [Fact]
    public void MapCarriesRecordsHoldingLists()
    {
        var people = Bounded.Run(() => _pool.Map(Targets.Birthday, new[] { new Person("Ada", 36, ["math"]), new Person("Alan", 41, []) }));
        Assert.Equal(["Ada", "Alan"], people.Select(p => p.Name));
        Assert.Equal([37, 42], people.Select(p => p.Age));
        Assert.Equal(["math", "older"], people[0].Tags);
        Assert.Equal(["older"], people[1].Tags);
    }

    [Fact]
    public void MapCarriesListsArraysAndDictionaries()
    {
        List<List<int>> lists = [[1, 2, 3], [], [10]];
        Assert.Equal([(6, 3), (0, 0), (10, 1)], Bounded.Run(() => _pool.Map(Targets.SumAndCount, lists)));

        int[][] arrays = [[1, 2, 3], []];
        var reversed = Bounded.Run(() => _pool.Map(Targets.Reversed, arrays));
        Assert.Equal([3, 2, 1], reversed[0]);
        Assert.Empty(reversed[1]);

        var dictionaries = new[] { new Dictionary<string, int> { ["a"] = 1, ["b"] = 2 }, new Dictionary<string, int>() };
        Assert.Equal([3, 0], Bounded.Run(() => _pool.Map(Targets.SumValues, dictionaries)));
    }

    [Fact]
    public void MapCarriesTuplesAsArgumentsAndResults()
    {
        (int, int)[] pairs = [(2, 3), (-1, 4)];
        Assert.Equal([(5, 6), (3, -4)], Bounded.Run(() => _pool.Map(Targets.SumAndProduct, pairs)));
    }

    [Fact]
    public void MapReturnsListsAsResults()
    {
        var results = Bounded.Run(() => _pool.Starmap(Targets.Range, new[] { (5, 3), (0, 0) }));
        Assert.Equal([5, 6, 7], results[0]);
        Assert.Empty(results[1]);
    }

    [Fact]
    public void MapOfAGenericMethodRoundTripsValuesExactly()
    {
        double[] doubles = [0.1 + 0.2, 1e-300, double.MaxValue, double.Epsilon, -0.0, double.PositiveInfinity, double.NegativeInfinity];
        Assert.Equal(doubles, Bounded.Run(() => _pool.Map(Targets.Identity<double>, doubles)));
        Assert.True(double.IsNaN(Bounded.Run(() => _pool.Map(Targets.Identity<double>, [double.NaN]))[0]));
        long[] longs = [long.MinValue, -1, 0, long.MaxValue];
        Assert.Equal(longs, Bounded.Run(() => _pool.Map(Targets.Identity<long>, longs)));
        decimal[] decimals = [0.1m, 79228162514264337593543950335m];
        Assert.Equal(decimals, Bounded.Run(() => _pool.Map(Targets.Identity<decimal>, decimals)));
    }

    [Fact]
    public void MapAcceptsALazySequence()
    {
        static IEnumerable<int> Numbers()
        {
            for (int i = 0; i < 20; i++)
                yield return i;
        }
        Assert.Equal(Numbers().Select(x => x * x), Bounded.Run(() => _pool.Map(Targets.Square, Numbers())));
    }

    [Fact]
    public void MapAsyncGivesTheResultsInInputOrder()
    {
        var result = _pool.MapAsync(Targets.SleepThenReturn, [40, 0, 20, 1], chunksize: 1);
        Assert.Equal([40, 0, 20, 1], result.Get(Bounded.Limit));
        Assert.True(result.Successful);
    }

    [Fact]
    public void SeveralMapAsyncCallsRunSideBySideAndEachGetsItsOwnResults()
    {
        var squares = _pool.MapAsync(Targets.Square, Enumerable.Range(0, 30), chunksize: 2);
        var shouts = _pool.MapAsync(Targets.Shout, ["x", "y"]);
        var sums = _pool.StarmapAsync(Targets.Add, Enumerable.Range(0, 10).Select(i => (i, 100)));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => i + 100), sums.Get(Bounded.Limit));
        Assert.Equal(["X!", "Y!"], shouts.Get(Bounded.Limit));
        Assert.Equal(Enumerable.Range(0, 30).Select(x => x * x), squares.Get(Bounded.Limit));
    }

    [Fact]
    public void StarmapUnpacksPairs()
    {
        var pairs = new[] { (1, 2), (10, -3), (0, 0) };
        Assert.Equal([3, 7, 0], Bounded.Run(() => _pool.Starmap(Targets.Add, pairs)));
        Assert.Equal([3, 7, 0], Bounded.Run(() => _pool.Starmap(Targets.Add, pairs, chunksize: 1)));
    }

    [Fact]
    public void StarmapUnpacksTriplesInTheirOrder()
    {
        var triples = new[] { ("a", 1, 0.5), ("b", -2, 2.25) };
        Assert.Equal(["a|1|0.5", "b|-2|2.25"], Bounded.Run(() => _pool.Starmap(Targets.Join3, triples)));
        var boxes = Enumerable.Range(1, 9).Select(i => (i, i + 1, i + 2)).ToList();
        Assert.Equal(boxes.Select(b => b.Item1 * b.Item2 * b.Item3), Bounded.Run(() => _pool.Starmap(Targets.Volume, boxes, chunksize: 2)));
    }

    [Fact]
    public void StarmapBuildsRecords()
    {
        Assert.Equal([new Point(1, 2), new Point(3, 4)], Bounded.Run(() => _pool.Starmap(Targets.MakePoint, new[] { (1, 2), (3, 4) })));
    }

    [Fact]
    public void StarmapAsyncGivesResultsInInputOrder()
    {
        var pairs = Enumerable.Range(0, 25).Select(i => (i, i * 2)).ToList();
        var two = _pool.StarmapAsync(Targets.Add, pairs, chunksize: 1);
        var three = _pool.StarmapAsync(Targets.Volume, pairs.Select(p => (p.Item1, p.Item2, 3)));
        Assert.Equal(pairs.Select(p => p.Item1 + p.Item2), two.Get(Bounded.Limit));
        Assert.Equal(pairs.Select(p => p.Item1 * p.Item2 * 3), three.Get(Bounded.Limit));
        Assert.True(two.Successful);
        Assert.True(three.Successful);
    }
}
