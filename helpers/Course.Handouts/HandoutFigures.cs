using AngleSharp.Html.Parser;
using Multiprocessing.Measurements;

namespace Course.Handouts;

/// <summary>
/// Readies a cell's HTML output for a page. A course figure (<see cref="Figure.ToHtml"/>) keeps its image, table and data and
/// loses its own script, which would fetch plotly.js from a CDN: the page's script (handout.js) draws every figure from its
/// data with the plotly.js inlined in the page, and print shows the image.
/// </summary>
internal static class HandoutFigures
{
    static readonly HtmlParser Parser = new();

    /// <summary>
    /// <paramref name="html"/> ready for a page, and how many figures it holds.
    /// Raises <see cref="InvalidOperationException"/> for a script loaded from outside the page, and for a chart drawn by
    /// Plotly.NET's own HTML (which loads plotly.js from a CDN), since either would leave the page broken offline.
    /// </summary>
    public static (string Html, int Figures) Prepare(string html)
    {
        if (!html.Contains("<script", StringComparison.OrdinalIgnoreCase))
            return (html, 0);
        var document = Parser.ParseDocument("");
        var body = document.Body!;
        body.InnerHtml = html;
        var figures = body.QuerySelectorAll($"div.{FigureHtmlClasses.Figure}").Where(figure => figure.QuerySelector($"script.{FigureHtmlClasses.Data}") is not null).ToList();
        foreach (var figure in figures)
            foreach (var script in figure.QuerySelectorAll($"script.{FigureHtmlClasses.Script}").ToList())
                script.Remove();
        foreach (var script in body.QuerySelectorAll("script").Where(script => !script.ClassList.Contains(FigureHtmlClasses.Data)))
        {
            if (script.GetAttribute("src") is { } source && IsExternal(source))
                throw new InvalidOperationException(
                    $"An output loads a script from {source}, which a handout opened offline cannot fetch. Show that output another way.");
            if (script.TextContent.Contains("Plotly", StringComparison.Ordinal))
                throw new InvalidOperationException(
                    "An output draws a chart with Plotly.NET's own script, which loads plotly.js from a CDN, so a handout cannot draw it offline. " +
                    "Show a measurement (Compare.Run, TimelineChart.For) instead: its figure carries an image and the chart's data.");
        }
        return (figures.Count == 0 ? html : body.InnerHtml, figures.Count);
    }

    static bool IsExternal(string url) =>
        url.StartsWith("//", StringComparison.Ordinal) || Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";
}
