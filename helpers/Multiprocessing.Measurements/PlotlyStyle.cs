using Microsoft.FSharp.Core;
using Plotly.NET.CSharp;
using GenericChart = Plotly.NET.GenericChart;

namespace Multiprocessing.Measurements;

/// <summary>
/// The few Plotly.NET settings the C# wrapper does not expose (error bars, per-bar bases, hover text), in one place.
/// Only chart methods call this, so loading the measurement types never loads Plotly.NET or its FSharp.Core.
/// </summary>
internal static class PlotlyStyle
{
    /// <summary>Sets one plotly.js trace attribute, such as <c>error_y</c> or <c>base</c>, on every trace of <paramref name="chart"/>.</summary>
    public static GenericChart SetOnTraces(GenericChart chart, string attribute, object value) =>
        GenericChart.mapTrace(FSharpFunc<Plotly.NET.Trace, Plotly.NET.Trace>.FromConverter(trace =>
        {
            trace.SetProperty(attribute, value);
            return trace;
        }), chart);

    /// <summary>Asymmetric error bars from explicit distances above and below each point.</summary>
    public static GenericChart WithYErrors(GenericChart chart, IReadOnlyList<double> plus, IReadOnlyList<double> minus) =>
        SetOnTraces(chart, "error_y", new Dictionary<string, object>
        {
            ["type"] = "data",
            ["symmetric"] = false,
            ["array"] = plus.ToArray(),
            ["arrayminus"] = minus.ToArray(),
        });

    /// <summary>Hover text per point, shown instead of the raw coordinates.</summary>
    public static GenericChart WithHoverText(GenericChart chart, IReadOnlyList<string> text) =>
        SetOnTraces(SetOnTraces(chart, "hovertext", text.ToArray()), "hoverinfo", "text+name");

    /// <summary>The chart's title; a <c>&lt;br&gt;&lt;sub&gt;</c> part becomes a smaller second line.</summary>
    public static GenericChart WithTitle(GenericChart chart, string title) =>
        Plotly.NET.Chart.withTitle(title, FSharpOption<Plotly.NET.Font>.None).Invoke(chart);

    /// <summary>Axis titles, a logarithmic x axis when asked, and a size.</summary>
    public static GenericChart WithAxes(GenericChart chart, string xTitle, string yTitle, bool logX = false, int width = 700, int height = 450, bool logY = false)
    {
        chart = logX
            ? chart.WithXAxisStyle<double, double, string>(TitleText: xTitle, AxisType: Plotly.NET.StyleParam.AxisType.Log)
            : chart.WithXAxisStyle<double, double, string>(TitleText: xTitle);
        chart = logY
            ? chart.WithYAxisStyle<double, double, string>(TitleText: yTitle, AxisType: Plotly.NET.StyleParam.AxisType.Log)
            : chart.WithYAxisStyle<double, double, string>(TitleText: yTitle);
        return chart.WithSize(Width: width, Height: height);
    }
}
