namespace Multiprocessing.Measurements;

/// <summary>The timed runs of one <see cref="RunMode"/>, with the statistics a comparison reports.</summary>
/// <param name="Mode">Which way the work ran.</param>
/// <param name="Samples">One duration per timed repeat, in the order they ran.</param>
/// <param name="CpuSamples">CPU time the mode used in each timed repeat (what is counted depends on the mode: see <see cref="Compare"/>); null when not measured.</param>
/// <param name="CpuUncertainty">
/// How far each CPU sample may be off: the CPU clocks' resolution for each reading, plus the time the readings take.
/// Zero (the default) for exact values, as in a test.
/// </param>
/// <exception cref="ArgumentException">Throws when <paramref name="Samples"/> is empty, or <paramref name="CpuSamples"/> has another count.</exception>
public sealed record ModeTiming(RunMode Mode, IReadOnlyList<TimeSpan> Samples, IReadOnlyList<TimeSpan>? CpuSamples = null, TimeSpan CpuUncertainty = default)
{
    /// <summary>
    /// A run must last this many times <see cref="CpuUncertainty"/> for its cores busy to be shown: then the clocks' error
    /// moves the value by at most 0.05 cores.
    /// </summary>
    public const int MinimumRunPerUncertainty = 20;

    /// <summary>One duration per timed repeat, in the order they ran.</summary>
    public IReadOnlyList<TimeSpan> Samples { get; init; } = Samples is { Count: > 0 }
        ? Samples
        : throw new ArgumentException("A timing needs at least one sample; run the mode once or more before building it.", nameof(Samples));

    /// <summary>CPU time the mode used in each timed repeat; null when not measured.</summary>
    public IReadOnlyList<TimeSpan>? CpuSamples { get; init; } = CpuSamples is null || CpuSamples.Count == Samples.Count
        ? CpuSamples
        : throw new ArgumentException($"Give one CPU time per sample: {Samples.Count} samples, {CpuSamples.Count} CPU times.", nameof(CpuSamples));

    /// <summary>
    /// How many cores the mode kept busy on average: all its CPU time divided by all its wall time. 1.9 on 2 cores means
    /// both were busy. Null when CPU time was not measured, or when the runs were too short for the CPU clocks to tell
    /// (a mean run shorter than <see cref="MinimumRunPerUncertainty"/> × <see cref="CpuUncertainty"/>): a 2 µs run timed
    /// with a 10 ms clock would read anything from 0 to thousands of cores.
    /// </summary>
    public double? CoresUsed => CpuSamples is null || !CpuMeasurable
        ? null
        : CpuSamples.Sum(c => c.Ticks) / (double)Math.Max(1, Samples.Sum(s => s.Ticks));

    /// <summary>The mean CPU time of a run, where <see cref="CoresUsed"/> is shown; null otherwise.</summary>
    public TimeSpan? CpuPerRun => CpuSamples is null || !CpuMeasurable
        ? null
        : TimeSpan.FromTicks(CpuSamples.Sum(c => c.Ticks) / CpuSamples.Count);

    bool CpuMeasurable => Samples.Sum(s => s.Ticks) / (double)Samples.Count >= MinimumRunPerUncertainty * (double)CpuUncertainty.Ticks;

    /// <summary>The middle sample; with an even count, the mean of the middle two. Robust against one slow run.</summary>
    public TimeSpan Median => Statistics.Median(Samples);

    /// <summary>The fastest sample.</summary>
    public TimeSpan Min => Samples.Min();

    /// <summary>The slowest sample.</summary>
    public TimeSpan Max => Samples.Max();
}
