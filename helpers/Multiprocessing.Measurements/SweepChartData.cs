namespace Multiprocessing.Measurements;

/// <summary>What a <see cref="SweepResult"/> chart shows, as plain values, so tests can check it.</summary>
/// <param name="Varied">The x axis: what changed from point to point.</param>
/// <param name="Title">The chart title, with the workers and machine on a second line.</param>
/// <param name="YTitle">The y axis: speedup, or time on a log scale.</param>
/// <param name="LogY">True when the y axis is logarithmic (times that span orders of magnitude).</param>
/// <param name="Lines">One line per mode, then the dashed ideal.</param>
internal sealed record SweepChartData(string Varied, string Title, string YTitle, bool LogY, IReadOnlyList<SweepLine> Lines);
