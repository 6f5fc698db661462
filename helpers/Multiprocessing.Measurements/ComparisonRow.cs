namespace Multiprocessing.Measurements;

/// <summary>One line of a <see cref="Comparison"/> table, in milliseconds.</summary>
/// <param name="Mode">The way the work ran; <c>Mode.Name()</c> is how tables name it.</param>
/// <param name="MedianMs">The median time.</param>
/// <param name="MinMs">The fastest time.</param>
/// <param name="MaxMs">The slowest time.</param>
/// <param name="Speedup">Sequential median divided by this median; above 1 is faster.</param>
/// <param name="CoresUsed">Cores kept busy on average by what runs the mode (<see cref="ModeTiming.CoresUsed"/>); null when not measured or too short to tell.</param>
public sealed record ComparisonRow(RunMode Mode, double MedianMs, double MinMs, double MaxMs, double Speedup, double? CoresUsed = null);
