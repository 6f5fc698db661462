using System.Net;
using System.Text;
using Microsoft.DotNet.Interactive.Documents;

namespace Course.Handouts;

/// <summary>One lesson's handout page: its cells with their outputs, a table of contents, and links to the lessons around it.</summary>
public static class LessonPage
{
    /// <summary>The id of the inlined plotly.js script element.</summary>
    public const string PlotlyScriptId = "plotly-js";

    /// <summary>
    /// The page of <paramref name="lesson"/>. Raises <see cref="InvalidOperationException"/>, naming the notebook
    /// and the cell, for an output or image a page cannot carry offline.
    /// </summary>
    /// <param name="lesson">The lesson that ran.</param>
    /// <param name="previous">The lesson before it, linked; null for none.</param>
    /// <param name="next">The lesson after it, linked; null for none.</param>
    /// <param name="lessons">How many lessons the course has.</param>
    /// <param name="measured">When and on what it ran, for the footer.</param>
    /// <returns>The whole document.</returns>
    /// <exception cref="InvalidOperationException">An output or image the page cannot carry offline.</exception>
    public static string Write(Lesson lesson, Lesson? previous, Lesson? next, int lessons, MeasuredOn measured)
    {
        var highlighter = new CodeHighlighter();
        var markdown = new MarkdownRenderer(highlighter, Path.GetDirectoryName(Path.GetFullPath(lesson.Path))!);
        var outputs = new OutputRenderer(markdown);

        var cells = new StringBuilder();
        var elements = lesson.Document.Elements;
        for (var index = 0; index < elements.Count; index++)
        {
            try
            {
                cells.Append(Cell(elements[index], index + 1, highlighter, markdown, outputs));
            }
            catch (InvalidOperationException e)
            {
                throw new InvalidOperationException($"{Path.GetFileName(lesson.Path)}: cell {index + 1}: {e.Message}", e);
            }
        }

        var body = $"""
            <header class="chrome site"><a href="index.html">Multiprocessing in .NET</a><span>Lesson {lesson.Number} of {lessons}</span></header>
            <div class="page">
            {Contents(markdown.Headings, lesson.Title)}<main>
            <article class="lesson">
            {cells}</article>
            <p class="measured">{Encode(measured.ToString())} The {lesson.Form} ran in {lesson.Elapsed.TotalSeconds:0.0} s.</p>
            </main>
            </div>
            {Neighbours(previous, next)}
            """;
        var scripts = new List<(string, string)>();
        if (outputs.Charts > 0)
        {
            scripts.Add((PlotlyScriptId, PlotlyScript.Source));
            scripts.Add(("handout-charts", HandoutAssets.Script));
        }
        return HtmlPage.Write($"{lesson.Title} · Multiprocessing in .NET", body, [HandoutAssets.Css, highlighter.StyleSheet()], scripts);
    }

    static string Cell(InteractiveDocumentElement cell, int number, CodeHighlighter highlighter, MarkdownRenderer markdown, OutputRenderer outputs)
    {
        if (cell.IsMarkdown())
            return $"<section class=\"cell markdown\" id=\"cell-{number}\">\n{markdown.Render(cell.Contents)}</section>\n";
        if (string.IsNullOrWhiteSpace(cell.Contents))
            return "";
        var source = cell.KernelName is null or "csharp" or "c#"
            ? $"<pre class=\"code\"><code class=\"language-csharp\">{highlighter.Highlight(cell.Contents)}</code></pre>"
            : $"<pre class=\"code\"><code>{Encode(cell.Contents)}</code></pre>";
        var rendered = outputs.Render(cell.Outputs);
        var prompt = cell.ExecutionOrder > 0 ? $"[{cell.ExecutionOrder}]" : "[ ]";
        return $"""
            <section class="cell code" id="cell-{number}">
            <div class="source"><span class="prompt" aria-hidden="true">{prompt}</span>{source}</div>
            {(rendered.Length > 0 ? $"<div class=\"outputs\">\n{rendered}</div>\n" : "")}</section>

            """;
    }

    static string Contents(IReadOnlyList<Heading> headings, string title)
    {
        // The title is the page's first heading; the contents list what comes under it.
        var entries = headings.Where(h => h.Level <= 3).SkipWhile(h => h.Level == 1 && h.Text == title).ToList();
        if (entries.Count == 0)
            return "";
        var list = new StringBuilder("<nav class=\"chrome toc\" aria-label=\"Contents\">\n<h2>Contents</h2>\n<ul>\n");
        foreach (var heading in entries)
            list.Append($"<li class=\"toc-{heading.Level}\"><a href=\"#{Encode(heading.Id)}\">{Encode(heading.Text)}</a></li>\n");
        return list.Append("</ul>\n</nav>\n").ToString();
    }

    static string Neighbours(Lesson? previous, Lesson? next) => $"""
        <nav class="chrome lesson-links" aria-label="Lessons">
        {(previous is null ? "<span></span>" : $"<a rel=\"prev\" href=\"{Href(previous.Page)}\">← {previous.Number}. {Encode(previous.Title)}</a>")}
        <a href="index.html">All lessons</a>
        {(next is null ? "<span></span>" : $"<a rel=\"next\" href=\"{Href(next.Page)}\">{next.Number}. {Encode(next.Title)} →</a>")}
        </nav>

        """;

    /// <summary>A link to another page of the handouts, as an attribute value.</summary>
    /// <param name="page">The page's file name.</param>
    /// <returns>The escaped link.</returns>
    public static string Href(string page) => WebUtility.HtmlEncode(Uri.EscapeDataString(page));

    static string Encode(string text) => WebUtility.HtmlEncode(text);
}
