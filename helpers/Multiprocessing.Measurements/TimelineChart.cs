using System.Globalization;
using Plotly.NET.CSharp;
using GenericChart = Plotly.NET.GenericChart;

namespace Multiprocessing.Measurements;

/// <summary>
/// Draws a pool's <see cref="WorkerPool.Timeline"/>: one row per worker, one bar per task from its start to its end, as a
/// <see cref="Figure"/> (an image that shows everywhere, interactive where plotly.js loads) with a table of the workers.
/// </summary>
public static class TimelineChart
{
    /// <summary>Equivalent of <c>For(pool.Timeline, title)</c>.</summary>
    /// <exception cref="ArgumentNullException">Throws when <paramref name="pool"/> or <paramref name="title"/> is null.</exception>
    /// <exception cref="ArgumentException">Throws when the pool has run no task yet.</exception>
    public static Figure For(WorkerPool pool, string title)
    {
        ArgumentNullException.ThrowIfNull(pool);
        return For(pool.Timeline, title);
    }

    /// <summary>
    /// The lifetimes of <paramref name="children"/>, one row per process, from <see cref="ChildProcess.StartTime"/>
    /// to <see cref="ChildProcess.ExitTime"/>.
    /// </summary>
    /// <exception cref="ArgumentNullException">Throws when <paramref name="children"/> or <paramref name="title"/> is null.</exception>
    /// <exception cref="ArgumentException">Throws when a child has not been started and joined, or there are none.</exception>
    public static Figure For(IEnumerable<ChildProcess> children, string title)
    {
        ArgumentNullException.ThrowIfNull(children);
        return Draw(Lifetimes(children.ToArray()), title, "ms since the first process started");
    }

    /// <summary>Each child's lifetime as a one-item task, measured from the first start.</summary>
    internal static IReadOnlyList<TaskRun> Lifetimes(IReadOnlyList<ChildProcess> children)
    {
        var unfinished = children.FirstOrDefault(child => child.StartTime is null || child.ExitTime is null);
        if (unfinished is not null)
            throw new ArgumentException(
                $"{unfinished.Name} has {(unfinished.StartTime is null ? "not been started" : "not ended")}; Start() and Join() every process before drawing the timeline.",
                nameof(children));
        if (children.Count == 0)
            return [];
        var origin = children.Min(child => child.StartTime!.Value);
        return children
            .Select(child => new TaskRun(child.Pid!.Value, 1, child.StartTime!.Value - origin, child.ExitTime!.Value - origin, child.ExitCode != 0))
            .ToArray();
    }

    /// <summary>A chart of <paramref name="runs"/>, one row per worker.</summary>
    /// <param name="runs">The tasks to draw; their times count from a pool's creation unless <paramref name="axis"/> says otherwise.</param>
    /// <param name="title">The chart's title.</param>
    /// <param name="axis">What the time axis counts from, such as "ms since the map's first call" for runs shifted to start there.</param>
    /// <exception cref="ArgumentNullException">Throws when <paramref name="runs"/>, <paramref name="title"/> or <paramref name="axis"/> is null.</exception>
    /// <exception cref="ArgumentException">Throws when there are no runs.</exception>
    public static Figure For(IReadOnlyList<TaskRun> runs, string title, string axis = "ms since the pool was created")
    {
        ArgumentNullException.ThrowIfNull(axis);
        return Draw(runs, title, axis);
    }

    static Figure Draw(IReadOnlyList<TaskRun> runs, string title, string axis)
    {
        ArgumentNullException.ThrowIfNull(title);
        var data = new TimelineChartData(title, axis, Rows(runs));
        var chart = new FigureChart(title, 700, Height(data.Rows.Count), () => Build(data), () => TimelineImage.Draw(data));
        // The same grouping and order as Rows.
        var workers = runs.OrderBy(run => run.Start).GroupBy(run => run.Worker).ToArray();
        var failed = runs.Any(run => run.Failed);
        IReadOnlyList<string> headers = ["worker", "tasks", "items", "busy ms", "first start ms", "last end ms", .. failed ? new[] { "failed" } : []];
        var rows = data.Rows.Zip(workers, (row, tasks) =>
        {
            IReadOnlyList<string> cells =
            [
                row.Worker, tasks.Count().ToString(CultureInfo.InvariantCulture), tasks.Sum(t => t.Items).ToString(CultureInfo.InvariantCulture),
                Ms(row.DurationMs.Sum()), Ms(row.StartMs.Min()), Ms(row.StartMs.Zip(row.DurationMs, (start, length) => start + length).Max()),
                .. failed ? new[] { tasks.Count(t => t.Failed).ToString(CultureInfo.InvariantCulture) } : [],
            ];
            return cells;
        }).ToArray();
        var table = new FigureTable(headers, rows, [$"Times in {axis}."]);
        var bars = new FigureBars("busy ms", data.Rows.Select(row => row.Worker).ToArray(), data.Rows.Select(row => Math.Round(row.DurationMs.Sum(), 1)).ToArray(),
            Enumerable.Range(0, data.Rows.Count).ToArray());
        return new Figure(chart.Lines().Title, chart, table, bars);
    }

    /// <summary>The interactive chart of <paramref name="data"/>: a horizontal bar trace per worker, each bar from its task's start.</summary>
    internal static GenericChart Build(TimelineChartData data)
    {
        var bars = data.Rows.Select(row => PlotlyStyle.WithHoverText(
            PlotlyStyle.SetOnTraces(
                Chart.Bar<double, string, string>(values: row.DurationMs, Keys: row.StartMs.Select(_ => row.Worker).ToArray(), Name: row.Worker),
                "base", row.StartMs.ToArray()),
            row.Hover)).ToList();
        var chart = PlotlyStyle.WithAxes(Chart.Combine(bars), data.Axis, "", height: Height(data.Rows.Count));
        return PlotlyStyle.WithTitle(chart, data.Title);
    }

    static int Height(int rows) => 160 + 40 * rows;

    static string Ms(double ms) => ms.ToString(ms < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture);

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
