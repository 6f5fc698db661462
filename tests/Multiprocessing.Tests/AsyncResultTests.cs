namespace Multiprocessing.Tests;

/// <summary>Python's <c>AsyncResult</c>: <c>get(timeout)</c>, <c>wait</c>, <c>ready</c>, <c>successful</c>, and awaiting it.</summary>
public class AsyncResultTests(ProcessPoolFixture fixture) : IClassFixture<ProcessPoolFixture>
{
    static readonly TimeSpan Short = TimeSpan.FromMilliseconds(50);

    readonly ProcessPool _pool = fixture.Pool;

    [Fact]
    public void GetWithATimeoutThrowsTimeoutExceptionWhileTheTaskRuns()
    {
        using var gates = new GateFolder();
        var result = _pool.ApplyAsync(Targets.WaitForGate, gates.Gate("g"), 42);
        Assert.Throws<TimeoutException>(() => result.Get(Short));
        Assert.Throws<TimeoutException>(() => result.Get(TimeSpan.Zero));
        gates.Open("g");
        // The timeout did not cancel the task: the result still arrives.
        Assert.Equal(42, result.Get(Bounded.Limit));
    }

    [Fact]
    public void WaitReturnsFalseWhileRunningThenTrue()
    {
        using var gates = new GateFolder();
        var result = _pool.ApplyAsync(Targets.WaitForGate, gates.Gate("g"), 7);
        Assert.False(result.Wait(Short));
        Assert.False(result.Ready);
        gates.Open("g");
        Assert.True(result.Wait(Bounded.Limit));
        Assert.True(result.Ready);
        Assert.True(result.Wait(TimeSpan.Zero));
        Assert.Equal(7, result.Get(TimeSpan.Zero));
    }

    [Fact]
    public void SuccessfulThrowsUntilReadyThenIsTrue()
    {
        using var gates = new GateFolder();
        var result = _pool.ApplyAsync(Targets.WaitForGate, gates.Gate("g"), 1);
        Assert.False(result.Ready);
        Assert.Throws<InvalidOperationException>(() => result.Successful);
        gates.Open("g");
        Assert.True(result.Wait(Bounded.Limit));
        Assert.True(result.Successful);
    }

    [Fact]
    public void MapAsyncIsReadyOnlyWhenEveryItemIsDone()
    {
        using var gates = new GateFolder();
        var items = Enumerable.Range(0, 5).Select(i => new GatedItem(i)).Append(new GatedItem(99, gates.Gate("last"))).ToList();
        var result = _pool.MapAsync(Targets.Gated, items, chunksize: 1);
        Assert.False(result.Wait(Short));
        Assert.False(result.Ready);
        Assert.Throws<TimeoutException>(() => result.Get(Short));
        gates.Open("last");
        Assert.Equal([0, 1, 2, 3, 4, 99], result.Get(Bounded.Limit));
        Assert.True(result.Successful);
    }

    [Fact]
    public async Task AwaitWaitsForTheResult()
    {
        using var gates = new GateFolder();
        var result = _pool.ApplyAsync(Targets.WaitForGate, gates.Gate("g"), 5);
        var awaiting = AwaitIt(result);
        Assert.False(result.Wait(Short));
        Assert.False(awaiting.IsCompleted);
        gates.Open("g");
        Assert.Equal(5, await awaiting.WaitAsync(Bounded.Limit));

        static async Task<int> AwaitIt(AsyncResult<int> result) => await result;
    }

    [Fact]
    public async Task AwaitGivesTheResultsOfMapAsync()
    {
        var result = _pool.MapAsync(Targets.Square, [1, 2, 3]);
        Assert.True(result.Wait(Bounded.Limit));
        List<int> squares = await result;
        Assert.Equal([1, 4, 9], squares);
        List<int> sums = await _pool.StarmapAsync(Targets.Add, new[] { (1, 2), (2, 2) }).Task.WaitAsync(Bounded.Limit);
        Assert.Equal([3, 4], sums);
    }

    [Fact]
    public async Task TheTaskPropertyWorksWithWhenAll()
    {
        var a = _pool.ApplyAsync(Targets.Square, 3);
        var b = _pool.ApplyAsync(Targets.Square, 4);
        int[] both = await Task.WhenAll(a.Task, b.Task).WaitAsync(Bounded.Limit);
        Assert.Equal([9, 16], both);
        Assert.True(a.Ready && b.Ready);
    }

    [Fact]
    public void GetCanBeCalledManyTimes()
    {
        var result = _pool.ApplyAsync(Targets.Add, 40, 2);
        Assert.Equal(42, result.Get(Bounded.Limit));
        Assert.Equal(42, result.Get(Bounded.Limit));
        Assert.Equal(42, result.Get(TimeSpan.Zero));
    }
}
