using System.Diagnostics;

namespace Benchmark;

/// <summary>Timing helper; every figure is then a median (<see cref="Multiprocessing.Measurements.Statistics.Median(IEnumerable{double})"/>), because these machines are noisy.</summary>
internal static class Timing
{
    /// <summary>Milliseconds <paramref name="action"/> takes.</summary>
    public static double Ms(Action action)
    {
        long start = Stopwatch.GetTimestamp();
        action();
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }
}
