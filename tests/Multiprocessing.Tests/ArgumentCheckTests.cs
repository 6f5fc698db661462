namespace Multiprocessing.Tests;

/// <summary>
/// Calls Python refuses with ValueError (or TypeError, or pickling errors), refused here at the call,
/// before any task runs.
/// </summary>
public class ArgumentCheckTests(ProcessPoolFixture fixture) : IClassFixture<ProcessPoolFixture>
{
    readonly ProcessPool _pool = fixture.Pool;

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void APoolNeedsAtLeastOneWorker(int processes)
    {
        Assert.Equal("processes", Assert.ThrowsAny<ArgumentException>(() => new ProcessPool(processes)).ParamName);
        Assert.Equal("processes", Assert.ThrowsAny<ArgumentException>(() => new ThreadWorkerPool(processes)).ParamName);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void MaxTasksPerChildMustBePositive(int maxTasksPerChild)
    {
        Assert.Equal("maxTasksPerChild", Assert.ThrowsAny<ArgumentException>(() => new ProcessPool(1, maxTasksPerChild: maxTasksPerChild)).ParamName);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void ChunksizeMustBePositiveForEveryMapFlavour(int chunksize)
    {
        using var threads = new ThreadWorkerPool(1);
        foreach (WorkerPool pool in new WorkerPool[] { _pool, threads })
        {
            Assert.ThrowsAny<ArgumentException>(() => pool.Map(Targets.Square, [1, 2], chunksize));
            Assert.ThrowsAny<ArgumentException>(() => pool.MapAsync(Targets.Square, [1, 2], chunksize));
            Assert.ThrowsAny<ArgumentException>(() => pool.Starmap(Targets.Add, new[] { (1, 2) }, chunksize));
            Assert.ThrowsAny<ArgumentException>(() => pool.StarmapAsync(Targets.Volume, new[] { (1, 2, 3) }, chunksize));
            // Raised by the call itself, as Python's imap does, not when the results are enumerated.
            Assert.ThrowsAny<ArgumentException>(() => pool.Imap(Targets.Square, [1, 2], chunksize));
            Assert.ThrowsAny<ArgumentException>(() => pool.ImapUnordered(Targets.Square, [1, 2], chunksize));
        }
    }

    [Fact]
    public void JoinBeforeCloseThrowsAndEveryCallAfterCloseThrows()
    {
        using var pool = new ProcessPool(1);
        Assert.Throws<InvalidOperationException>(() => pool.Join(TimeSpan.Zero));
        Assert.Equal(4, Bounded.Run(() => pool.Apply(Targets.Square, 2))); // the refused Join changed nothing
        pool.Close();
        AssertRefusesWork(pool);
        Assert.True(pool.Join(Bounded.Limit));
        AssertRefusesWork(pool);
    }

    [Fact]
    public void EveryCallAfterTerminateThrows()
    {
        using var pool = new ProcessPool(1);
        pool.Terminate();
        AssertRefusesWork(pool);
    }

    [Fact]
    public void AThreadWorkerPoolRefusesWorkAfterCloseAndJoinBeforeClose()
    {
        using var pool = new ThreadWorkerPool(1);
        Assert.Throws<InvalidOperationException>(() => pool.Join(TimeSpan.Zero));
        pool.Close();
        AssertRefusesWork(pool);
        Assert.True(pool.Join(Bounded.Limit));
    }

    static void AssertRefusesWork(WorkerPool pool)
    {
        Assert.Throws<InvalidOperationException>(() => pool.Map(Targets.Square, [1]));
        Assert.Throws<InvalidOperationException>(() => pool.Map(Targets.Square, Array.Empty<int>()));
        Assert.Throws<InvalidOperationException>(() => pool.MapAsync(Targets.Square, [1]));
        Assert.Throws<InvalidOperationException>(() => pool.Starmap(Targets.Add, new[] { (1, 2) }));
        Assert.Throws<InvalidOperationException>(() => pool.StarmapAsync(Targets.Add, new[] { (1, 2) }));
        Assert.Throws<InvalidOperationException>(() => pool.Imap(Targets.Square, [1]));
        Assert.Throws<InvalidOperationException>(() => pool.ImapUnordered(Targets.Square, [1]));
        Assert.Throws<InvalidOperationException>(() => pool.Apply(Targets.FortyTwo));
        Assert.Throws<InvalidOperationException>(() => pool.ApplyAsync(Targets.Square, 1));
    }

    [Fact]
    public void ALambdaThatCapturesAVariableIsRefusedWithItsName()
    {
        int offset = 3;
        var error = Assert.ThrowsAny<ArgumentException>(() => _pool.Map(x => x + offset, [1, 2]));
        Assert.Contains("offset", error.Message);
        Assert.Contains("offset", Assert.ThrowsAny<ArgumentException>(() => _pool.Apply(() => offset)).Message);
        Assert.Contains("offset", Assert.ThrowsAny<ArgumentException>(() => _pool.ApplyAsync(x => x * offset, 2)).Message);
        Assert.Contains("offset", Assert.ThrowsAny<ArgumentException>(() => _pool.Imap(x => x - offset, [1])).Message);
        Assert.Contains("offset", Assert.ThrowsAny<ArgumentException>(() => _pool.Starmap((int a, int b) => a + b + offset, new[] { (1, 2) })).Message);
        Assert.Contains("offset", Assert.ThrowsAny<ArgumentException>(() => new ChildProcess((int x) => Console.WriteLine(x + offset), 1)).Message);
        Assert.Contains("offset", Assert.ThrowsAny<ArgumentException>(() => new ProcessPool(1, initializer: () => Console.WriteLine(offset))).Message);
    }

    [Fact]
    public void ALambdaThatCapturesThisIsRefused()
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => _pool.Apply(() => _pool.Processes));
        Assert.Contains("this", error.Message);
    }

    [Fact]
    public void AnInstanceMethodIsRefused()
    {
        var adder = new Adder(5);
        var error = Assert.ThrowsAny<ArgumentException>(() => _pool.Map(adder.Add, [1, 2]));
        Assert.Contains("instance method", error.Message);
        Assert.Contains("Add", error.Message);
        Assert.ThrowsAny<ArgumentException>(() => _pool.Apply(adder.Add, 1));
        Assert.ThrowsAny<ArgumentException>(() => new ChildProcess(adder.Add, 1));
    }

    [Fact]
    public void ANullFunctionOrInputIsRefused()
    {
        Assert.Throws<ArgumentNullException>(() => _pool.Map((Func<int, int>)null!, [1]));
        Assert.Throws<ArgumentNullException>(() => _pool.Map(Targets.Square, (IEnumerable<int>)null!));
        Assert.Throws<ArgumentNullException>(() => _pool.Apply((Func<int>)null!));
        Assert.Throws<ArgumentNullException>(() => new ChildProcess(null!));
    }

    [Fact]
    public void AMulticastDelegateIsRefused()
    {
        Action both = Targets.DoNothing;
        both += Targets.DoNothing;
        Assert.ThrowsAny<ArgumentException>(() => new ChildProcess(both));
    }

    [Fact]
    public void AnArgumentThatCannotBeSerializedFailsBeforeAnyTaskRuns()
    {
        // The bad argument is in the last item; the good items before it must not run either.
        using var pool = new ProcessPool(1);
        using var hits = new SharedArray<int>(3);
        var items = new (SharedArray<int>, int, Func<int, int>?)[] { (hits, 0, null), (hits, 1, null), (hits, 2, x => x) };
        var error = Assert.ThrowsAny<ArgumentException>(() => pool.Starmap(Targets.Mark, items, chunksize: 1));
        Assert.Contains("extra", error.Message); // names the parameter
        Assert.ThrowsAny<ArgumentException>(() => pool.StarmapAsync(Targets.Mark, items, chunksize: 1));
        Assert.ThrowsAny<ArgumentException>(() => pool.ApplyAsync(Targets.Mark, hits, 0, (Func<int, int>?)(x => x)));
        // Close and join run every queued task: had any been queued, a hit would show.
        pool.Close();
        Assert.True(pool.Join(Bounded.Limit));
        Assert.Equal([0, 0, 0], hits.ToArray());
    }

    [Fact]
    public void AStreamCannotBeAnArgument()
    {
        using var stream = new MemoryStream([1, 2, 3]);
        Assert.ThrowsAny<ArgumentException>(() => _pool.Apply(Targets.StreamLength, stream));
        Assert.ThrowsAny<ArgumentException>(() => _pool.Map(Targets.StreamLength, [stream]));
        Assert.ThrowsAny<ArgumentException>(() => new ChildProcess(Targets.StreamLength, stream));
        // The pool is still usable.
        Assert.Equal(9, Bounded.Run(() => _pool.Apply(Targets.Square, 3)));
    }

    [Fact]
    public void AChildProcessChecksItsArgumentCountAtConstruction()
    {
        Assert.ThrowsAny<ArgumentException>(() => new ChildProcess(Targets.Add, 1));
        Assert.ThrowsAny<ArgumentException>(() => new ChildProcess(Targets.DoNothing, 1));
    }
}
