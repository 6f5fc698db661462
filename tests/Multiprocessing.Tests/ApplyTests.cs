namespace Multiprocessing.Tests;

/// <summary>Python's <c>Pool.apply</c> and <c>apply_async</c> with zero to three arguments, and the functions they accept.</summary>
public class ApplyTests(ProcessPoolFixture fixture) : IClassFixture<ProcessPoolFixture>
{
    readonly ProcessPool _pool = fixture.Pool;

    [Fact]
    public void ApplyWithNoArguments()
    {
        Assert.Equal(42, Bounded.Run(() => _pool.Apply(Targets.FortyTwo)));
    }

    [Fact]
    public void ApplyWithOneArgument()
    {
        Assert.Equal(49, Bounded.Run(() => _pool.Apply(Targets.Square, 7)));
        Assert.Equal("HI!", Bounded.Run(() => _pool.Apply(Targets.Shout, "hi")));
    }

    [Fact]
    public void ApplyWithTwoArguments()
    {
        Assert.Equal(5, Bounded.Run(() => _pool.Apply(Targets.Add, 2, 3)));
        Assert.Equal(new Point(-1, 9), Bounded.Run(() => _pool.Apply(Targets.MakePoint, -1, 9)));
    }

    [Fact]
    public void ApplyWithThreeArguments()
    {
        Assert.Equal("x|3|1.5", Bounded.Run(() => _pool.Apply(Targets.Join3, "x", 3, 1.5)));
        Assert.Equal(24, Bounded.Run(() => _pool.Apply(Targets.Volume, 2, 3, 4)));
    }

    [Fact]
    public void ApplyAsyncWithZeroToThreeArguments()
    {
        var none = _pool.ApplyAsync(Targets.FortyTwo);
        var one = _pool.ApplyAsync(Targets.Square, 9);
        var two = _pool.ApplyAsync(Targets.Add, 20, 22);
        var three = _pool.ApplyAsync(Targets.Join3, "y", -4, 0.25);
        Assert.Equal(42, none.Get(Bounded.Limit));
        Assert.Equal(81, one.Get(Bounded.Limit));
        Assert.Equal(42, two.Get(Bounded.Limit));
        Assert.Equal("y|-4|0.25", three.Get(Bounded.Limit));
    }

    [Fact]
    public void ApplyRunsInAWorkerProcessNotInTheCaller()
    {
        int pid = Bounded.Run(() => _pool.Apply(Targets.WorkerPid));
        Assert.NotEqual(Environment.ProcessId, pid);
        Assert.Contains(pid, _pool.WorkerPids);
    }

    [Fact]
    public void ApplyCarriesRecordsBothWays()
    {
        var older = Bounded.Run(() => _pool.Apply(Targets.Birthday, new Person("Grace", 85, ["navy", "cobol"])));
        Assert.Equal("Grace", older.Name);
        Assert.Equal(86, older.Age);
        Assert.Equal(["navy", "cobol", "older"], older.Tags);
    }

    [Fact]
    public void ApplyOfAGenericMethod()
    {
        Assert.Equal("generic", Bounded.Run(() => _pool.Apply(Targets.Identity<string>, "generic")));
        Assert.Equal(new Point(1, 2), Bounded.Run(() => _pool.Apply(Targets.Identity<Point>, new Point(1, 2))));
    }

    [Fact]
    public void ApplyOfAStaticLambda()
    {
        Assert.Equal(5, Bounded.Run(() => _pool.Apply(static (int x) => x + 1, 4)));
        Assert.Equal(7, Bounded.Run(() => _pool.Apply(static () => 7)));
        Assert.Equal("b3", Bounded.Run(() => _pool.Apply(static (int a, string b) => b + a, 3, "b")));
        Assert.Equal(6, Bounded.Run(() => _pool.Apply(static (int a, int b, int c) => a + b + c, 1, 2, 3)));
    }

    [Fact]
    public void ApplyOfANonStaticLambdaThatCapturesNothing()
    {
        Assert.Equal(8, Bounded.Run(() => _pool.Apply((int x) => x * 2, 4)));
        Assert.Equal("worker", Bounded.Run(() => _pool.Apply((string s) => s.Length > 0 && Environment.ProcessId != 0 ? s : "", "worker")));
    }

    [Fact]
    public void ALambdaRunsInTheWorkerNotInTheCaller()
    {
        int pid = Bounded.Run(() => _pool.Apply(static () => Environment.ProcessId));
        Assert.NotEqual(Environment.ProcessId, pid);
        Assert.Contains(pid, _pool.WorkerPids);
    }

    [Fact]
    public void ApplyOfAStaticLocalFunction()
    {
        static int Triple(int x) => x * 3;
        Assert.Equal(12, Bounded.Run(() => _pool.Apply(Triple, 4)));
    }

    [Fact]
    public void MapAndStarmapAcceptLambdasThatCaptureNothing()
    {
        Assert.Equal([1, 2, 3], Bounded.Run(() => _pool.Map(static (int x) => x + 1, [0, 1, 2])));
        Assert.Equal([2, 12], Bounded.Run(() => _pool.Starmap((int a, int b) => a * b, new[] { (1, 2), (3, 4) })));
        Assert.Equal([0, 10], Bounded.Run(() => _pool.Imap(static (int x) => x * 10, [0, 1]).ToList()));
    }

    [Fact]
    public void ApplyAfterApplyKeepsGivingEachCallItsOwnResult()
    {
        for (int i = 0; i < 20; i++)
            Assert.Equal(i * i, Bounded.Run(() => _pool.Apply(Targets.Square, i)));
    }
}
