namespace Multiprocessing.Measurements;

/// <summary>One line of a <see cref="SweepResult"/> chart: speedup or time against the varied setting.</summary>
/// <param name="Name">The legend name: a mode, or the ideal.</param>
/// <param name="Settings">The x values, ascending.</param>
/// <param name="Values">The y values: speedups, or median milliseconds.</param>
/// <param name="Dashed">True for the ideal line.</param>
internal sealed record SweepLine(string Name, IReadOnlyList<double> Settings, IReadOnlyList<double> Values, bool Dashed);
