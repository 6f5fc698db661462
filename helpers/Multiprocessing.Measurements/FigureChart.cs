using GenericChart = Plotly.NET.GenericChart;

namespace Multiprocessing.Measurements;

/// <summary>
/// A figure's chart: its title (a <c>&lt;br&gt;&lt;sub&gt;</c> part is a smaller second line), its size, and the two ways
/// to draw the same values: interactive with Plotly.NET, and as a static image with OxyPlot.
/// </summary>
internal sealed class FigureChart(string title, int width, int height, Func<GenericChart> plotly, Func<OxyPlot.PlotModel> image)
{
    /// <summary>The title as Plotly writes it, such as "Squares&lt;br&gt;&lt;sub&gt;8 items, 2 workers&lt;/sub&gt;".</summary>
    public string Title { get; } = title;

    /// <summary>The width in pixels, the same for the image and the interactive chart.</summary>
    public int Width { get; } = width;

    /// <summary>The height in pixels.</summary>
    public int Height { get; } = height;

    /// <summary>The interactive chart.</summary>
    public GenericChart Plotly() => plotly();

    /// <summary>The static chart, for <see cref="ChartImage"/>.</summary>
    public OxyPlot.PlotModel Image() => image();

    /// <summary>The title's first line and its second (empty when there is none), without markup.</summary>
    public (string Title, string Subtitle) Lines()
    {
        var parts = Title.Split("<br>", 2);
        return (Plain(parts[0]), parts.Length > 1 ? Plain(parts[1]) : "");
    }

    static string Plain(string markup) => System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(markup, "<[^>]*>", "")).Trim();
}
