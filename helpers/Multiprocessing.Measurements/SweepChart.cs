using System.Globalization;
using Plotly.NET.CSharp;
using GenericChart = Plotly.NET.GenericChart;

namespace Multiprocessing.Measurements;

/// <summary>
/// Draws a <see cref="SweepResult"/> against the varied setting on a log axis, one line per mode:
/// speedups with the ideal dashed, or, for a chunksize sweep, median times.
/// </summary>
internal static class SweepChart
{
    /// <summary>The values the chart shows.</summary>
    public static SweepChartData Data(SweepResult sweep)
    {
        var lines = new List<SweepLine>();
        foreach (var mode in Enum.GetValues<RunMode>())
        {
            var points = sweep.Points.Where(p => p.Mode == mode).OrderBy(p => p.Setting).ToArray();
            if (points.Length > 0)
                lines.Add(new SweepLine(mode.Name(), points.Select(p => (double)p.Setting).ToArray(),
                    points.Select(p => sweep.ShowsTimes ? p.Median.TotalMilliseconds : p.Speedup).ToArray(), Dashed: false));
        }
        bool byWorkers = sweep.Varied == SweepResult.WorkersVaried;
        var subtitle = $"<br><sub>{(byWorkers ? $"{sweep.Items} items" : $"{sweep.Workers} workers")} · {sweep.Machine}</sub>";
        if (sweep.ShowsTimes)
            return new SweepChartData(sweep.Varied, $"{sweep.Title}: time by {sweep.Varied}{subtitle}", "median ms (log scale; lower is faster)", LogY: true, lines);
        var sizes = sweep.Points.Select(p => (double)p.Setting).Distinct().Order().ToArray();
        if (byWorkers)
            lines.Add(new SweepLine("ideal: a core per worker, up to the cores", sizes, sizes.Select(s => sweep.IdealAt((int)s).Speedup).ToArray(), Dashed: true));
        else if (sizes.Length > 0)
        {
            double ideal = sweep.IdealSpeedup;
            lines.Add(new SweepLine($"ideal: {sweep.Ideal} faster",
                [sizes[0], sizes[^1]], [ideal, ideal], Dashed: true));
        }
        return new SweepChartData(sweep.Varied, $"{sweep.Title}: speedup by {sweep.Varied}{subtitle}", "speedup (× faster than sequential)", LogY: false, lines);
    }

    /// <summary>The plotly chart of <paramref name="data"/>.</summary>
    public static GenericChart Build(SweepChartData data)
    {
        var charts = data.Lines.Select(line => line.Dashed
            ? Chart.Line<double, double, string>(x: line.Settings, y: line.Values, Name: line.Name, LineDash: Plotly.NET.StyleParam.DrawingStyle.Dash)
            : Chart.Line<double, double, string>(x: line.Settings, y: line.Values, Name: line.Name, ShowMarkers: true)).ToList();
        var chart = PlotlyStyle.WithAxes(Chart.Combine(charts), data.Varied, data.YTitle, logX: true, logY: data.LogY);
        return PlotlyStyle.WithTitle(chart, data.Title);
    }
}
