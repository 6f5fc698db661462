using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Spectre.Console;

namespace Multiprocessing.Measurements.Tests;

/// <summary>
/// One figure per measurement, for every front end: the static image is an SVG drawn from the chart's values, the HTML carries
/// it in a data: URI with the table and the chart's data, and the text and terminal forms show the same table.
/// </summary>
public class FigureTests
{
    static readonly MachineInfo TwoCores = new(2, "Linux 6.8.0", ".NET 10.0.0");

    static Comparison Sample(bool withCores = false) => new("Squares", 2, 8,
        [
            Timing(RunMode.Sequential, [8, 10, 12], withCores ? 1.0 : null),
            Timing(RunMode.Threads, [5, 5.5, 6], withCores ? 1.9 : null),
            Timing(RunMode.Processes, [40, 30, 45], withCores ? 1.2 : null),
        ],
        TwoCores,
        new Dictionary<RunMode, IReadOnlyList<TaskRun>>
        {
            [RunMode.Processes] =
            [
                new TaskRun(4242, 4, Ms(10), Ms(22.5), false),
                new TaskRun(4343, 4, Ms(11), Ms(20), false),
                new TaskRun(4242, 3, Ms(23), Ms(30), true),
            ],
        });

    static SweepResult Sweep() => new("Tiny", "chunksize", 2, TwoCores,
    [
        new SweepPoint(1, RunMode.Sequential, Ms(2), 1), new SweepPoint(1, RunMode.Processes, Ms(500), 0.004),
        new SweepPoint(100, RunMode.Sequential, Ms(2), 1), new SweepPoint(100, RunMode.Processes, Ms(10), 0.2),
    ], showsTimes: true);

    static TimeSpan Ms(double ms) => TimeSpan.FromMilliseconds(ms);

    /// <summary>A timing whose CPU time, when <paramref name="cores"/> is given, kept that many cores busy.</summary>
    static ModeTiming Timing(RunMode mode, double[] ms, double? cores) =>
        new(mode, ms.Select(Ms).ToArray(), cores is { } c ? ms.Select(m => Ms(m * c)).ToArray() : null);

    /// <summary>Every text element of an SVG.</summary>
    static string[] Texts(string svg) => [.. XDocument.Parse(svg).Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value)];

    static IEnumerable<Figure> EveryKind() =>
        [Sample().ToFigure(), Sample().TimelineChart(RunMode.Processes), Sweep().ToFigure(), TimelineChart.For(Sample().Timeline(RunMode.Processes), "Tasks")];

    [Fact]
    public void TheComparisonsImageHasTheTitleModesLabelsAndIdeal()
    {
        var svg = Sample().ToFigure().ToSvg();
        var root = XDocument.Parse(svg).Root!;
        Assert.Equal(("700", "450"), ((string?)root.Attribute("width"), (string?)root.Attribute("height")));
        var texts = Texts(svg);
        Assert.Contains("Squares", texts);
        Assert.Contains("8 items, 2 workers · 2 cores, Linux 6.8.0, .NET 10.0.0", texts);
        foreach (var expected in new[] { "Sequential", "Threads", "Processes", "baseline", "1.82× faster", "4× slower", "ideal: 2× faster", "median ms (bars: min to max)" })
            Assert.Contains(expected, texts);
        // Plotly's colours, so the image and the interactive chart look alike; white paper in every theme.
        Assert.Contains("rgb(99,110,250)", svg);
        Assert.Contains("fill:rgb(255,255,255)", svg);
    }

    [Fact]
    public void EveryKindOfFigureDrawsAnImageWithoutAnError()
    {
        foreach (var figure in EveryKind())
        {
            var svg = figure.ToSvg();
            Assert.DoesNotContain("OxyPlot exception", svg);
            Assert.DoesNotContain("<!DOCTYPE", svg);
            Assert.True(Texts(svg).Length > 5, figure.Title);
        }
    }

    [Fact]
    public void TheTimelinesImageHasARowPerWorker()
    {
        var texts = Texts(Sample().TimelineChart(RunMode.Processes).ToSvg());
        Assert.Contains("worker 4242", texts);
        Assert.Contains("worker 4343", texts);
        Assert.Contains("ms since the pool was created", texts);
        Assert.Contains("Squares: Processes timeline", texts);
    }

    [Fact]
    public void TheHtmlCarriesTheImageTheTableTheDataAndTheScript()
    {
        var html = Sample().ToHtml();
        var image = Regex.Match(html, "<img class=\"mp-figure-image\" alt=\"Chart: Squares\" width=\"700\" height=\"450\"[^>]* src=\"data:image/svg\\+xml;base64,(?<svg>[A-Za-z0-9+/=]+)\">");
        Assert.True(image.Success, html[..300]);
        Assert.Contains("1.82× faster", Texts(Encoding.UTF8.GetString(Convert.FromBase64String(image.Groups["svg"].Value))));
        Assert.Contains("becomes interactive where plotly.js can load", html);
        Assert.Contains("<th>speedup</th>", html);
        var data = Regex.Match(html, "<script type=\"application/json\" class=\"mp-figure-data\">(?<json>.*?)</script>", RegexOptions.Singleline).Groups["json"].Value;
        var figure = JsonNode.Parse(data)!.AsObject();
        Assert.Equal(["data", "layout", "config"], figure.Select(p => p.Key));
        Assert.Equal("[10.0,5.5,40.0]", figure["data"]![0]!["y"]!.ToJsonString());
        Assert.DoesNotContain("<", data); // escaped, so the JSON cannot end its script element
        var id = Regex.Match(html, "<div class=\"mp-figure\" id=\"(?<id>mp-figure-[0-9a-f]{32})\">").Groups["id"].Value;
        Assert.Contains($"document.getElementById('{id}')", html);
        Assert.NotEqual(id, Regex.Match(Sample().ToHtml(), "id=\"(mp-figure-[0-9a-f]{32})\"").Groups[1].Value);
    }

    [Fact]
    public void TextAndHtmlShowTheSameCells()
    {
        var figure = Sample(withCores: true).ToFigure();
        var text = figure.ToString();
        var html = System.Net.WebUtility.HtmlDecode(figure.ToHtml());
        foreach (var cell in new[] { "Sequential", "10.0", "8.000", "baseline", "1.82× faster", "4× slower", "1.9", "cores busy" })
        {
            Assert.Contains(cell, text);
            Assert.Contains($">{cell}<", html);
        }
        Assert.StartsWith("Squares: 8 items, 2 workers\n", text.ReplaceLineEndings("\n"));
        Assert.EndsWith("8 items, 2 workers on 2 cores, Linux 6.8.0, .NET 10.0.0; ideal speedup 2× (2 workers, each on a core of its own)", text);
    }

    [Fact]
    public void TheCoresColumnIsLeftOutWhereNoModeMeasuredIt()
    {
        Assert.DoesNotContain("cores busy", Sample().ToString());
        Assert.DoesNotContain("cores busy", Sample().ToHtml());
        Assert.Contains("cores busy", Sample(withCores: true).ToString());
    }

    [Fact]
    public void TextColumnsAlignNumbersToTheRight()
    {
        var lines = Sample().ToString().ReplaceLineEndings("\n").Split('\n');
        var header = lines[1];
        var end = header.IndexOf("median ms", StringComparison.Ordinal) + "median ms".Length;
        Assert.Equal("10.0", lines[2][(end - 4)..end]);
        Assert.Equal("5.500", lines[3][(end - 5)..end]);
    }

    [Fact]
    public void TheTerminalFormHasTheTableTheNotesAndTheBars()
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Out = new AnsiConsoleOutput(writer) });
        console.Profile.Width = 100;
        console.Write(Sample().ToFigure().ToTerminal());
        var shown = writer.ToString();
        Assert.Contains("Squares: 8 items, 2 workers", shown);
        Assert.Contains("1.82× faster", shown);
        Assert.Contains("ideal speedup 2×", shown);
        Assert.Contains("median ms", shown);
        Assert.Contains("█", shown);
    }

    [Fact]
    public void TheTimelinesTableCountsEachWorkersTasksAndFailures()
    {
        var text = Sample().TimelineChart(RunMode.Processes).ToString().ReplaceLineEndings("\n").Split('\n');
        Assert.Equal("Squares: Processes timeline", text[0]);
        Assert.Matches(@"^worker 4242\s+2\s+7\s+19\.5\s+10\.0\s+30\.0\s+1$", text[2]);
        Assert.Matches(@"^worker 4343\s+1\s+4\s+9\.00\s+11\.0\s+20\.0\s+0$", text[3]);
    }

    [Fact]
    public void FigureOfIsToFigure()
    {
        Assert.Equal(Sample().ToFigure().ToString(), Figure.Of(Sample()).ToString());
        Assert.Equal(Sweep().ToFigure().ToString(), Figure.Of(Sweep()).ToString());
        Assert.Throws<ArgumentNullException>(() => Figure.Of((Comparison)null!));
    }
}
