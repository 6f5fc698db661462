using Spectre.Console.Rendering;
using GenericChart = Plotly.NET.GenericChart;

namespace Multiprocessing.Measurements;

/// <summary>
/// A measurement drawn once, for every front end: its chart as plain values and its table. Each front end takes the form it
/// shows: <see cref="ToHtml"/> for a notebook or a page (a static image of the chart, the table, and a script that makes the
/// chart interactive where plotly.js can load), <see cref="ToString"/> for plain text, <see cref="ToTerminal"/> for a
/// terminal, <see cref="ToSvg"/> for the image alone, <see cref="ToPlotly"/> for the interactive chart.
/// </summary>
public sealed class Figure
{
    internal Figure(string title, FigureChart chart, FigureTable table, FigureBars? bars = null)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(chart);
        ArgumentNullException.ThrowIfNull(table);
        Title = title;
        Chart = chart;
        Table = table;
        Bars = bars;
    }

    /// <summary>What the figure shows, in one line of plain text, such as "Squares: 8 items, 2 workers".</summary>
    public string Title { get; }

    /// <summary>The chart's values and how to draw them.</summary>
    internal FigureChart Chart { get; }

    /// <summary>The numbers under the chart, formatted once for every form.</summary>
    internal FigureTable Table { get; }

    /// <summary>The values a terminal draws as bars, when the chart has a simple one-bar-per-row form.</summary>
    internal FigureBars? Bars { get; }

    /// <summary>Equivalent of <c>comparison.ToFigure()</c>.</summary>
    /// <exception cref="ArgumentNullException">Throws when <paramref name="comparison"/> is null.</exception>
    public static Figure Of(Comparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        return comparison.ToFigure();
    }

    /// <summary>Equivalent of <c>sweep.ToFigure()</c>.</summary>
    /// <exception cref="ArgumentNullException">Throws when <paramref name="sweep"/> is null.</exception>
    public static Figure Of(SweepResult sweep)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        return sweep.ToFigure();
    }

    /// <summary>The chart as an SVG document, drawn here from its values: it needs no script and no network.</summary>
    /// <exception cref="InvalidOperationException">Throws when the chart cannot be drawn.</exception>
    public string ToSvg() => ChartImage.Svg(Chart);

    /// <summary>The chart as an interactive Plotly.NET chart, for a page or notebook where plotly.js loads.</summary>
    public GenericChart ToPlotly() => Chart.Plotly();

    /// <summary>
    /// An HTML fragment every notebook front end shows, online or offline, trusted or not: the chart as an image
    /// (SVG in a <c>data:</c> URI), a line saying it becomes interactive where plotly.js can load, the table, and the
    /// script that swaps the image for the interactive chart there.
    /// </summary>
    public string ToHtml() => FigureHtml.Write(this);

    /// <summary>The title, the table as aligned text, and the notes under it.</summary>
    public override string ToString() => FigureText.Write(this);

    /// <summary>The table (and, for bars, a bar chart) as Spectre.Console draws them in a terminal.</summary>
    public IRenderable ToTerminal() => FigureTerminal.Write(this);
}
