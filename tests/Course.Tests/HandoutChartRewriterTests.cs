using System.Text.Json.Nodes;
using AngleSharp.Html.Parser;
using Course.Handouts;
using Microsoft.FSharp.Core;
using Plotly.NET;

namespace Course.Tests;

/// <summary>
/// Chart outputs, as Plotly.NET writes them for Plotly.NET.Interactive (requirejs from a CDN) and for the course's
/// Comparison and SweepResult (<c>toChartHTML</c>, a global Plotly), become JSON the page draws from its inlined plotly.js.
/// </summary>
public class HandoutChartRewriterTests
{
    static GenericChart Column() =>
        Plotly.NET.CSharp.Chart.Column<int, string, string>(values: [3, 5], Keys: new[] { "threads", "processes" });

    /// <summary>The HTML Plotly.NET.Interactive 6.0.0 shows for a chart: it asks requirejs for plotly 2.28.0 from the CDN.</summary>
    static string InteractiveOutput() => GenericChart.toChartHTML(Chart.withDisplayOptions(DisplayOptions.init(
        null, null, null, null, null, null,
        new FSharpOption<PlotlyJSReference>(PlotlyJSReference.NewRequire("https://cdn.plot.ly/plotly-2.28.0.min")))).Invoke(Column()));

    /// <summary>The HTML the course's Comparison.ToHtml and SweepResult.ToHtml start with.</summary>
    static string GlueOutput() => GenericChart.toChartHTML(Column()) + "<table><tr><td>Threads</td></tr></table>";

    public static TheoryData<string> ChartOutputs => new() { "interactive", "glue" };

    static string Output(string kind) => kind == "interactive" ? InteractiveOutput() : GlueOutput();

    [Theory]
    [MemberData(nameof(ChartOutputs))]
    public void AChartScriptBecomesItsDataLayoutAndConfig(string kind)
    {
        var original = Output(kind);
        Assert.Contains("Plotly.newPlot", original); // the generator still writes what the rewriter reads

        var (html, charts) = ChartRewriter.Rewrite(original);

        Assert.Equal(1, charts);
        var fragment = new HtmlParser().ParseDocument(html);
        var chart = Assert.Single(fragment.QuerySelectorAll($"div.{ChartRewriter.ChartClass}"));
        var spec = Assert.Single(fragment.QuerySelectorAll($"script.{ChartRewriter.SpecClass}"));
        Assert.Equal("application/json", spec.GetAttribute("type"));
        Assert.Equal(chart.Id, spec.GetAttribute("data-chart"));
        var figure = JsonNode.Parse(spec.TextContent)!;
        Assert.Equal("[3,5]", figure["data"]![0]!["y"]!.ToJsonString());
        Assert.Equal(600, (int)figure["layout"]!["width"]!);
        Assert.True((bool)figure["config"]!["responsive"]!);
        Assert.Single(fragment.QuerySelectorAll("script")); // the generator's script is gone
    }

    [Theory]
    [MemberData(nameof(ChartOutputs))]
    public void NothingOfRequirejsOrTheCdnIsLeft(string kind)
    {
        var (html, _) = ChartRewriter.Rewrite(Output(kind));

        foreach (var gone in new[] { "requirejs", "require.js", "cdn.plot.ly", "cdnjs", "renderPlotly", "Plotly.newPlot", "https://" })
            Assert.DoesNotContain(gone, html);
    }

    [Fact]
    public void TheRestOfTheOutputIsKept()
    {
        var (html, _) = ChartRewriter.Rewrite(GlueOutput());
        Assert.Contains("<table><tbody><tr><td>Threads</td></tr></tbody></table>", html);
    }

    [Fact]
    public void HtmlWithoutAChartIsLeftExactlyAsItWas()
    {
        const string table = "<table><tr><td>1 &lt; 2</td></tr></table><script>console.log('kept')</script>";
        Assert.Equal((table, 0), ChartRewriter.Rewrite(table));
    }

    [Fact]
    public void MarkupInChartTextSurvivesAsText()
    {
        // Titles carry plotly's own markup, as the course's charts do ("<br><sub>2 workers</sub>").
        var chart = Plotly.NET.CSharp.Chart.Column<int, string, string>(values: [1], Keys: new[] { "a < b & c" });
        chart = Chart.withTitle("Squares<br><sub>2 workers</sub>", FSharpOption<Font>.None).Invoke(chart);
        var (html, _) = ChartRewriter.Rewrite(GenericChart.toChartHTML(chart));

        var spec = new HtmlParser().ParseDocument(html).QuerySelector($"script.{ChartRewriter.SpecClass}")!;
        Assert.DoesNotContain("<", spec.InnerHtml); // written as \u003C, so no "</script" can ever end the element early
        var figure = JsonNode.Parse(spec.TextContent)!;
        Assert.Equal("a < b & c", (string)figure["data"]![0]!["x"]![0]!);
        Assert.Equal("Squares<br><sub>2 workers</sub>", (string)figure["layout"]!["title"]!["text"]!);
    }

    [Fact]
    public void AScriptFromTheWebIsRefusedSayingWhy()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ChartRewriter.Rewrite("<script src=\"https://example.org/widget.js\"></script>"));
        Assert.Contains("loads a script from https://example.org/widget.js", error.Message);
    }

    [Fact]
    public void AChartScriptOfAnUnknownFormIsRefusedRatherThanLeftBroken()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            ChartRewriter.Rewrite("<div id=\"c\"></div><script>Plotly.newPlot('c', [{\"y\": [1]}], {});</script>"));
        Assert.Contains("does not know", error.Message);
        Assert.Contains("update ChartRewriter", error.Message);
    }
}
