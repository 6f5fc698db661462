using Multiprocessing.Measurements;

namespace Multiprocessing.Measurements.Tests;

/// <summary>
/// Issue 18: the ideal, the predicted time and the verdict from synthetic timings on machines of 1 to 64 cores, one
/// worker per core (as Compare does by default), with 8 items and with 4 × cores items.
/// </summary>
public class IdealModelTests
{
    static TimeSpan Ms(double ms) => TimeSpan.FromMilliseconds(ms);

    static MachineInfo Cores(int cores) => new(cores, "Linux 6.8.0", ".NET 10.0.0");

    /// <summary>
    /// A loop of <paramref name="loopMs"/> on one core, and processes at <paramref name="speedup"/>× keeping
    /// <paramref name="coresBusy"/> cores busy; each with a 1 % spread.
    /// </summary>
    static Comparison Measured(int cores, int items, double loopMs, double speedup, double coresBusy)
    {
        double modeMs = loopMs / speedup;
        var loop = new ModeTiming(RunMode.Sequential, [Ms(loopMs * 0.99), Ms(loopMs), Ms(loopMs * 1.01)], [Ms(loopMs * 0.99), Ms(loopMs), Ms(loopMs * 1.01)]);
        var processes = new ModeTiming(RunMode.Processes, [Ms(modeMs * 0.99), Ms(modeMs), Ms(modeMs * 1.01)],
            [Ms(modeMs * 0.99 * coresBusy), Ms(modeMs * coresBusy), Ms(modeMs * 1.01 * coresBusy)]);
        return new Comparison("Primes", cores, items, [loop, processes], Cores(cores), includesStartUp: false);
    }

    public static TheoryData<int, double, string> EightItems => new()
    {
        { 1, 1, "1 worker runs one item at a time" },
        { 2, 2, "2 workers, each on a core of its own" },
        { 3, 8 / 3.0, "8 items take 3 rounds on 3 workers, the last one part-full" },
        { 4, 4, "4 workers, each on a core of its own" },
        { 6, 4, "8 items take 2 rounds on 6 workers, the last one part-full" },
        { 8, 8, "8 workers, each on a core of its own" },
        { 12, 8, "8 items can keep at most 8 workers busy" },
        { 16, 8, "8 items can keep at most 8 workers busy" },
        { 64, 8, "8 items can keep at most 8 workers busy" },
    };

    [Theory]
    [MemberData(nameof(EightItems))]
    public void EightItemsAreIdealInRoundsOfOnePerCore(int cores, double ideal, string reason)
    {
        var comparison = Measured(cores, 8, loopMs: 800, speedup: ideal, coresBusy: ideal);
        Assert.Equal(ideal, comparison.IdealSpeedup!.Value, 9);
        Assert.Equal(reason, comparison.Ideal!.Reason);
        Assert.Equal(Ms(800 / ideal + 50), comparison.Predicted(Ms(50)));
        // Reaching the ideal names no loss, on every machine.
        var verdict = comparison.Verdict(RunMode.Processes);
        string spread = ideal > 1 ? "." : ", but within the spread of the runs: no clear difference; run the cell again.";
        Assert.Equal(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"Processes: {Speedup(ideal)} than the loop{spread} Ideal {Ideal.Format(ideal)} ({reason}); it kept {ideal:0.0} cores busy on average."), verdict);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(6)]
    [InlineData(8)]
    [InlineData(12)]
    [InlineData(16)]
    [InlineData(64)]
    public void FourItemsACoreAreIdealAtTheCoreCount(int cores)
    {
        var comparison = Measured(cores, 4 * cores, loopMs: 200.0 * cores, speedup: cores, coresBusy: cores);
        Assert.Equal(cores, comparison.IdealSpeedup);
        Assert.Equal(Ms(200 + 50), comparison.Predicted(Ms(50)));
        Assert.Equal(cores == 1 ? "1 worker runs one item at a time" : $"{cores} workers, each on a core of its own", comparison.Ideal!.Reason);
        Assert.DoesNotContain("could", comparison.Verdict(RunMode.Processes));
        Assert.DoesNotContain("lost", comparison.Verdict(RunMode.Processes));
    }

    [Fact]
    public void TheItemLimitIsNotBlamedOnOtherPrograms()
    {
        // The 12-thread laptop: 8 items at 7.5× with 7.6 cores busy. The old ideal (12×) blamed "something else".
        var comparison = Measured(12, 8, loopMs: 1200, speedup: 7.5, coresBusy: 7.6);
        Assert.Equal("Processes: 7.5× faster than the loop. Ideal 8× (8 items can keep at most 8 workers busy); it kept 7.6 cores busy on average.",
            comparison.Verdict(RunMode.Processes));
    }

    [Theory]
    [InlineData(6, 8, 3.0, 3.0, ", fewer than the 4 it could: part of the time its worker processes were not running")]
    [InlineData(3, 12, 1.6, 2.9, ", and used 1.8× the loop's CPU time: the time it lost went to copying data to and from the worker processes, not to a lack of cores")]
    [InlineData(64, 256, 4.0, 4.0, ", fewer than the 64 it could")]
    public void AShortfallNamesTheFactorTheCpuTimesShow(int cores, int items, double speedup, double coresBusy, string cause) =>
        Assert.Contains(cause, Measured(cores, items, loopMs: 800, speedup, coresBusy).Verdict(RunMode.Processes));

    [Theory]
    [InlineData(1, 1, 2, 1, "1 worker runs one item at a time")]
    [InlineData(2, 2, 1, 1, "1 core runs at most 1 of the 2 workers at a time")]
    [InlineData(0, 4, 2, 2, "2 cores run at most 2 of the 4 workers at a time")]
    [InlineData(0, 3, 8, 3, "3 workers, each on a core of its own")]
    [InlineData(1, 4, 2, 1, "1 item can keep at most 1 worker busy")]
    [InlineData(10, 3, 4, 2.5, "10 items take 4 rounds on 3 workers, the last one part-full")]
    [InlineData(10, 8, 3, 2.5, "10 items take 4 rounds on 3 cores, the last one part-full")]
    public void CpuIdealsAndReasons(int items, int workers, int cores, double speedup, string reason)
    {
        var ideal = Ideal.ForCpu(items, workers, cores);
        Assert.Equal(speedup, ideal.Speedup, 9);
        Assert.Equal(reason, ideal.Reason);
    }

    [Fact]
    public void WaitingIsIdealOnePerWorkerUpToTheItems()
    {
        Assert.Equal(new Ideal(4, "the 4 workers' waits overlap, on any number of cores"), Ideal.ForWaiting(12, 4));
        Assert.Equal(new Ideal(3, "3 items can keep at most 3 workers busy"), Ideal.ForWaiting(3, 4));
    }

    [Theory]
    [InlineData(8, "8×")]
    [InlineData(8 / 3.0, "2.67×")]
    [InlineData(1.5, "1.5×")]
    [InlineData(2.5, "2.5×")]
    public void IdealsPrintWithAtMostTwoDecimals(double speedup, string text) =>
        Assert.Equal(text, new Ideal(speedup, "").ToString());

    [Fact]
    public void BadCountsAreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Ideal.ForCpu(-1, 2, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => Ideal.ForCpu(8, 0, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => Ideal.ForCpu(8, 2, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Ideal.ForWaiting(8, 0));
    }

    [Fact]
    public void TheChartsIdealLineUsesTheSameIdeal()
    {
        var data = ComparisonChart.Data(Measured(3, 8, loopMs: 800, speedup: 2.5, coresBusy: 2.5));
        Assert.Equal("ideal: 2.67× faster", data.IdealName);
        Assert.Equal(300, data.IdealMs, 6);
    }

    static string Speedup(double speedup) => ComparisonChart.SpeedupLabel(speedup);
}
