using Multiprocessing.Measurements;

namespace Multiprocessing.Measurements.Tests;

public class VerdictTests
{
    static readonly MachineInfo TwoCores = new(2, "Linux 6.8.0 #1 SMP", ".NET 10.0.0");

    static TimeSpan Ms(double ms) => TimeSpan.FromMilliseconds(ms);

    static ModeTiming Timing(RunMode mode, double[] wall, double[]? cpu = null) =>
        new(mode, wall.Select(Ms).ToArray(), cpu?.Select(Ms).ToArray());

    static Comparison Of(ModeTiming threads, WorkKind work = WorkKind.Cpu, int items = 8) =>
        new("Primes", 2, items, [Timing(RunMode.Sequential, [100, 102, 104], [100, 102, 104]), threads], TwoCores, work: work);

    [Fact]
    public void CoresUsedIsAllCpuTimeOverAllWallTime() =>
        Assert.Equal(1.5, Timing(RunMode.Threads, [50, 50], [70, 80]).CoresUsed);

    [Fact]
    public void ATimingWithoutCpuTimesHasNoCoresUsed() =>
        Assert.Null(Timing(RunMode.Threads, [50]).CoresUsed);

    [Fact]
    public void CpuTimesMustMatchTheSamples() =>
        Assert.Throws<ArgumentException>(() => Timing(RunMode.Threads, [50, 60], [50]));

    [Fact]
    public void AGapTheSpreadCannotExplainIsClearlyFaster()
    {
        var comparison = Of(Timing(RunMode.Threads, [52, 53, 55], [100, 104, 108]));
        Assert.True(comparison.ClearlyFaster(RunMode.Threads));
        Assert.Equal("Threads: 1.92× faster than the loop. Ideal 2× (2 workers, each on a core of its own); it kept 2.0 cores busy on average.",
            comparison.Verdict(RunMode.Threads));
    }

    [Fact]
    public void OverlappingRangesAreNoClearDifference()
    {
        var comparison = Of(Timing(RunMode.Threads, [60, 90, 120], [100, 100, 100]));
        Assert.False(comparison.ClearlyFaster(RunMode.Threads));
        Assert.False(comparison.ClearlySlower(RunMode.Threads));
        // The ranges overlap: no cause is named, whatever the cores busy say.
        Assert.Equal("Threads: 1.13× faster than the loop, but within the spread of the runs: no clear difference; run the cell again. " +
            "Ideal 2× (2 workers, each on a core of its own); it kept 1.1 cores busy on average.", comparison.Verdict(RunMode.Threads));
    }

    [Fact]
    public void FallingShortWithFewCoresBusySaysTheWorkersWereNotRunning() =>
        Assert.Contains("it kept 1.2 cores busy on average, fewer than the 2 it could: part of the time its threads were not running",
            Of(Timing(RunMode.Threads, [80, 80, 80], [96, 96, 96])).Verdict(RunMode.Threads));

    [Theory]
    [InlineData(RunMode.Threads, true, "starting threads and handing them items, or cores that run slower when all are busy")]
    [InlineData(RunMode.Threads, false, "handing items to threads, or cores that run slower when all are busy")]
    [InlineData(RunMode.Processes, true, "starting worker processes and copying data to and from them")]
    [InlineData(RunMode.Processes, false, "copying data to and from the worker processes")]
    [InlineData(RunMode.ProcessPerTask, true, "starting a process for every item and copying data to it")]
    public void FallingShortWithEveryCoreBusyNamesTheExtraWorkOfTheMode(RunMode mode, bool startUp, string extra)
    {
        var comparison = new Comparison("Primes", 2, 8, [Timing(RunMode.Sequential, [100, 102, 104], [100, 102, 104]), Timing(mode, [80, 80, 80], [160, 160, 160])],
            TwoCores, includesStartUp: startUp);
        Assert.EndsWith($"it kept 2.0 cores busy on average, and used 1.6× the loop's CPU time: the time it lost went to {extra}, not to a lack of cores.",
            comparison.Verdict(mode));
    }

    [Fact]
    public void ThreadsAreNeverSaidToCopyData()
    {
        foreach (var cpu in new[] { 60.0, 100, 160, 400 })
            foreach (var wall in new[] { 55.0, 80, 150, 400 })
                Assert.DoesNotContain("copying", Of(Timing(RunMode.Threads, [wall, wall, wall], [cpu, cpu, cpu])).Verdict(RunMode.Threads));
    }

    [Fact]
    public void NoCauseIsNamedWithoutTheLoopsCpuTime()
    {
        var comparison = new Comparison("Primes", 2, 8, [Timing(RunMode.Sequential, [100, 102, 104]), Timing(RunMode.Threads, [80, 80, 80], [96, 96, 96])], TwoCores);
        Assert.EndsWith("it kept 1.2 cores busy on average.", comparison.Verdict(RunMode.Threads));
    }

    [Fact]
    public void AClearShortfallThatTheSpreadCouldExplainNamesNoCause()
    {
        // 1.5× against an ideal of 2, but the loop's slowest run over 2 is 75 ms, above the mode's fastest (70): no cause.
        var comparison = new Comparison("Primes", 2, 8, [Timing(RunMode.Sequential, [90, 100, 150], [90, 100, 150]), Timing(RunMode.Threads, [66.6, 66.6, 70], [70, 70, 70])], TwoCores);
        Assert.True(comparison.ClearlyFaster(RunMode.Threads));
        Assert.EndsWith("cores busy on average.", comparison.Verdict(RunMode.Threads));
    }

    [Fact]
    public void RunsTooShortForTheCpuClockShowNoCoresBusy()
    {
        // 2 µs runs with a clock good to 10 ms: the "4.4 cores busy on a 2-core machine".
        var tiny = new ModeTiming(RunMode.Sequential, [TimeSpan.FromTicks(20), TimeSpan.FromTicks(20)], [Ms(0), Ms(0.0088)], CpuUncertainty: Ms(10));
        Assert.Null(tiny.CoresUsed);
        Assert.Null(tiny.CpuPerRun);
        var longEnough = tiny with { Samples = [Ms(200), Ms(200)], CpuSamples = [Ms(190), Ms(210)] };
        Assert.Equal(1.0, longEnough.CoresUsed);
        Assert.Equal(Ms(200), longEnough.CpuPerRun);
    }

    [Fact]
    public void WaitingWorkIsIdealUpToTheItems()
    {
        var waiting = new Comparison("Waits", 4, 12, [Timing(RunMode.Sequential, [480])], TwoCores, work: WorkKind.Waiting);
        Assert.Equal(4, waiting.IdealSpeedup);
        var few = new Comparison("Waits", 4, 3, [Timing(RunMode.Sequential, [120])], TwoCores, work: WorkKind.Waiting);
        Assert.Equal(3, few.IdealSpeedup);
    }

    [Fact]
    public void AnOverheadHasNoIdealAndNoPrediction()
    {
        var overhead = Of(Timing(RunMode.Threads, [200]), WorkKind.Overhead, items: 0);
        Assert.Null(overhead.IdealSpeedup);
        Assert.Throws<InvalidOperationException>(() => overhead.Predicted(Ms(10)));
        Assert.DoesNotContain("ideal", overhead.Verdict(RunMode.Threads));
    }

    [Fact]
    public void ThePredictionIsTheLoopSharedByTheWorkersPlusStartUp() =>
        Assert.Equal(Ms(51 + 80), Of(Timing(RunMode.Threads, [60])).Predicted(Ms(80)));
}

public class ExerciseAndListTests
{
    [Fact]
    public void ARightAnswerIsCorrect() => Assert.Equal("✓ Correct: 4", Exercise.Verdict(true, "4", "got 3"));

    [Fact]
    public void AWrongAnswerIsNotYet() => Assert.Equal("✗ Not yet: got 3", Exercise.Verdict(false, "4", "got 3"));

    [Fact]
    public void WithinRethrowsWhatTheCodeThrewAsItWas() =>
        // A check tells a learner's exception from a timeout: it must not arrive wrapped in an AggregateException.
        Assert.Throws<ArgumentOutOfRangeException>(() => Exercise.Within(TimeSpan.FromSeconds(10), "Fail()", new Func<int>(() => throw new ArgumentOutOfRangeException("x"))));

    [Fact]
    public void WithinNamesTheCodeThatDidNotFinish()
    {
        using var release = new ManualResetEventSlim();
        var timeout = Assert.Throws<TimeoutException>(() => Exercise.Within(TimeSpan.FromMilliseconds(50), "Spin(3)", () => release.Wait(TimeSpan.FromSeconds(10))));
        release.Set();
        Assert.StartsWith("Spin(3) did not finish within", timeout.Message);
    }

    [Fact]
    public void NumbersPrintAsAPythonList() => Assert.Equal("[0, 1, 4, 9]", PythonList.Format(new List<int> { 0, 1, 4, 9 }));

    [Fact]
    public void StringsBoolsTuplesAndNestedListsPrintAsPythonDoes() =>
        Assert.Equal("['a', True, (1, 2), [1.5]]", PythonList.Format(new object[] { "a", true, (1, 2), new[] { 1.5 } }));
}
