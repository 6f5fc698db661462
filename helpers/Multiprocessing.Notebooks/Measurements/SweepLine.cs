namespace Multiprocessing.Measurements;

/// <summary>One line of a <see cref="SweepResult"/> chart: speedup against work per item.</summary>
/// <param name="Name">The legend name: a mode, or the ideal.</param>
/// <param name="WorkPerItem">The x values, ascending.</param>
/// <param name="Speedup">The y values.</param>
/// <param name="Dashed">True for the ideal line.</param>
internal sealed record SweepLine(string Name, IReadOnlyList<double> WorkPerItem, IReadOnlyList<double> Speedup, bool Dashed);
