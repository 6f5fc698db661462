namespace Multiprocessing.Measurements;

/// <summary>One mode at one setting in a <see cref="SweepResult"/>.</summary>
/// <param name="Setting">The value varied: the work every item passed to the function, or the chunksize.</param>
/// <param name="Mode">Which way the work ran.</param>
/// <param name="Median">The median time of the whole run.</param>
/// <param name="Speedup">Sequential median divided by this median at the same setting.</param>
public sealed record SweepPoint(int Setting, RunMode Mode, TimeSpan Median, double Speedup);
