namespace Multiprocessing.Measurements;

/// <summary>What a timeline chart shows, as plain values.</summary>
/// <param name="Title">The chart title.</param>
/// <param name="Axis">The x axis: what the times are measured from.</param>
/// <param name="Rows">One row per worker, in the order the workers first started a task.</param>
internal sealed record TimelineChartData(string Title, string Axis, IReadOnlyList<TimelineRow> Rows);
