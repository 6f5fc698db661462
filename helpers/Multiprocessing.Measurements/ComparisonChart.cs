using System.Globalization;
using Plotly.NET.CSharp;
using GenericChart = Plotly.NET.GenericChart;

namespace Multiprocessing.Measurements;

/// <summary>Draws a <see cref="Comparison"/>: a column per mode at its median, min–max error bars, speedup labels, and a dashed ideal line.</summary>
internal static class ComparisonChart
{
    public const string MediansName = "median";

    /// <summary>The values the chart shows.</summary>
    public static ComparisonChartData Data(Comparison comparison)
    {
        var rows = comparison.Rows;
        var ideal = comparison.Ideal;
        return new ComparisonChartData(
            Title: $"{comparison.Title}<br><sub>{comparison.Scale} · {comparison.Machine}</sub>",
            Modes: rows.Select(r => r.Mode.Name()).ToArray(),
            MedianMs: rows.Select(r => r.MedianMs).ToArray(),
            ErrorPlusMs: rows.Select(r => r.MaxMs - r.MedianMs).ToArray(),
            ErrorMinusMs: rows.Select(r => r.MedianMs - r.MinMs).ToArray(),
            Labels: rows.Select(r => r.Mode == RunMode.Sequential ? "baseline" : SpeedupLabel(r.Speedup)).ToArray(),
            IdealName: ideal is null ? "" : $"ideal: {ideal} faster",
            // An overhead has no ideal, so the chart draws no line.
            IdealModes: ideal is null ? [] : rows.Where(r => r.Mode != RunMode.Sequential).Select(r => r.Mode.Name()).ToArray(),
            IdealMs: ideal is null ? 0 : comparison.Timing(RunMode.Sequential).Median.TotalMilliseconds / ideal.Speedup);
    }

    /// <summary>"1.9× faster", or below 1 the slowdown: "1.03× slower", "3.3× slower", "174× slower" (never "1× slower").</summary>
    public static string SpeedupLabel(double speedup)
    {
        if (speedup >= 1)
            return string.Create(CultureInfo.InvariantCulture, $"{speedup:0.0#}× faster");
        double slowdown = 1 / speedup;
        // Two decimals near 1, so a small slowdown does not round to "1× slower".
        return slowdown.ToString(slowdown >= 10 ? "0" : slowdown >= 2 ? "0.#" : "0.0#", CultureInfo.InvariantCulture) + "× slower";
    }

    /// <summary>The plotly chart of <paramref name="data"/>.</summary>
    public static GenericChart Build(ComparisonChartData data)
    {
        var columns = Chart.Column<double, string, string>(
            values: data.MedianMs, Keys: data.Modes.ToArray(), Name: MediansName, MultiText: data.Labels.ToArray(),
            TextPosition: Plotly.NET.StyleParam.TextPosition.Outside);
        columns = PlotlyStyle.WithYErrors(columns, data.ErrorPlusMs, data.ErrorMinusMs);
        var charts = new List<GenericChart> { columns };
        if (data.IdealModes.Count > 0)
            charts.Add(Chart.Line<string, double, string>(
                x: data.IdealModes, y: data.IdealModes.Select(_ => data.IdealMs).ToArray(),
                Name: data.IdealName, LineDash: Plotly.NET.StyleParam.DrawingStyle.Dash, ShowMarkers: true));
        var chart = PlotlyStyle.WithAxes(Chart.Combine(charts), "", "median ms (bars: min to max)");
        return PlotlyStyle.WithTitle(chart, data.Title);
    }
}
