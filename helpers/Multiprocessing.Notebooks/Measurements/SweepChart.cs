using System.Globalization;
using Plotly.NET.CSharp;
using GenericChart = Plotly.NET.GenericChart;

namespace Multiprocessing.Measurements;

/// <summary>Draws a <see cref="SweepResult"/>: speedup against work per item on a log axis, one line per mode, and the ideal dashed.</summary>
internal static class SweepChart
{
    /// <summary>The values the chart shows.</summary>
    public static SweepChartData Data(SweepResult sweep)
    {
        var lines = new List<SweepLine>();
        foreach (var mode in Enum.GetValues<RunMode>())
        {
            var points = sweep.Points.Where(p => p.Mode == mode).OrderBy(p => p.WorkPerItem).ToArray();
            if (points.Length > 0)
                lines.Add(new SweepLine(mode.Name(), points.Select(p => (double)p.WorkPerItem).ToArray(), points.Select(p => p.Speedup).ToArray(), Dashed: false));
        }
        var sizes = sweep.Points.Select(p => (double)p.WorkPerItem).Distinct().Order().ToArray();
        if (sizes.Length > 0)
        {
            double ideal = sweep.IdealSpeedup;
            lines.Add(new SweepLine(string.Create(CultureInfo.InvariantCulture, $"ideal: {ideal}× faster"),
                [sizes[0], sizes[^1]], [ideal, ideal], Dashed: true));
        }
        return new SweepChartData($"{sweep.Title}: speedup by work per item<br><sub>{sweep.Workers} workers · {sweep.Machine}</sub>", lines);
    }

    /// <summary>The plotly chart of <paramref name="data"/>.</summary>
    public static GenericChart Build(SweepChartData data)
    {
        var charts = data.Lines.Select(line => line.Dashed
            ? Chart.Line<double, double, string>(x: line.WorkPerItem, y: line.Speedup, Name: line.Name, LineDash: Plotly.NET.StyleParam.DrawingStyle.Dash)
            : Chart.Line<double, double, string>(x: line.WorkPerItem, y: line.Speedup, Name: line.Name, ShowMarkers: true)).ToList();
        var chart = PlotlyStyle.WithAxes(Chart.Combine(charts), "work per item", "speedup (× faster than sequential)", logX: true);
        return PlotlyStyle.WithTitle(chart, data.Title);
    }
}
