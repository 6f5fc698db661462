using AngleSharp.Html.Parser;
using Course.Handouts;

namespace Course.Tests;

/// <summary>Markdown cells render with Markdig: pipe tables, heading anchors unique on the page, highlighted code fences, inlined images.</summary>
public sealed class HandoutMarkdownTests : IDisposable
{
    readonly string _folder = Directory.CreateTempSubdirectory("course-handout-markdown-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    MarkdownRenderer Renderer() => new(new CodeHighlighter(), _folder);

    [Fact]
    public void APipeTableBecomesAnHtmlTable()
    {
        var html = Renderer().Render("| Python | .NET |\n|---|---|\n| `Pool(4)` | `ProcessPool(4)` |\n");
        var table = new HtmlParser().ParseDocument(html).QuerySelector("table")!;
        Assert.Equal(["Python", ".NET"], table.QuerySelectorAll("th").Select(th => th.TextContent));
        Assert.Equal(["Pool(4)", "ProcessPool(4)"], table.QuerySelectorAll("td code").Select(code => code.TextContent));
    }

    [Fact]
    public void HeadingsGetGitHubAnchorsThatStayUniqueAcrossCells()
    {
        var renderer = Renderer();
        var first = renderer.Render("# Q1. What is a pool?\n\n## Try it\n");
        var second = renderer.Render("## Try it\n");

        Assert.Contains("<h1 id=\"q1-what-is-a-pool\">", first);
        Assert.Contains("<h2 id=\"try-it\">", first);
        Assert.Contains("<h2 id=\"try-it-1\">", second);
        Assert.Equal(
            [new Heading(1, "q1-what-is-a-pool", "Q1. What is a pool?"), new Heading(2, "try-it", "Try it"), new Heading(2, "try-it-1", "Try it")],
            renderer.Headings);
    }

    [Fact]
    public void ACSharpFenceIsHighlightedAndAPythonFenceToo()
    {
        var html = Renderer().Render("```csharp\nrecord Point(int X, int Y);\n```\n\n```python\ndef square(x):\n    return x * x\n```\n");
        var page = new HtmlParser().ParseDocument(html);

        var csharp = page.QuerySelector("pre.code code.language-csharp")!;
        Assert.Contains(csharp.QuerySelectorAll("span"), span => span.TextContent == "record");
        var python = page.QuerySelector("pre.code code.language-python")!;
        Assert.Contains(python.QuerySelectorAll("span"), span => span.TextContent == "def");
    }

    [Fact]
    public void AFenceInALanguageWithoutAGrammarIsShownAsMarkdigShowsIt()
    {
        var html = Renderer().Render("```text\n<not a tag>\n```\n");
        Assert.Contains("<pre><code class=\"language-text\">&lt;not a tag&gt;\n</code></pre>", html);
    }

    [Fact]
    public void TheTitleIsTheFirstLevelOneHeadingsText() =>
        Assert.Equal("Q3. Create a process with `ChildProcess`".Replace("`", ""),
            MarkdownRenderer.Title("Intro.\n\n## Not this\n\n# Q3. Create a process with `ChildProcess`\n\n# Nor this"));

    [Fact]
    public void AnImageNextToTheNotebookIsInlined()
    {
        File.WriteAllBytes(Path.Combine(_folder, "dot.png"), [0x89, 0x50, 0x4E, 0x47]);
        var html = Renderer().Render("![a dot](dot.png)");
        Assert.Contains("src=\"data:image/png;base64,iVBORw==\"", html);
    }

    [Fact]
    public void AnImageFromTheWebIsRefusedWithTheFix()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Renderer().Render("![chart](https://example.org/chart.png)"));
        Assert.Contains("cannot fetch", error.Message);
        Assert.Contains("Save the image next to the notebook", error.Message);
    }

    [Fact]
    public void ALinkToTheWebStaysInProse() =>
        Assert.Contains("<a href=\"https://docs.python.org/3/library/multiprocessing.html\">", Renderer().Render("[docs](https://docs.python.org/3/library/multiprocessing.html)"));
}
