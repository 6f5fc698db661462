using Microsoft.DotNet.Interactive.Documents;

namespace Course.Handouts;

/// <summary>A lesson that ran: where its page goes, what it is called, and the document with its outputs.</summary>
/// <param name="Number">Its place in the course, from 1.</param>
/// <param name="Title">The text of its first <c>#</c> heading, or its file name when it has none.</param>
/// <param name="Page">The page's file name, such as <c>01-processes.html</c>.</param>
/// <param name="Path">The notebook (or app) it was run from.</param>
/// <param name="Document">Its cells with their outputs.</param>
/// <param name="Elapsed">How long the run took.</param>
/// <param name="Form">What ran: "notebook", or "app" for a lesson's file-based app.</param>
public sealed record Lesson(int Number, string Title, string Page, string Path, InteractiveDocument Document, TimeSpan Elapsed, string Form = "notebook")
{
    /// <summary>The lesson run from <paramref name="path"/>, titled from its Markdown.</summary>
    /// <param name="number">Its place in the course, from 1.</param>
    /// <param name="path">The notebook (or app) it was run from.</param>
    /// <param name="document">Its cells with their outputs.</param>
    /// <param name="elapsed">How long the run took.</param>
    /// <param name="form">What ran: "notebook", or "app".</param>
    /// <returns>The lesson, its page named after <paramref name="path"/>.</returns>
    public static Lesson Of(int number, string path, InteractiveDocument document, TimeSpan elapsed, string form = "notebook")
    {
        var title = document.Elements
            .Where(cell => cell.IsMarkdown())
            .Select(cell => MarkdownRenderer.Title(cell.Contents))
            .FirstOrDefault(title => !string.IsNullOrWhiteSpace(title));
        var name = System.IO.Path.GetFileNameWithoutExtension(path);
        return new Lesson(number, title ?? name, name + ".html", path, document, elapsed, form);
    }
}
