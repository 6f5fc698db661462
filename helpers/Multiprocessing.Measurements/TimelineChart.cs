using System.Globalization;
using Plotly.NET.CSharp;
using GenericChart = Plotly.NET.GenericChart;

namespace Multiprocessing.Measurements;

/// <summary>Draws a pool's <see cref="WorkerPool.Timeline"/>: one row per worker, one bar per task from its start to its end.</summary>
public static class TimelineChart
{
    /// <summary>Equivalent of <c>For(pool.Timeline, title)</c>.</summary>
    /// <exception cref="ArgumentNullException">Throws when <paramref name="pool"/> or <paramref name="title"/> is null.</exception>
    /// <exception cref="ArgumentException">Throws when the pool has run no task yet.</exception>
    public static GenericChart For(WorkerPool pool, string title)
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
    public static GenericChart For(IEnumerable<ChildProcess> children, string title)
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
    /// <exception cref="ArgumentNullException">Throws when <paramref name="runs"/> or <paramref name="title"/> is null.</exception>
    /// <exception cref="ArgumentException">Throws when there are no runs.</exception>
    public static GenericChart For(IReadOnlyList<TaskRun> runs, string title) => Draw(runs, title, "ms since the pool was created");

    static GenericChart Draw(IReadOnlyList<TaskRun> runs, string title, string axis)
    {
        ArgumentNullException.ThrowIfNull(title);
        var rows = Rows(runs);
        var bars = rows.Select(row => PlotlyStyle.WithHoverText(
            PlotlyStyle.SetOnTraces(
                Chart.Bar<double, string, string>(values: row.DurationMs, Keys: row.StartMs.Select(_ => row.Worker).ToArray(), Name: row.Worker),
                "base", row.StartMs.ToArray()),
            row.Hover)).ToList();
        var chart = PlotlyStyle.WithAxes(Chart.Combine(bars), axis, "", height: 160 + 40 * rows.Count);
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
