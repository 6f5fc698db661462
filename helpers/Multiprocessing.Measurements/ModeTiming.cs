namespace Multiprocessing.Measurements;

/// <summary>The timed runs of one <see cref="RunMode"/>, with the statistics a comparison reports.</summary>
/// <param name="Mode">Which way the work ran.</param>
/// <param name="Samples">One duration per timed repeat, in the order they ran.</param>
/// <exception cref="ArgumentException">Throws when <paramref name="Samples"/> is empty.</exception>
public sealed record ModeTiming(RunMode Mode, IReadOnlyList<TimeSpan> Samples)
{
    /// <summary>One duration per timed repeat, in the order they ran.</summary>
    public IReadOnlyList<TimeSpan> Samples { get; init; } = Samples is { Count: > 0 }
        ? Samples
        : throw new ArgumentException("A timing needs at least one sample; run the mode once or more before building it.", nameof(Samples));

    /// <summary>The middle sample; with an even count, the mean of the middle two. Robust against one slow run.</summary>
    public TimeSpan Median => Statistics.Median(Samples);

    /// <summary>The fastest sample.</summary>
    public TimeSpan Min => Samples.Min();

    /// <summary>The slowest sample.</summary>
    public TimeSpan Max => Samples.Max();
}
