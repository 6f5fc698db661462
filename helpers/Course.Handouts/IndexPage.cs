using System.Net;
using System.Text;

namespace Course.Handouts;

/// <summary>The handouts' <c>index.html</c>: every lesson with its title and link, and when and on what machine the numbers were measured.</summary>
public static class IndexPage
{
    /// <summary>The index of <paramref name="lessons"/>.</summary>
    /// <param name="lessons">The lessons, in order.</param>
    /// <param name="measured">When and on what they ran.</param>
    /// <returns>The whole document.</returns>
    public static string Write(IReadOnlyList<Lesson> lessons, MeasuredOn measured)
    {
        var rows = new StringBuilder();
        foreach (var lesson in lessons)
            rows.Append($"<tr><td>{lesson.Number}</td><td><a href=\"{LessonPage.Href(lesson.Page)}\">{Encode(lesson.Title)}</a></td>" +
                        $"<td>{lesson.Elapsed.TotalSeconds:0.0} s</td></tr>\n");
        var body = $"""
            <div class="page index">
            <main>
            <h1>Multiprocessing in .NET</h1>
            <p>An interactive C# course on multiprocessing: each lesson below is a notebook, run once from top to bottom
            and saved here with its outputs, so the timings and charts are real measurements.</p>
            <table class="lessons">
            <thead><tr><th>#</th><th>lesson</th><th>ran in</th></tr></thead>
            <tbody>
            {rows}</tbody>
            </table>
            <p class="measured">Measured on {Encode(measured.Date)}, on {Encode(measured.Machine.ToString())},
            {(measured.Kernel is null ? "as a .NET file-based app." : $"in the notebook kernel Microsoft.dotnet-interactive {Encode(measured.Kernel)}.")}
            Timings on another machine, or on this one when it is busy, will differ.</p>
            </main>
            </div>

            """;
        return HtmlPage.Write("Multiprocessing in .NET: handouts", body, [HandoutAssets.Css], []);
    }

    static string Encode(string text) => WebUtility.HtmlEncode(text);
}
