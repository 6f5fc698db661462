namespace Multiprocessing.Measurements;

/// <summary>One mode at one work size in a <see cref="SweepResult"/>.</summary>
/// <param name="WorkPerItem">The argument every item passed to the function.</param>
/// <param name="Mode">Which way the work ran.</param>
/// <param name="Median">The median time of the whole run.</param>
/// <param name="Speedup">Sequential median divided by this median at the same work size.</param>
public sealed record SweepPoint(int WorkPerItem, RunMode Mode, TimeSpan Median, double Speedup);
