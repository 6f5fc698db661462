using Multiprocessing;
using Multiprocessing.Hosting;
using Multiprocessing.Measurements;

namespace Multiprocessing.Measurements.Tests;

public class ComparisonStatisticsTests
{
    static readonly MachineInfo FourCores = new(4, "Linux 6.8.0 #1 SMP", ".NET 10.0.0");

    static TimeSpan Ms(double ms) => TimeSpan.FromMilliseconds(ms);

    static ModeTiming Timing(RunMode mode, params double[] ms) => new(mode, ms.Select(Ms).ToArray());

    internal static Comparison Sample(int workers = 2) => new("Squares", workers, 8,
        [Timing(RunMode.Processes, 6, 4, 5), Timing(RunMode.Sequential, 12, 10, 8), Timing(RunMode.Threads, 20, 30, 40, 50)],
        FourCores);

    [Fact]
    public void MedianOfAnOddCountIsTheMiddleSample() =>
        Assert.Equal(Ms(10), Timing(RunMode.Sequential, 12, 10, 8).Median);

    [Fact]
    public void MedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() =>
        Assert.Equal(Ms(35), Timing(RunMode.Threads, 50, 20, 40, 30).Median);

    [Fact]
    public void MinAndMaxAreTheExtremes()
    {
        var timing = Timing(RunMode.Threads, 50, 20, 40, 30);
        Assert.Equal(Ms(20), timing.Min);
        Assert.Equal(Ms(50), timing.Max);
    }

    [Fact]
    public void ATimingNeedsASample() =>
        Assert.Throws<ArgumentException>(() => new ModeTiming(RunMode.Threads, []));

    [Fact]
    public void ModesAreSortedSequentialThreadsProcesses() =>
        Assert.Equal([RunMode.Sequential, RunMode.Threads, RunMode.Processes], Sample().Modes.Select(m => m.Mode));

    [Fact]
    public void SpeedupIsTheSequentialMedianOverTheModeMedian()
    {
        var comparison = Sample();
        Assert.Equal(1.0, comparison.Speedup(RunMode.Sequential));
        Assert.Equal(2.0, comparison.Speedup(RunMode.Processes), 9);
        Assert.Equal(10.0 / 35, comparison.Speedup(RunMode.Threads), 9);
        Assert.Equal("2.0× faster", comparison.Faster(RunMode.Processes));
        Assert.Equal("3.5× slower", comparison.Faster(RunMode.Threads));
    }

    [Fact]
    public void IdealSpeedupIsWorkersCappedByCores()
    {
        Assert.Equal(2, Sample(workers: 2).IdealSpeedup);
        Assert.Equal(4, Sample(workers: 8).IdealSpeedup);
    }

    [Fact]
    public void AComparisonNeedsASequentialTiming() =>
        Assert.Throws<ArgumentException>(() => new Comparison("x", 2, 1, [Timing(RunMode.Threads, 1)], FourCores));

    [Fact]
    public void RowsAndTextShowTheNumbers()
    {
        var comparison = Sample();
        var processes = comparison.Rows.Single(r => r.Mode == RunMode.Processes);
        Assert.Equal(new ComparisonRow(RunMode.Processes, 5, 4, 6, 2), processes);
        var text = comparison.ToString();
        Assert.Contains("Processes", text);
        Assert.Contains("2.0× faster", text);
        Assert.Contains("4 cores, Linux 6.8.0, .NET 10.0.0", text);
    }

    [Fact]
    public void MachineInfoDropsTheKernelBuildString() =>
        Assert.Equal("1 core, Linux 6.8.0, .NET 10.0.0", new MachineInfo(1, "Linux 6.8.0 #17-Ubuntu SMP", ".NET 10.0.0").ToString());

    [Fact]
    public void SequentialHasNoTimelineChart() =>
        Assert.Throws<ArgumentException>(() => Sample().TimelineChart(RunMode.Sequential));

    [Theory]
    [InlineData(0, 1, null, null, "Repeats")]
    [InlineData(1, -1, null, null, "Warmups")]
    [InlineData(1, 0, 0, null, "Workers")]
    [InlineData(1, 0, null, 0, "Chunksize")]
    public void OptionsOutOfRangeAreRefusedWithTheFix(int repeats, int warmups, int? workers, int? chunksize, string name)
    {
        var options = new CompareOptions(Workers: workers, Repeats: repeats, Warmups: warmups, Chunksize: chunksize);
        var error = Assert.Throws<ArgumentOutOfRangeException>(options.Check);
        Assert.Equal(name, error.ParamName);
        Assert.StartsWith(name, error.Message);
    }

    [Fact]
    public void DefaultOptionsAreValid()
    {
        new CompareOptions().Check();
        Assert.Equal(Environment.ProcessorCount, new CompareOptions().WorkerCount);
    }

    [Fact]
    public void RunRefusesNoItems()
    {
        var error = Assert.Throws<ArgumentException>(() => Compare.Run("empty", Square, Array.Empty<int>()));
        Assert.Contains("needs at least one item", error.Message);
    }

    [Fact]
    public void RunChecksOptionsBeforeStartingAnything() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Compare.Run("bad", Square, [1], new CompareOptions(Repeats: 0)));

    [Fact]
    public void DifferentResultsAreReportedWithTheItem()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Compare.CheckSame(RunMode.Threads, [1, 2, 3], [1, 5, 3]));
        Assert.Contains("Threads returned 5 for item 1 where the sequential loop returned 2", error.Message);
        Assert.Throws<InvalidOperationException>(() => Compare.CheckSame(RunMode.Processes, [1, 2], [1]));
        Compare.CheckSame(RunMode.Processes, [1, 2], [1, 2]);
    }

    [Fact]
    public void SweepRefusesWorkSizesBelowOne()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Compare.Sweep("bad", Square, [10, 0]));
        Assert.Contains("Work sizes must be 1 or more, not 0", error.Message);
        Assert.Throws<ArgumentException>(() => Compare.Sweep("none", Square, []));
    }

    static int _calls;

    // Different on every call, so the thread pool disagrees with the loop before any process starts.
    static int Counter(int x) => x + Interlocked.Increment(ref _calls);

    [Fact]
    public void RunRefusesAFunctionWhoseResultsChange()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            Compare.Run("counter", Counter, [1, 2, 3], new CompareOptions(Workers: 1, Repeats: 1, Warmups: 0)));
        Assert.Contains("Threads", error.Message);
    }

    static int Square(int x) => x * x;

    static SweepResult Sweep(params (int Work, RunMode Mode, double Speedup)[] points) =>
        new("Sweep", "work per item", 2, FourCores, points.Select(p => new SweepPoint(p.Work, p.Mode, Ms(1), p.Speedup)).ToArray());

    [Fact]
    public void BreakEvenIsTheSmallestWorkThatIsFaster()
    {
        var sweep = Sweep((10_000, RunMode.Processes, 1.5), (100, RunMode.Processes, 0.2), (1_000, RunMode.Processes, 1.1),
            (100, RunMode.Threads, 0.9), (1_000, RunMode.Threads, 1.0));
        Assert.Equal(1_000, sweep.BreakEven(RunMode.Processes));
        Assert.Null(sweep.BreakEven(RunMode.Threads)); // 1.0 is not faster
        Assert.Equal(2, sweep.IdealSpeedup);
        Assert.Contains("Threads break even: never", sweep.ToString());
    }

    // End to end: real pools, tiny work, so these finish in seconds.
    // Static, so the process pool can load it by name in its workers.
    public static long SumTo(int n)
    {
        long sum = 0;
        for (int i = 1; i <= n; i++)
            sum += i;
        return sum;
    }

    [Fact(Timeout = 60_000)]
    public async Task RunTimesAllThreeModesAndKeepsEachPoolsTimeline()
    {
        var statuses = new List<string>();
        Comparison comparison;
        using (FrontEnd.Use(new RecordingProgress(statuses)))
            comparison = await Task.Run(() => Compare.Run("sums", SumTo, Enumerable.Range(1, 8).Select(i => i * 100),
                new CompareOptions(Workers: 2, Repeats: 2, Warmups: 0)));
        Assert.Same(ConsoleFrontEnd.Default, FrontEnd.Current);

        Assert.Equal([RunMode.Sequential, RunMode.Threads, RunMode.Processes], comparison.Modes.Select(m => m.Mode));
        Assert.All(comparison.Modes, m => Assert.Equal(2, m.Samples.Count));
        Assert.All(comparison.Modes.SelectMany(m => m.Samples), s => Assert.True(s > TimeSpan.Zero));
        Assert.Equal(8, comparison.Items);
        Assert.Equal(2, comparison.Workers);

        var processWorkers = comparison.Timeline(RunMode.Processes).Select(r => r.Worker).Distinct().ToArray();
        var threadWorkers = comparison.Timeline(RunMode.Threads).Select(r => r.Worker).Distinct().ToArray();
        Assert.NotEmpty(processWorkers);
        Assert.NotEmpty(threadWorkers);
        Assert.DoesNotContain(Environment.ProcessId, processWorkers); // children's pids, not ours
        Assert.Empty(processWorkers.Intersect(threadWorkers));
        Assert.Equal(8, comparison.Timeline(RunMode.Processes).Sum(r => r.Items));
        Assert.Empty(comparison.Timeline(RunMode.Sequential));

        Assert.Equal("Measuring sums…", statuses[0]);
        Assert.Contains("repeat 2 of 2: processes", statuses);
        Assert.Equal("disposed", statuses[^1]);
    }

    [Fact(Timeout = 60_000)]
    public async Task SweepMeasuresEveryModeAtEveryWorkSize()
    {
        var sweep = await Task.Run(() => Compare.Sweep("sums", SumTo, [10, 1_000], items: 4,
            new CompareOptions(Workers: 2, Repeats: 1, Warmups: 0, NewPoolEachRepeat: false)));
        Assert.Equal(6, sweep.Points.Count);
        Assert.Equal([10, 1_000], sweep.Points.Select(p => p.Setting).Distinct());
        Assert.All(sweep.Points.Where(p => p.Mode == RunMode.Sequential), p => Assert.Equal(1.0, p.Speedup));
        Assert.All(sweep.Points, p => Assert.True(p.Median > TimeSpan.Zero));
    }

    [Fact(Timeout = 60_000)]
    public async Task RunWithThreeActionsTimesEachOnePerWarmupAndRepeat()
    {
        var calls = new int[3];
        var comparison = await Task.Run(() => Compare.Run("actions",
            sequential: () => calls[0]++, threads: () => calls[1]++, processes: () => calls[2]++,
            new CompareOptions(Workers: 15, Repeats: 3, Warmups: 1)));
        Assert.Equal([4, 4, 4], calls);
        Assert.Equal([RunMode.Sequential, RunMode.Threads, RunMode.Processes], comparison.Modes.Select(m => m.Mode));
        Assert.All(comparison.Modes, m => Assert.Equal(3, m.Samples.Count));
        Assert.Equal(15, comparison.Workers);
        Assert.StartsWith("actions: 15 workers", comparison.ToString());
    }

    [Fact(Timeout = 60_000)]
    public async Task RunWithoutAThreadsActionTimesOnlyTheLoopAndTheProcesses()
    {
        var calls = new int[2];
        var comparison = await Task.Run(() => Compare.Run("actions",
            sequential: () => calls[0]++, threads: null, processes: () => calls[1]++,
            new CompareOptions(Workers: 5, Repeats: 2, Warmups: 1, Work: WorkKind.Overhead)));
        Assert.Equal([3, 3], calls);
        Assert.Equal([RunMode.Sequential, RunMode.Processes], comparison.Modes.Select(m => m.Mode));
        Assert.Equal(["Sequential", "Processes"], ComparisonChart.Data(comparison).Modes);
    }

    [Fact(Timeout = 60_000)]
    public async Task ProcessPerTaskStartsANewProcessForEveryItem()
    {
        var comparison = await Task.Run(() => Compare.Run("sums", SumTo, [10, 20, 30, 40],
            new CompareOptions(Workers: 2, Repeats: 1, Warmups: 0, Modes: [RunMode.ProcessPerTask, RunMode.Sequential])));
        Assert.Equal([RunMode.Sequential, RunMode.ProcessPerTask], comparison.Modes.Select(m => m.Mode));
        var runs = comparison.Timeline(RunMode.ProcessPerTask);
        Assert.Equal(4, runs.Count);
        Assert.Equal(4, runs.Select(r => r.Worker).Distinct().Count());
        Assert.Contains("Process per task", comparison.ToString());
    }

    [Fact(Timeout = 120_000)]
    public async Task ProcessPerTaskStartsAFreshPoolEachRepeatEvenWhenTheOthersAreWarm()
    {
        // A warm pool of retiring workers would start their replacements while the next mode was timed.
        var comparison = await Task.Run(() => Compare.Run("sums", SumTo, [10, 20, 30, 40],
            new CompareOptions(Workers: 2, Repeats: 2, Warmups: 1, NewPoolEachRepeat: false, Modes: [RunMode.Sequential, RunMode.ProcessPerTask])));
        var runs = comparison.Timeline(RunMode.ProcessPerTask);
        Assert.Equal(4, runs.Select(r => r.Worker).Distinct().Count());
        // A task's start counts from its pool's creation: in a fresh pool the last run's tasks all start within that run,
        // where a pool kept since the warm-up would count the two runs before it too.
        Assert.True(runs.Max(r => r.Start) < comparison.Timing(RunMode.ProcessPerTask).Max,
            $"The last run's tasks started {string.Join(", ", runs.Select(r => $"{r.Start.TotalMilliseconds:0}"))} ms after their pool's creation; " +
            $"a run took at most {comparison.Timing(RunMode.ProcessPerTask).Max.TotalMilliseconds:0} ms.");
    }

    [Fact]
    public void ModesWithoutSequentialAreRefusedBeforeAnythingRuns()
    {
        var error = Assert.Throws<ArgumentException>(() => Compare.Run("sums", SumTo, [1],
            new CompareOptions(Modes: [RunMode.Processes])));
        Assert.Contains("must include RunMode.Sequential", error.Message);
    }

    [Fact(Timeout = 60_000)]
    public async Task ChunksizeSweepTimesEveryModeAtEveryChunksize()
    {
        var sweep = await Task.Run(() => Compare.ChunksizeSweep("sums", SumTo, Enumerable.Range(1, 40), [1, 20],
            new CompareOptions(Workers: 2, Repeats: 1, Warmups: 0, NewPoolEachRepeat: false)));
        Assert.Equal("chunksize", sweep.Varied);
        Assert.Equal([1, 20], sweep.Points.Select(p => p.Setting).Distinct());
        Assert.Equal(6, sweep.Points.Count);
        Assert.Contains("median time by chunksize", sweep.ToString());
        Assert.Throws<ArgumentOutOfRangeException>(() => Compare.ChunksizeSweep("sums", SumTo, [1], [0]));
    }

    [Fact]
    public async Task WorkersSweepTimesEveryModeAtEveryWorkerCount()
    {
        var sweep = await Task.Run(() => Compare.WorkersSweep("sums", SumTo, Enumerable.Range(1, 40), [2, 1, 2],
            new CompareOptions(Repeats: 1, Warmups: 0, NewPoolEachRepeat: false, Modes: [RunMode.Sequential, RunMode.Processes])));
        Assert.Equal(SweepResult.WorkersVaried, sweep.Varied);
        Assert.Equal([1, 2], sweep.Points.Select(p => p.Setting).Distinct()); // sorted, each count once
        Assert.Equal(4, sweep.Points.Count);
        Assert.Equal(2, sweep.Workers);
        Assert.Equal(40, sweep.Items);
        Assert.Contains("speedup by workers, 40 items", sweep.ToString());
    }

    [Fact]
    public void WorkersSweepRefusesWhatItCannotMeasure()
    {
        var both = new CompareOptions(Workers: 2);
        Assert.Contains("leave CompareOptions.Workers null", Assert.Throws<ArgumentException>(() => Compare.WorkersSweep("sums", SumTo, [1], [1], both)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Compare.WorkersSweep("sums", SumTo, [1], [0, 2]));
        Assert.Contains("at least one worker count", Assert.Throws<ArgumentException>(() => Compare.WorkersSweep("sums", SumTo, [1], [])).Message);
    }

    [Fact]
    public void AChunksizeSweepsTextShowsTheTimesItsHtmlShows()
    {
        // A bug: ToString printed speedups for a chunksize sweep while ToHtml showed times.
        var sweep = new SweepResult("sums", "chunksize", 2, FourCores,
            [new SweepPoint(1, RunMode.Sequential, Ms(10), 1), new SweepPoint(1, RunMode.Processes, Ms(235), 10.0 / 235)], showsTimes: true);
        var text = sweep.ToString();
        Assert.Contains("median time by chunksize", text);
        Assert.Contains("235.0 ms", text);
        Assert.DoesNotContain("×", text.Split('\n')[2]);
        Assert.Contains("235.0 ms", sweep.ToHtml());
    }

    static void Nothing()
    {
    }

    [Fact(Timeout = 60_000)]
    public async Task ChildLifetimesStartAtZeroAndRefuseAChildNotYetJoined()
    {
        using var first = new ChildProcess(Nothing);
        using var second = new ChildProcess(Nothing);
        Assert.Contains("not been started", Assert.Throws<ArgumentException>(() => TimelineChart.For(new[] { first }, "t")).Message);
        first.Start();
        second.Start();
        Assert.True(await Task.Run(() => first.Join(TimeSpan.FromSeconds(30)) && second.Join(TimeSpan.FromSeconds(30))));

        var runs = TimelineChart.Lifetimes([first, second]);
        Assert.Equal([first.Pid!.Value, second.Pid!.Value], runs.Select(r => r.Worker));
        Assert.Equal(TimeSpan.Zero, runs[0].Start);
        Assert.All(runs, r => Assert.True(r.End > r.Start));
        Assert.All(runs, r => Assert.False(r.Failed));
    }

    /// <summary>The console's front end, with each measurement's statuses kept in a list.</summary>
    sealed class RecordingProgress(List<string> statuses) : ConsoleFrontEnd
    {
        public override IProgressDisplay StartProgress(string status) => new RecordingDisplay(statuses, status);
    }

    sealed class RecordingDisplay : IProgressDisplay
    {
        readonly List<string> _statuses;

        public RecordingDisplay(List<string> statuses, string first)
        {
            _statuses = statuses;
            _statuses.Add(first);
        }

        public void Update(string status) => _statuses.Add(status);

        public void Dispose() => _statuses.Add("disposed");
    }
}
