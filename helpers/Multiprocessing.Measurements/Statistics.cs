namespace Multiprocessing.Measurements;

/// <summary>The statistics every measurement in the course uses, in one place: the median, and the rotating order of matched rounds.</summary>
public static class Statistics
{
    /// <summary>The middle sample; with an even count, the mean of the middle two. Robust against one slow run.</summary>
    /// <exception cref="ArgumentException">Throws when there are no samples.</exception>
    public static double Median(IEnumerable<double> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var sorted = samples.Order().ToArray();
        if (sorted.Length == 0)
            throw new ArgumentException("No samples to take the median of; measure at least once.", nameof(samples));
        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>Equivalent of <see cref="Median(IEnumerable{double})"/> for durations, exact to the tick.</summary>
    /// <exception cref="ArgumentException">Throws when there are no samples.</exception>
    public static TimeSpan Median(IEnumerable<TimeSpan> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        // Ticks are exact in a double up to 2^53 (28 years); the cast truncates a half tick as integer division did.
        return TimeSpan.FromTicks((long)Median(samples.Select(sample => (double)sample.Ticks)));
    }

    /// <summary>
    /// The order in which round <paramref name="round"/> measures <paramref name="contenders"/>: rotated by one each round,
    /// so each goes first, second and last equally often, and a machine that speeds up or slows down, or whatever one
    /// measurement leaves behind for the next, hits them all alike. Round 0 keeps the given order.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Throws when <paramref name="round"/> is negative.</exception>
    public static IEnumerable<T> RotatingOrder<T>(IReadOnlyList<T> contenders, int round)
    {
        ArgumentNullException.ThrowIfNull(contenders);
        ArgumentOutOfRangeException.ThrowIfNegative(round);
        for (int k = 0; k < contenders.Count; k++)
            yield return contenders[(round + k) % contenders.Count];
    }
}
