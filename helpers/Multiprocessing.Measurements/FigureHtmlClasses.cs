namespace Multiprocessing.Measurements;

/// <summary>
/// The HTML classes of a figure's fragment (<see cref="Figure.ToHtml"/>), for a page that lays figures out again: the
/// course's handouts keep each figure's image, table and data, drop its script, and draw the chart from its data.
/// </summary>
public static class FigureHtmlClasses
{
    /// <summary>The class of a figure's outer element; its id is <c>mp-figure-…</c>.</summary>
    public const string Figure = "mp-figure";

    /// <summary>The class of the chart's static image.</summary>
    public const string Image = "mp-figure-image";

    /// <summary>The class of the line saying the chart becomes interactive where plotly.js loads.</summary>
    public const string Note = "mp-figure-note";

    /// <summary>The class of the <c>application/json</c> script element holding the chart's data, layout and config.</summary>
    public const string Data = "mp-figure-data";

    /// <summary>The class of the script that loads plotly.js and draws the interactive chart.</summary>
    public const string Script = "mp-figure-script";

    /// <summary>The class of the element the interactive chart is drawn in.</summary>
    public const string Plot = "mp-figure-plot";
}
