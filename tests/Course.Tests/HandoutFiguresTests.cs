using AngleSharp.Html.Parser;
using Course.Handouts;
using Multiprocessing;
using Multiprocessing.Measurements;
using Plotly.NET;

namespace Course.Tests;

/// <summary>
/// A figure's output on a page keeps its image, table and data and loses its own script (which would fetch plotly.js from a
/// CDN); an output that loads a script from outside, or draws with Plotly.NET's own HTML, is refused with the fix.
/// </summary>
public class HandoutFiguresTests
{
    internal static string FigureOutput(string title = "Tasks") => TimelineChart.For(
        [new TaskRun(4242, 2, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(6), false),
         new TaskRun(4343, 3, TimeSpan.FromMilliseconds(2), TimeSpan.FromMilliseconds(9), false)], title).ToHtml();

    [Fact]
    public void AFiguresOwnScriptGoesAndItsImageTableAndDataStay()
    {
        var original = FigureOutput();
        Assert.Contains("cdn.plot.ly", original);

        var (html, figures) = HandoutFigures.Prepare(original + "<p>after</p>");

        Assert.Equal(1, figures);
        var page = new HtmlParser().ParseDocument(html);
        var figure = Assert.Single(page.QuerySelectorAll($"div.{FigureHtmlClasses.Figure}"));
        Assert.Empty(figure.QuerySelectorAll($"script.{FigureHtmlClasses.Script}"));
        Assert.StartsWith("data:image/svg+xml;base64,", figure.QuerySelector($"img.{FigureHtmlClasses.Image}")!.GetAttribute("src"));
        Assert.NotNull(figure.QuerySelector("table"));
        Assert.Contains("\"type\":\"bar\"", figure.QuerySelector($"script.{FigureHtmlClasses.Data}")!.TextContent);
        Assert.DoesNotContain("cdn.plot.ly", html);
        Assert.Contains("<p>after</p>", html);
    }

    [Fact]
    public void AnOutputWithoutScriptsIsKeptAsItIs()
    {
        const string Table = "<table><tr><td>Threads</td></tr></table>";
        Assert.Equal((Table, 0), HandoutFigures.Prepare(Table));
    }

    [Fact]
    public void AScriptFromOutsideThePageIsRefused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => HandoutFigures.Prepare("<script src=\"https://example.org/w.js\"></script>"));
        Assert.StartsWith("An output loads a script from https://example.org/w.js", error.Message);
    }

    [Fact]
    public void AChartDrawnByPlotlyNetsOwnHtmlIsRefusedWithTheFix()
    {
        var plotlyNet = GenericChart.toChartHTML(Plotly.NET.CSharp.Chart.Column<int, string, string>(values: [3, 5], Keys: new[] { "threads", "processes" }));
        var error = Assert.Throws<InvalidOperationException>(() => HandoutFigures.Prepare(plotlyNet));
        Assert.Contains("Plotly.NET's own script", error.Message);
        Assert.Contains("TimelineChart.For", error.Message);
    }

    [Fact]
    public void TheInlinedPlotlyIsTheBasicBundleAtPlotlyNetsVersion()
    {
        Assert.Equal(Globals.PLOTLYJS_VERSION, PlotlyScript.Version);
        Assert.StartsWith("/**\n* plotly.js (basic - minified) v2.28.0", PlotlyScript.Source);
        Assert.InRange(PlotlyScript.Source.Length, 900_000, 1_100_000);
    }
}
