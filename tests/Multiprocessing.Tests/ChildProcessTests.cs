namespace Multiprocessing.Tests;

/// <summary>Python's <c>multiprocessing.Process</c>: start, join, is_alive, pid and exitcode.</summary>
public class ChildProcessTests
{
    static readonly TimeSpan Short = TimeSpan.FromMilliseconds(50);

    [Fact]
    public void BeforeStartThereIsNoPidNoExitCodeAndItIsNotAlive()
    {
        using var child = new ChildProcess(Targets.DoNothing);
        Assert.Null(child.Pid);
        Assert.Null(child.ExitCode);
        Assert.False(child.IsAlive);
        Assert.Contains("initial", child.ToString());
    }

    [Fact]
    public void IsAliveWhileRunningAndJoinWaitsForTheEnd()
    {
        using var gates = new GateFolder();
        using var child = new ChildProcess(Targets.WaitForGate, gates.Gate("g"), 0);
        child.Start();
        Assert.NotNull(child.Pid);
        Assert.NotEqual(Environment.ProcessId, child.Pid);
        Assert.True(child.IsAlive);
        Assert.Null(child.ExitCode);
        Assert.False(child.Join(Short)); // still running: the timeout passes
        Assert.True(child.IsAlive);
        Assert.Contains("started", child.ToString());

        gates.Open("g");
        Assert.True(child.Join(Bounded.Limit));
        Assert.False(child.IsAlive);
        Assert.Equal(0, child.ExitCode);
        Assert.Contains("stopped exitcode=0", child.ToString());
    }

    [Fact]
    public void PidIsTheChildsOwnProcessId()
    {
        using var slot = new SharedValue<int>();
        using var child = new ChildProcess(Targets.StorePid, slot);
        child.Start();
        Assert.True(child.Join(Bounded.Limit));
        Assert.Equal(0, child.ExitCode);
        Assert.Equal(child.Pid, slot.Value);
        Assert.NotEqual(Environment.ProcessId, slot.Value);
    }

    [Fact]
    public void ExitCodeIsZeroWhenTheTargetReturns()
    {
        using var child = new ChildProcess(Targets.Square, 3); // the return value is ignored, as in Python
        child.Start();
        Assert.True(child.Join(Bounded.Limit));
        Assert.Equal(0, child.ExitCode);
        Assert.False(child.IsAlive);
    }

    [Fact]
    public void ExitCodeIsOneWhenTheTargetThrows()
    {
        using var child = new ChildProcess(Targets.Fail);
        child.Start();
        Assert.True(child.Join(Bounded.Limit));
        Assert.Equal(1, child.ExitCode);
        Assert.Contains("exitcode=1", child.ToString());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(42)]
    public void ExitCodeIsTheCodeGivenToEnvironmentExit(int code)
    {
        using var child = new ChildProcess(Targets.ExitWith, code);
        child.Start();
        Assert.True(child.Join(Bounded.Limit));
        Assert.Equal(code, child.ExitCode);
    }

    [Fact]
    public void ACapturelessLambdaCanBeTheTarget()
    {
        using var value = new SharedValue<long>();
        using var child = new ChildProcess(static (SharedValue<long> v, long x) => v.Value = x * 2, value, 21L);
        child.Start();
        Assert.True(child.Join(Bounded.Limit));
        Assert.Equal(0, child.ExitCode);
        Assert.Equal(42L, value.Value);
    }

    [Fact]
    public void StartingTwiceThrows()
    {
        using var child = new ChildProcess(Targets.DoNothing);
        child.Start();
        Assert.Throws<InvalidOperationException>(child.Start);
        Assert.True(child.Join(Bounded.Limit));
        Assert.Throws<InvalidOperationException>(child.Start);
        Assert.Equal(0, child.ExitCode);
    }

    [Fact]
    public void JoinBeforeStartThrows()
    {
        using var child = new ChildProcess(Targets.DoNothing);
        Assert.Throws<InvalidOperationException>(() => child.Join(Short));
        Assert.Throws<InvalidOperationException>(() => child.Join());
        Assert.Null(child.Pid);
    }

    [Fact]
    public void JoinCanBeCalledAgainAfterTheEnd()
    {
        using var child = new ChildProcess(Targets.DoNothing);
        child.Start();
        Assert.True(child.Join(Bounded.Limit));
        Assert.True(child.Join(TimeSpan.Zero));
        Assert.Equal(0, child.ExitCode);
    }

    [Fact]
    public void SeveralChildrenRunInSeparateProcesses()
    {
        using var a = new SharedValue<int>();
        using var b = new SharedValue<int>();
        using var first = new ChildProcess(Targets.StorePid, a);
        using var second = new ChildProcess(Targets.StorePid, b);
        first.Start();
        second.Start();
        Assert.True(first.Join(Bounded.Limit));
        Assert.True(second.Join(Bounded.Limit));
        Assert.NotEqual(a.Value, b.Value);
        Assert.Equal(first.Pid, a.Value);
        Assert.Equal(second.Pid, b.Value);
        Assert.NotEqual(first.Name, second.Name);
    }

    [Fact]
    public void CreateTakesAMethodNameAndTypedArguments()
    {
        using var numbers = new SharedArray<int>([2, 3]);
        using var cube = ChildProcess.Create(Targets.Cube, numbers, 1);
        using var square = ChildProcess.Create(Targets.Square, 7); // a function whose result the child drops
        cube.Start();
        square.Start();
        Assert.True(cube.Join(Bounded.Limit));
        Assert.True(square.Join(Bounded.Limit));
        Assert.Equal([2, 27], numbers.ToArray());
        Assert.Equal(0, square.ExitCode);
    }

    [Fact]
    public void StartTimeAndExitTimeBracketTheChildsLife()
    {
        using var child = new ChildProcess(Targets.DoNothing);
        Assert.Null(child.StartTime);
        var before = DateTime.Now;
        child.Start();
        Assert.NotNull(child.StartTime);
        Assert.True(child.Join(Bounded.Limit));
        var after = DateTime.Now;
        Assert.InRange(child.StartTime!.Value, before, after);
        Assert.InRange(child.ExitTime!.Value, child.StartTime.Value, after);
    }

    [Fact]
    public void AChildProcessWidensNumbersAsACallWouldAndNamesBothTypesOtherwise()
    {
        using var half = new SharedArray<double>(1);
        using var child = new ChildProcess(FailureTargets.StoreHalf, half, 5); // an int for a double
        child.Start();
        Assert.True(child.Join(Bounded.Limit));
        Assert.Equal(0, child.ExitCode);
        Assert.Equal(2.5, half[0]);

        var error = Assert.Throws<ArgumentException>(() => new ChildProcess(Targets.Square, "five"));
        Assert.Contains("takes an int for 'x', but was given a string", error.Message); // C#'s names, not Int32 and String
    }

    [Fact]
    public void AChildProcessRefusesAnArgumentThatCannotBeRebuilt_BeforeStarting()
    {
        var error = Assert.Throws<ArgumentException>(() => new ChildProcess(FailureTargets.SumOf, new NotRebuildable(1, 2)));
        Assert.Contains("Sum", error.Message); // read-only, with no constructor parameter: it would arrive as 0
    }
}
