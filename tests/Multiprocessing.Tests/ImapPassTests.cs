namespace Multiprocessing.Tests;

/// <summary>
/// Fault 1 of issue 13: leaving an Imap pass early in any way keeps the position, so the next pass goes on right after the
/// last value taken, as Python's iterator does, and never waits for a result that will not come.
/// </summary>
public class ImapPassTests(ProcessPoolFixture fixture) : IClassFixture<ProcessPoolFixture>
{
    readonly ProcessPool _pool = fixture.Pool;

    public static TheoryData<bool, int> Modes => new() { { true, 1 }, { true, 3 }, { false, 1 }, { false, 4 } };

    IEnumerable<int> Start(bool ordered, int chunksize, int count = 10) => ordered
        ? _pool.Imap(PromiseTargets.Twice, Enumerable.Range(0, count), chunksize)
        : _pool.ImapUnordered(PromiseTargets.Twice, Enumerable.Range(0, count), chunksize);

    [Theory, MemberData(nameof(Modes))]
    public void ASecondPassAfterBreakGoesOnWhereTheFirstStopped(bool ordered, int chunksize)
    {
        var seq = Start(ordered, chunksize);
        var first = Bounded.Run(() =>
        {
            var taken = new List<int>();
            foreach (var v in seq)
            {
                taken.Add(v);
                if (taken.Count == 4)
                    break; // mid-chunk when chunksize is 3
            }
            return taken;
        });
        var rest = Bounded.Run(() => seq.ToList());
        Assert.Equal(4, first.Count);
        Assert.Equal(Enumerable.Range(0, 10).Select(x => 2 * x), ordered ? first.Concat(rest) : first.Concat(rest).Order());
        Assert.Empty(Bounded.Run(() => seq.ToList()));
    }

    [Theory, MemberData(nameof(Modes))]
    public void TakeFirstAndADisposedEnumeratorKeepThePositionToo(bool ordered, int chunksize)
    {
        var seq = Start(ordered, chunksize, count: 12);
        var got = new List<int>();
        got.AddRange(Bounded.Run(() => seq.Take(2).ToList()));
        got.Add(Bounded.Run(() => seq.First()));
        using (var e = seq.GetEnumerator())
        {
            got.Add(Bounded.Next(e));
            got.Add(Bounded.Next(e));
        } // disposed mid-chunk
        got.AddRange(Bounded.Run(() => seq.ToList()));
        Assert.Equal(Enumerable.Range(0, 12).Select(x => 2 * x), ordered ? got : got.Order());
    }

    [Theory]
    [InlineData(true, 1)]
    [InlineData(true, 2)]
    [InlineData(false, 1)]
    public void AfterAFailedTaskTheNextPassYieldsTheResultsAfterIt(bool ordered, int chunksize)
    {
        var seq = ordered
            ? _pool.Imap(PromiseTargets.FailOn, Enumerable.Range(0, 8), chunksize)
            : _pool.ImapUnordered(PromiseTargets.FailOn, Enumerable.Range(0, 8), chunksize);
        var got = new List<int>();
        var error = Assert.Throws<RemoteException>(() => Bounded.Run(() => { foreach (var v in seq) got.Add(v); return 0; }));
        Assert.Contains("three", error.Message);
        got.AddRange(Bounded.Run(() => seq.ToList()));
        // Python's iterator goes on after the error: every other item's result comes, each once. A failed chunk of two loses both.
        var lost = chunksize == 2 ? new[] { 2, 3 } : [3];
        Assert.Equal(Enumerable.Range(0, 8).Except(lost), got.Order());
        if (ordered)
            Assert.Equal(Enumerable.Range(0, 8).Except(lost), got);
    }

    [Fact]
    public void TwoEnumeratorsInterleavedShareOnePosition()
    {
        var seq = _pool.Imap(PromiseTargets.Twice, Enumerable.Range(0, 6));
        using var a = seq.GetEnumerator();
        using var b = seq.GetEnumerator();
        var got = new[] { Bounded.Next(a), Bounded.Next(b), Bounded.Next(a), Bounded.Next(b), Bounded.Next(a), Bounded.Next(b) };
        Assert.Equal([0, 2, 4, 6, 8, 10], got);
        Assert.False(Bounded.Run(a.MoveNext));
        Assert.False(Bounded.Run(b.MoveNext));
    }
}
