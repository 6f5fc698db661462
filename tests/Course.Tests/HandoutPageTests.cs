using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Course.Handouts;
using Microsoft.DotNet.Interactive.Documents;

namespace Course.Tests;

/// <summary>Lesson pages and the index, written from notebooks built in memory: layout, outputs, links, and what a page carries.</summary>
public class HandoutPageTests
{
    static readonly MeasuredOn Measured = new(new DateTimeOffset(2026, 5, 1, 14, 3, 0, TimeSpan.Zero), new(2, "Debian GNU/Linux 12 (bookworm)", ".NET 10.0.12"), "1.0.712001");

    static Lesson Lesson(int number, string name, params InteractiveDocumentElement[] cells)
    {
        var document = new InteractiveDocument();
        foreach (var cell in cells)
            document.Add(cell);
        return Handouts.Lesson.Of(number, $"/course/notebooks/{name}.ipynb", document, TimeSpan.FromSeconds(12.3));
    }

    static InteractiveDocumentElement Markdown(string text) => new(text, "markdown");

    static InteractiveDocumentElement Code(string code, params InteractiveDocumentOutputElement[] outputs)
    {
        var cell = new InteractiveDocumentElement(code, "csharp") { ExecutionOrder = 1 };
        cell.Outputs.AddRange(outputs);
        return cell;
    }

    static DisplayElement Html(string html) => new(new Dictionary<string, object> { ["text/html"] = html, ["text/plain"] = "(the plain form)" });

    static readonly Lesson Processes = Lesson(3, "03-creating-a-process",
        Markdown("# Q3. Create a process\n\nA **process** runs a program.\n\n## Start one\n\n### Its pid"),
        Code("var child = new ChildProcess(Work);",
            new TextElement("child 4242 started\n", "stdout"),
            new TextElement("a warning\n", "stderr"),
            new DisplayElement(new Dictionary<string, object> { ["text/plain"] = "Measuring… done in 0.5 s." }),
            Html("<table><tr><td>Processes</td></tr></table>"),
            new ErrorElement("The lambda captures factor.", "Error", ["The lambda captures factor."])),
        Markdown("## Try it"),
        Code("   "));

    static IDocument Parse(string html) => new HtmlParser().ParseDocument(html);

    static IDocument Page(Lesson lesson, Lesson? previous = null, Lesson? next = null) =>
        Parse(LessonPage.Write(lesson, previous, next, 6, Measured));

    [Fact]
    public void TheTitleIsTheFirstHeading()
    {
        Assert.Equal("Q3. Create a process", Processes.Title);
        Assert.Equal("03-creating-a-process.html", Processes.Page);
        Assert.Equal("Q3. Create a process · Multiprocessing in .NET", Page(Processes).Title);
    }

    [Fact]
    public void TheContentsLinkEveryHeadingUnderTheTitle()
    {
        var page = Page(Processes);
        var links = page.QuerySelectorAll("nav.toc a").Select(a => (a.GetAttribute("href"), a.TextContent)).ToList();
        Assert.Equal([("#start-one", "Start one"), ("#its-pid", "Its pid"), ("#try-it", "Try it")], links);
        foreach (var (href, _) in links)
            Assert.NotNull(page.GetElementById(href![1..]));
    }

    [Fact]
    public void PreviousAndNextLinkToTheLessonsAround()
    {
        var first = Lesson(1, "01-what-is-multiprocessing", Markdown("# Q1. What is multiprocessing?"));
        var second = Lesson(2, "02-processes-vs-threads", Markdown("# Q2. Processes and threads"));

        var page = Page(second, previous: first, next: Processes);

        Assert.Equal("01-what-is-multiprocessing.html", page.QuerySelector("a[rel=prev]")!.GetAttribute("href"));
        Assert.Contains("Q1. What is multiprocessing?", page.QuerySelector("a[rel=prev]")!.TextContent);
        Assert.Equal("03-creating-a-process.html", page.QuerySelector("a[rel=next]")!.GetAttribute("href"));
        Assert.Null(Page(first, next: second).QuerySelector("a[rel=prev]"));
        Assert.Contains(page.QuerySelectorAll("nav.lesson-links a"), a => a.GetAttribute("href") == "index.html");
    }

    [Fact]
    public void OutputsKeepTheirKind()
    {
        var outputs = Page(Processes).QuerySelector("section.cell.code .outputs")!;

        Assert.Equal("child 4242 started", outputs.QuerySelector("pre.output.stdout")!.TextContent);
        Assert.Equal("a warning", outputs.QuerySelector("pre.output.stderr")!.TextContent);
        Assert.Equal("Measuring… done in 0.5 s.", outputs.QuerySelector("pre.output.text")!.TextContent);
        Assert.Equal("Processes", outputs.QuerySelector(".output.html td")!.TextContent); // HTML, not its plain form
        Assert.Equal("The lambda captures factor.", outputs.QuerySelector("pre.output.error")!.TextContent);
    }

    [Fact]
    public void ACodeCellShowsItsSourceHighlightedAndAnEmptyOneNothing()
    {
        var page = Page(Processes);
        var code = Assert.Single(page.QuerySelectorAll("section.cell.code"));
        Assert.Equal("var child = new ChildProcess(Work);", code.QuerySelector("pre.code code.language-csharp")!.TextContent);
        Assert.Contains(code.QuerySelectorAll("pre.code span"), span => span.TextContent == "new");
    }

    [Fact]
    public void APageWithoutChartsCarriesNoScript() =>
        Assert.Empty(Page(Processes).QuerySelectorAll("script"));

    [Fact]
    public void APageWithChartsInlinesPlotlyOnceForAllOfThem()
    {
        var page = Page(Lesson(4, "04-what-is-a-pool", Markdown("# Q4. Pools"), Code("a", Html(HandoutFiguresTests.FigureOutput("A"))), Code("b", Html(HandoutFiguresTests.FigureOutput("B")))));

        Assert.Equal(2, page.QuerySelectorAll($"div.{Multiprocessing.Measurements.FigureHtmlClasses.Figure}").Length);
        Assert.Equal(2, page.QuerySelectorAll($"script.{Multiprocessing.Measurements.FigureHtmlClasses.Data}").Length);
        var plotly = Assert.Single(page.QuerySelectorAll("script"), s => s.TextContent.Contains("plotly.js (basic - minified) v" + PlotlyScript.Version));
        Assert.Equal(LessonPage.PlotlyScriptId, plotly.Id);
        // The page's own script comes after plotly.js, which it draws with.
        Assert.Equal([LessonPage.PlotlyScriptId, "handout-charts"], page.QuerySelectorAll("script:not([type])").Select(s => s.Id));
    }

    [Fact]
    public void AnOutputAPageCannotCarryIsRefusedNamingTheNotebookAndCell()
    {
        var lesson = Lesson(2, "02-processes-vs-threads", Markdown("# Q2"), Code("widget", Html("<script src=\"https://example.org/w.js\"></script>")));
        var error = Assert.Throws<InvalidOperationException>(() => Page(lesson));
        Assert.StartsWith("02-processes-vs-threads.ipynb: cell 2: An output loads a script from https://example.org/w.js", error.Message);
    }

    [Fact]
    public void EveryPageForbidsLoadingAnythingFromOutside()
    {
        foreach (var page in new[] { Page(Processes), Parse(IndexPage.Write([Processes], Measured)) })
        {
            var policy = page.QuerySelector("meta[http-equiv=Content-Security-Policy]")!.GetAttribute("content")!;
            Assert.StartsWith("default-src 'none';", policy);
            Assert.DoesNotContain("http", policy);
            Assert.Empty(page.QuerySelectorAll("link, script[src], img[src^=http]"));
        }
    }

    [Fact]
    public void TheIndexListsTheLessonsAndWhereAndWhenTheyWereMeasured()
    {
        var first = Lesson(1, "01-what-is-multiprocessing", Markdown("# Q1. What is multiprocessing?"));
        var index = Parse(IndexPage.Write([first, Processes], Measured));

        var links = index.QuerySelectorAll("table.lessons a").Select(a => (a.GetAttribute("href"), a.TextContent));
        Assert.Equal([("01-what-is-multiprocessing.html", "Q1. What is multiprocessing?"), ("03-creating-a-process.html", "Q3. Create a process")], links);
        var measured = index.QuerySelector(".measured")!.TextContent;
        Assert.Contains("2026-05-01 14:03 UTC", measured);
        Assert.Contains("2 cores, Debian GNU/Linux 12 (bookworm), .NET 10.0.12", measured);
        Assert.Contains("Microsoft.dotnet-interactive 1.0.712001", measured);
    }

    [Fact]
    public void MeasuredOnDescribesThisMachine()
    {
        var now = MeasuredOn.Now(PinnedKernel.PinnedVersion());
        Assert.Equal(Environment.ProcessorCount, now.Machine.Cores);
        Assert.Equal(System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription, now.Machine.Dotnet);
        Assert.DoesNotContain("#", now.Machine.ToString());
        Assert.Equal("1.0.712001", now.Kernel);
    }

    [Fact]
    public async Task AnOutFolderThatIsAFileIsRefusedBeforeAnyKernelStarts()
    {
        var file = Path.GetTempFileName();
        try
        {
            var error = await Assert.ThrowsAsync<ArgumentException>(() =>
                HandoutWriter.WriteAsync([Samples.Path("kernel-sample.ipynb")], file, RunOptions.Default));
            Assert.Contains($"--out names the file {file}", error.Message);
            Assert.Contains("Name a folder", error.Message);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
