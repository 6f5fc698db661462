using Multiprocessing.Measurements;

namespace Benchmark;

/// <summary>
/// The measured rounds of one figure, warm-up excluded, by contestant name. Index r of every list is round r,
/// so samples at the same index were taken back to back, at about the same machine speed.
/// </summary>
/// <param name="Samples">A contestant that could not measure every round is missing: it has no matched rounds to compare.</param>
internal sealed record FigureResult(Figure Figure, IReadOnlyDictionary<string, IReadOnlyList<Sample>> Samples)
{
    /// <summary>The median of the figure's value over the rounds, or null when <paramref name="contestant"/> has no samples.</summary>
    public double? Median(string contestant) => Median(contestant, s => s.Value);

    /// <summary>The median of one <paramref name="part"/> of the samples, or null when <paramref name="contestant"/> has none.</summary>
    public double? Median(string contestant, Func<Sample, double?> part) =>
        Samples.TryGetValue(contestant, out var samples)
            ? Statistics.Median(samples.Select(s => part(s) ?? throw new InvalidOperationException($"A {Figure.Name} sample lacks a part.")))
            : null;

    /// <summary>Per round, <paramref name="numerator"/>'s value / <paramref name="denominator"/>'s value; null when either has no samples.</summary>
    public IReadOnlyList<double>? Ratios(string numerator, string denominator) =>
        Samples.TryGetValue(numerator, out var top) && Samples.TryGetValue(denominator, out var bottom)
            ? top.Zip(bottom, (t, b) => t.Value / b.Value).ToArray()
            : null;
}
