using System.Text.Json.Nodes;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Course.Handouts;
using Multiprocessing.Measurements;

namespace Course.Tests;

/// <summary>
/// The sample notebook, run in the pinned kernel and exported: its page carries everything it needs, its figures draw from
/// their data with the one inlined plotly.js, and in headless Chromium every chart draws, offline and without errors, and prints as its image.
/// </summary>
[Collection("Kernel")]
public class HandoutSampleTests(HandoutSampleExport export) : IClassFixture<HandoutSampleExport>
{
    static readonly string[] RequireAndCdn = ["requirejs", "require.js", "cdn.plot.ly", "cdnjs", "renderPlotly"];

    static IDocument Parse(string path) => new HtmlParser().ParseDocument(File.ReadAllText(path));

    /// <summary>The figures the kernel showed for the sample: each carries its chart's data.</summary>
    int ChartOutputs() => export.Result.Runs.Single().Document.Elements
        .Select(Samples.Html).Sum(html => html.Split($"class=\"{FigureHtmlClasses.Data}\"").Length - 1);

    [Fact]
    public void TheSamplesPageAndAnIndexAreWritten()
    {
        Assert.Equal(Path.Combine(export.Folder, "kernel-sample.html"), export.Page);
        var index = Parse(export.Result.Index!);
        var link = Assert.Single(index.QuerySelectorAll("table.lessons a"));
        Assert.Equal(("kernel-sample.html", "Kernel sample"), (link.GetAttribute("href"), link.TextContent));
        Assert.Contains($"{Environment.ProcessorCount} cores", index.QuerySelector(".measured")!.TextContent);
        Assert.Matches(@"\d{4}-\d\d-\d\d \d\d:\d\d UTC", index.QuerySelector(".measured")!.TextContent);
    }

    [Fact]
    public void NothingIsLoadedFromOutsideThePage()
    {
        foreach (var path in export.AllPages)
        {
            var page = Parse(path);
            Assert.Empty(page.QuerySelectorAll("link, script[src], iframe, object, embed"));
            foreach (var element in page.QuerySelectorAll("[src]"))
                Assert.StartsWith("data:", element.GetAttribute("src"));
            foreach (var element in page.QuerySelectorAll("[href]"))
            {
                var href = element.GetAttribute("href")!;
                var inProse = element.LocalName == "a" && element.Closest(".cell.markdown") is not null;
                Assert.True(inProse || href.StartsWith('#') || File.Exists(Path.Combine(export.Folder, Uri.UnescapeDataString(href))),
                    $"{Path.GetFileName(path)} links to {href} outside prose");
            }
            foreach (var style in page.QuerySelectorAll("style"))
            {
                Assert.DoesNotContain("@import", style.TextContent);
                Assert.DoesNotMatch(@"url\(\s*['""]?(https?:)?//", style.TextContent);
            }
        }
    }

    [Fact]
    public void PlotlyIsInlinedOnceOnThePageWithChartsAndNotOnTheIndex()
    {
        var scripts = Parse(export.Page).QuerySelectorAll("script");
        var plotly = Assert.Single(scripts, script => script.TextContent.Contains("plotly.js (basic - minified) v"));
        Assert.Equal(LessonPage.PlotlyScriptId, plotly.Id);
        Assert.Equal(PlotlyScript.Source, plotly.TextContent.Trim('\n'));
        Assert.Equal(1, File.ReadAllText(export.Page).Split("* plotly.js (basic - minified) v" + PlotlyScript.Version).Length - 1);
        Assert.Empty(Parse(export.Result.Index!).QuerySelectorAll("script"));
    }

    [Fact]
    public void EveryFigureKeepsItsImageAndDataAndLosesItsOwnScript()
    {
        var page = Parse(export.Page);
        var figures = page.QuerySelectorAll($"div.{FigureHtmlClasses.Figure}");

        Assert.Equal(2, ChartOutputs()); // the sample's timeline and its Compare.Run
        Assert.Equal(ChartOutputs(), figures.Length);
        foreach (var figure in figures)
        {
            Assert.Empty(figure.QuerySelectorAll($"script.{FigureHtmlClasses.Script}"));
            Assert.StartsWith("data:image/svg+xml;base64,", figure.QuerySelector($"img.{FigureHtmlClasses.Image}")!.GetAttribute("src"));
            var data = JsonNode.Parse(figure.QuerySelector($"script.{FigureHtmlClasses.Data}")!.TextContent)!.AsObject();
            Assert.Equal(["data", "layout", "config"], data.Select(p => p.Key));
            Assert.NotEmpty(data["data"]!.AsArray());
        }

        // Everything but plotly.js itself, whose defaults name its CDN: every text and every attribute.
        var outsidePlotly = string.Join("\n",
            page.GetDescendants().OfType<IText>().Where(text => text.ParentElement?.Id != LessonPage.PlotlyScriptId).Select(text => text.Data)
                .Concat(page.All.SelectMany(element => element.Attributes).Select(attribute => attribute.Value)));
        foreach (var gone in RequireAndCdn)
            Assert.DoesNotContain(gone, outsidePlotly);
    }

    [Fact]
    public void CodeIsHighlightedAndOutputsKeepTheirKind()
    {
        var page = Parse(export.Page);
        var cell = page.GetElementById("cell-4")!; // record Point, static methods
        Assert.Contains(cell.QuerySelectorAll("pre.code span[class]"), span => span.TextContent == "record");
        Assert.Contains(cell.QuerySelectorAll("pre.code span[class]"), span => span.TextContent == "static");
        Assert.Contains("cubes: 1,8,27", page.GetElementById("cell-5")!.QuerySelector("pre.output.stdout")!.TextContent);
        Assert.NotNull(page.GetElementById("cell-11")!.QuerySelector(".output.html table"));
        Assert.Equal("Kernel sample", page.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task EveryChartDrawsInChromium()
    {
        var (visits, _) = await export.BrowseAsync();
        var lesson = visits.Single(v => v.Page == export.Page);
        Assert.Equal(ChartOutputs(), lesson.Charts);
        Assert.Equal(lesson.Charts, lesson.DrawnCharts);
    }

    [Fact]
    public async Task NoPageLogsAConsoleError()
    {
        var (visits, _) = await export.BrowseAsync();
        Assert.All(visits, visit => Assert.Empty(visit.Errors));
    }

    [Fact]
    public async Task NoRequestLeavesTheFile()
    {
        var (visits, _) = await export.BrowseAsync();
        foreach (var visit in visits)
        {
            Assert.Contains(new Uri(visit.Page).AbsoluteUri, visit.Requests); // the page itself: requests are being seen
            // blob: URLs are plotly's own, made in the page when it renders a chart to an image.
            Assert.All(visit.Requests, url => Assert.Matches("^(file|data|blob):", url));
        }
    }

    [Fact]
    public async Task PrintShowsEachChartAsAnImageAndNoNavigation()
    {
        var (_, print) = await export.BrowseAsync();
        Assert.Equal(ChartOutputs(), print.ChartImages);
        Assert.Equal(0, print.LiveCharts);
        Assert.Equal(0, print.Chrome);
        Assert.True(print.Pdf.Length > 20_000, $"the PDF is only {print.Pdf.Length} bytes");
    }

    [Fact]
    public async Task AScreenshotOfThePageIsKept()
    {
        await export.BrowseAsync();
        var png = File.ReadAllBytes(HandoutSampleExport.Screenshot);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        Assert.True(png.Length > 50_000, $"the screenshot is only {png.Length} bytes");
        Assert.True(File.GetLastWriteTimeUtc(HandoutSampleExport.Screenshot) > File.GetLastWriteTimeUtc(export.Page));
    }
}
