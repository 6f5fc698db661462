using System.Globalization;
using Plotly.NET.CSharp;
using GenericChart = Plotly.NET.GenericChart;

namespace Multiprocessing.Measurements;

/// <summary>Draws a pool's <see cref="WorkerPool.Timeline"/>: one row per worker, one bar per task from its start to its end.</summary>
public static class TimelineChart
{
    /// <summary>Equivalent of <c>For(pool.Timeline, title)</c>.</summary>
    public static GenericChart For(WorkerPool pool, string title)
    {
        ArgumentNullException.ThrowIfNull(pool);
        return For(pool.Timeline, title);
    }

    /// <summary>A chart of <paramref name="runs"/>. Raises <see cref="ArgumentException"/> when there are none.</summary>
    public static GenericChart For(IReadOnlyList<TaskRun> runs, string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        var rows = Rows(runs);
        var bars = rows.Select(row => PlotlyStyle.WithHoverText(
            PlotlyStyle.SetOnTraces(
                Chart.Bar<double, string, string>(values: row.DurationMs, Keys: row.StartMs.Select(_ => row.Worker).ToArray(), Name: row.Worker),
                "base", row.StartMs.ToArray()),
            row.Hover)).ToList();
        var chart = PlotlyStyle.WithAxes(Chart.Combine(bars), "ms since the pool was created", "", height: 160 + 40 * rows.Count);
        return PlotlyStyle.WithTitle(chart, title);
    }

    /// <summary>The rows the chart shows, in the order the workers first started a task.</summary>
    internal static IReadOnlyList<TimelineRow> Rows(IReadOnlyList<TaskRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count == 0)
            throw new ArgumentException("The timeline is empty: run some work on the pool (for example Map) before drawing it.", nameof(runs));
        return runs
            .OrderBy(run => run.Start)
            .GroupBy(run => run.Worker)
            .Select(worker => new TimelineRow(
                $"worker {worker.Key}",
                worker.Select(run => run.Start.TotalMilliseconds).ToArray(),
                worker.Select(run => run.Duration.TotalMilliseconds).ToArray(),
                worker.Select(Hover).ToArray()))
            .ToArray();
    }

    static string Hover(TaskRun run) => string.Create(CultureInfo.InvariantCulture,
        $"{run.Items} {(run.Items == 1 ? "item" : "items")}, {run.Duration.TotalMilliseconds:0.##} ms{(run.Failed ? ", failed" : "")}");
}
