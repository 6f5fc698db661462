using System.Diagnostics;

namespace Benchmark;

/// <summary>Timing helpers: every figure is a median, because these machines are noisy.</summary>
internal static class Timing
{
    /// <summary>Milliseconds <paramref name="action"/> takes.</summary>
    public static double Ms(Action action)
    {
        long start = Stopwatch.GetTimestamp();
        action();
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    /// <summary>The middle sample, or the mean of the two middle ones.</summary>
    public static double Median(IEnumerable<double> samples)
    {
        var sorted = samples.Order().ToArray();
        if (sorted.Length == 0)
            throw new ArgumentException("No samples to take the median of.", nameof(samples));
        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
