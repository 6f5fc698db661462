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
        Assert.StartsWith("Threads: 1.9", comparison.Verdict(RunMode.Threads));
        Assert.Contains("(ideal 2× faster); it kept 2.0 cores busy on average.", comparison.Verdict(RunMode.Threads));
    }

    [Fact]
    public void OverlappingRangesAreNoClearDifference()
    {
        var comparison = Of(Timing(RunMode.Threads, [60, 90, 120], [100, 100, 100]));
        Assert.False(comparison.ClearlyFaster(RunMode.Threads));
        Assert.False(comparison.ClearlySlower(RunMode.Threads));
        Assert.Contains("within the spread of the runs, so no clear difference", comparison.Verdict(RunMode.Threads));
    }

    [Fact]
    public void FallingShortWithFewCoresBusySaysSomethingElseUsedACore() =>
        Assert.Contains("something else was using a core", Of(Timing(RunMode.Threads, [80, 80, 80], [100, 100, 100])).Verdict(RunMode.Threads));

    [Fact]
    public void FallingShortWithEveryCoreBusyBlamesOverhead() =>
        Assert.Contains("went to overhead", Of(Timing(RunMode.Threads, [80, 80, 80], [160, 160, 160])).Verdict(RunMode.Threads));

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
    public void NumbersPrintAsAPythonList() => Assert.Equal("[0, 1, 4, 9]", PythonList.Format(new List<int> { 0, 1, 4, 9 }));

    [Fact]
    public void StringsBoolsTuplesAndNestedListsPrintAsPythonDoes() =>
        Assert.Equal("['a', True, (1, 2), [1.5]]", PythonList.Format(new object[] { "a", true, (1, 2), new[] { 1.5 } }));
}
