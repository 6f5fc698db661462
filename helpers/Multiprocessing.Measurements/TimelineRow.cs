namespace Multiprocessing.Measurements;

/// <summary>One worker's row of a timeline chart: a bar per task, from its start to its end.</summary>
/// <param name="Worker">The row label, such as "worker 4242".</param>
/// <param name="StartMs">Where each bar begins, in ms since the pool was created.</param>
/// <param name="DurationMs">How long each bar is.</param>
/// <param name="Hover">The hover text of each bar, such as "4 items, 12.5 ms".</param>
internal sealed record TimelineRow(string Worker, IReadOnlyList<double> StartMs, IReadOnlyList<double> DurationMs, IReadOnlyList<string> Hover);
