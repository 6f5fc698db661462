namespace Multiprocessing.Measurements;

/// <summary>The timed runs of one <see cref="RunMode"/>, with the statistics a comparison reports.</summary>
/// <param name="Mode">Which way the work ran.</param>
/// <param name="Samples">One duration per timed repeat, in the order they ran.</param>
/// <param name="CpuSamples">CPU time used in each timed repeat, children's included; null when not measured.</param>
/// <exception cref="ArgumentException">Throws when <paramref name="Samples"/> is empty, or <paramref name="CpuSamples"/> has another count.</exception>
public sealed record ModeTiming(RunMode Mode, IReadOnlyList<TimeSpan> Samples, IReadOnlyList<TimeSpan>? CpuSamples = null)
{
    /// <summary>One duration per timed repeat, in the order they ran.</summary>
    public IReadOnlyList<TimeSpan> Samples { get; init; } = Samples is { Count: > 0 }
        ? Samples
        : throw new ArgumentException("A timing needs at least one sample; run the mode once or more before building it.", nameof(Samples));

    /// <summary>CPU time used in each timed repeat, children's included; null when not measured.</summary>
    public IReadOnlyList<TimeSpan>? CpuSamples { get; init; } = CpuSamples is null || CpuSamples.Count == Samples.Count
        ? CpuSamples
        : throw new ArgumentException($"Give one CPU time per sample: {Samples.Count} samples, {CpuSamples.Count} CPU times.", nameof(CpuSamples));

    /// <summary>
    /// How many cores the mode kept busy on average: all its CPU time (this process's and its children's) divided by all
    /// its wall time. 1.9 on 2 cores means both were busy; null when CPU time was not measured.
    /// </summary>
    public double? CoresUsed => CpuSamples is null
        ? null
        : CpuSamples.Sum(c => c.Ticks) / (double)Math.Max(1, Samples.Sum(s => s.Ticks));

    /// <summary>The middle sample; with an even count, the mean of the middle two. Robust against one slow run.</summary>
    public TimeSpan Median => Statistics.Median(Samples);

    /// <summary>The fastest sample.</summary>
    public TimeSpan Min => Samples.Min();

    /// <summary>The slowest sample.</summary>
    public TimeSpan Max => Samples.Max();
}
