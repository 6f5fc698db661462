using System.Runtime.CompilerServices;
using Multiprocessing.Measurements;

namespace Multiprocessing.Measurements.Tests;

[CollectionDefinition("CPU clocks", DisableParallelization = true)]
public class CpuClockCollection;

/// <summary>
/// Issue 18: "cores busy" measures the mode, with real loops on this machine. Alone in their collection: a process mode
/// counts children of this process that end during a run, and other tests' workers would end meanwhile.
/// </summary>
[Collection("CPU clocks")]
public class CoresBusyTests
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    public static long Spin(int iterations)
    {
        long x = 1, total = 0;
        for (int i = 0; i < iterations; i++)
        {
            x = x * 48271 % 2147483647;
            total += x & 255;
        }
        return total;
    }

    public static int Sleep(int ms)
    {
        Thread.Sleep(ms);
        return ms;
    }

    static readonly Lazy<int> SpinFor25Ms = new(() => WorkSize.Calibrate(Spin, TimeSpan.FromMilliseconds(25)));

    /// <summary>
    /// This thread's time on a CPU and waiting for one, from Linux's /proc/thread-self/schedstat (ns); null elsewhere.
    /// A thread that never sleeps keeps run / (run + wait) of a core busy: 1.0 when nothing else wants its core.
    /// </summary>
    static (double Run, double Wait)? SchedStat()
    {
        const string path = "/proc/thread-self/schedstat";
        if (!File.Exists(path))
            return null;
        var fields = File.ReadAllText(path).Split(' ');
        return (double.Parse(fields[0]), double.Parse(fields[1]));
    }

    [Fact(Timeout = 120_000)]
    public async Task AOneThreadLoopKeepsOneCoreBusy()
    {
        var (comparison, share) = await Task.Run(() =>
        {
            var before = SchedStat();
            var measured = Compare.Run("spin", Spin, Enumerable.Repeat(SpinFor25Ms.Value, 4), new CompareOptions(Modes: [RunMode.Sequential]));
            var after = SchedStat();
            double? busyShare = before is { } b && after is { } a ? (a.Run - b.Run) / (a.Run - b.Run + a.Wait - b.Wait) : null;
            return (measured, busyShare);
        });
        double cores = comparison.Timing(RunMode.Sequential).CoresUsed ?? throw new Xunit.Sdk.XunitException("A 100 ms loop must show its cores busy.");
        // Never more than the one thread that runs it (the old count took in every thread of the process: 1.5 in a kernel).
        Assert.InRange(cores, 0.05, 1.02);
        // About 1.0 when it has a core to itself; on a busy machine, the share of the time it was not kept waiting for one.
        if (share is { } expected)
            Assert.InRange(cores, expected - 0.1, expected + 0.1);
    }

    [Fact(Timeout = 120_000)]
    public async Task ASleepingLoopKeepsNoCoreBusy()
    {
        var comparison = await Task.Run(() => Compare.Run("sleep", Sleep, Enumerable.Repeat(20, 4), new CompareOptions(Modes: [RunMode.Sequential], Work: WorkKind.Waiting)));
        Assert.InRange(comparison.Timing(RunMode.Sequential).CoresUsed!.Value, 0, 0.05);
    }

    [Fact(Timeout = 120_000)]
    public async Task PoolsCountTheCpuTimeOfTheirWorkersAndNothingElse()
    {
        var comparison = await Task.Run(() => Compare.Run("spin", Spin, Enumerable.Repeat(SpinFor25Ms.Value, 4),
            new CompareOptions(Workers: 2, NewPoolEachRepeat: false)));
        var loop = comparison.Timing(RunMode.Sequential).CpuPerRun!.Value;
        foreach (var mode in new[] { RunMode.Threads, RunMode.Processes })
        {
            var timing = comparison.Timing(mode);
            // The same work takes about the same CPU time, however many cores run it and whatever else the machine runs.
            Assert.InRange(timing.CpuPerRun!.Value / loop, 0.7, 1.4);
            Assert.InRange(timing.CoresUsed!.Value, 0.05, 2.05);
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task APoolOfSleepingWorkersKeepsNoCoreBusy()
    {
        var comparison = await Task.Run(() => Compare.Run("sleep", Sleep, Enumerable.Repeat(20, 4),
            new CompareOptions(Workers: 2, NewPoolEachRepeat: false, Work: WorkKind.Waiting)));
        // A sleeping loop or thread reads about 0. A worker process also wakes, decodes its task and sends its answer,
        // a few ms of CPU a run, more on a loaded machine; still far from the 1.0 a core's work reads.
        Assert.All(comparison.Modes, m => Assert.InRange(m.CoresUsed!.Value, 0, m.Mode == RunMode.Processes ? 0.25 : 0.1));
    }

    [Fact(Timeout = 120_000)]
    public async Task RunsOfMicrosecondsNeverShowMoreCoresThanTheyCouldUse()
    {
        // The start-up row: a 2 µs run read 4.4 cores on a 2-core machine, a CPU window wider than the wall time.
        var comparison = await Task.Run(() => Compare.Run("nothing", sequential: () => { }, threads: null, processes: () => { },
            new CompareOptions(Workers: 1, Work: WorkKind.Overhead)));
        Assert.All(comparison.Modes, m => Assert.True(m.CoresUsed is null or <= 1.05, $"{m.Mode} read {m.CoresUsed} cores for runs of {m.Median.TotalMicroseconds} µs."));
    }
}
