namespace Course.Handouts;

/// <summary>A lesson that ran: where its page goes, what it is called, and the notebook with its outputs.</summary>
/// <param name="Number">Its place in the course, from 1.</param>
/// <param name="Title">The text of its first <c>#</c> heading, or its file name when it has none.</param>
/// <param name="Page">The page's file name, such as <c>01-processes.html</c>.</param>
/// <param name="Run">The executed notebook.</param>
internal sealed record Lesson(int Number, string Title, string Page, NotebookRun Run)
{
    /// <summary>The lesson of <paramref name="run"/>, titled from its Markdown.</summary>
    public static Lesson Of(int number, NotebookRun run)
    {
        var title = run.Document.Elements
            .Where(cell => cell.IsMarkdown())
            .Select(cell => MarkdownRenderer.Title(cell.Contents))
            .FirstOrDefault(title => !string.IsNullOrWhiteSpace(title));
        var name = Path.GetFileNameWithoutExtension(run.Path);
        return new Lesson(number, title ?? name, name + ".html", run);
    }
}
