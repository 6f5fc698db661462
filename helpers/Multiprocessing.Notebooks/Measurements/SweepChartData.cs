namespace Multiprocessing.Measurements;

/// <summary>What a <see cref="SweepResult"/> chart shows, as plain values, so tests can check it.</summary>
/// <param name="Title">The chart title, with the workers and machine on a second line.</param>
/// <param name="Lines">One line per mode, then the dashed ideal.</param>
internal sealed record SweepChartData(string Title, IReadOnlyList<SweepLine> Lines);
