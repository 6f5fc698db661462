using System.Net;
using System.Text;
using Course.Handouts;

namespace Course.Grading;

/// <summary>One student's feedback page: each lesson's checks and messages, the code that was graded, what it printed
/// and any error, in the handouts' style and as one offline file.</summary>
internal static class FeedbackPage
{
    public static string Write(string student, IReadOnlyList<LessonResult> lessons, string sandbox)
    {
        var highlighter = new CodeHighlighter();
        var passed = lessons.Sum(l => l.Exercises.Count(e => e.Passed));
        var total = lessons.Sum(l => l.Exercises.Count);
        var body = new StringBuilder($"""
            <header class="chrome site"><a>Multiprocessing in .NET</a><span>Feedback for {Encode(student)}</span></header>
            <div class="page">
            <article class="lesson">
            <h1>Feedback for {Encode(student)}</h1>
            <p class="measured">{passed} of {total} exercises passed. Each answer ran on its own with the lesson's setup and the teacher's check; {Encode(sandbox)}</p>

            """);
        foreach (var lesson in lessons)
        {
            body.Append($"<h2>{Encode(lesson.Lesson)}</h2>\n<p class=\"measured\">From {Encode(lesson.File)}; graded in {lesson.Time.TotalSeconds:0.0} s")
                .Append(lesson.Attempts is { } a ? $"; your notebook recorded {a} attempt{(a == 1 ? "" : "s")}" : "").Append(".</p>\n<ul>\n");
            foreach (var exercise in lesson.Exercises)
                body.Append($"<li><strong>{Encode(exercise.Name)}: {(exercise.Passed ? "✓ Correct" : "✗ Not yet")}</strong>. {Encode(exercise.Message)}</li>\n");
            body.Append("</ul>\n");
            if (lesson.Error is { } error)
                body.Append($"<section class=\"cell code\"><pre class=\"output error\">{Encode(error)}</pre></section>\n");
            foreach (var note in lesson.Notes)
                body.Append($"<p>{Encode(note)}</p>\n");
            if (lesson.Code is { } code)
                body.Append("<h3>Your answer, as graded</h3>\n<section class=\"cell code\"><div class=\"source\"><pre class=\"code\"><code class=\"language-csharp\">")
                    .Append(highlighter.Highlight(code.Trim('\n'))).Append("</code></pre></div></section>\n");
            if (lesson.Output.Length > 0)
                body.Append("<h3>What it printed</h3>\n<section class=\"cell code\"><pre class=\"output\">").Append(Encode(lesson.Output)).Append("</pre></section>\n");
        }
        body.Append("</article>\n</div>\n");
        return HtmlPage.Write($"Feedback for {student} · Multiprocessing in .NET", body.ToString(), [HandoutAssets.Css, highlighter.StyleSheet()], []);
    }

    static string Encode(string text) => WebUtility.HtmlEncode(text);
}
