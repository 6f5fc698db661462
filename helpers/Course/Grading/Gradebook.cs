using System.Globalization;
using System.Text;

namespace Course.Grading;

/// <summary>
/// gradebook.csv: one row per (student, lesson, exercise), sorted, with RFC 4180 quoting, so a spreadsheet opens it as
/// it is: student, lesson, exercise, passed, attempts, time (seconds), error (one line).
/// </summary>
internal static class Gradebook
{
    public const string Header = "student,lesson,exercise,passed,attempts,time,error";

    public static string Write(IEnumerable<LessonResult> results)
    {
        var csv = new StringBuilder(Header).Append("\r\n");
        foreach (var lesson in results)
            foreach (var exercise in lesson.Exercises)
                csv.AppendJoin(',',
                    Field(lesson.Student), Field(lesson.Lesson), Field(exercise.Name), exercise.Passed ? "true" : "false",
                    lesson.Attempts?.ToString(CultureInfo.InvariantCulture) ?? "",
                    lesson.Time.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture),
                    Field(NotebookCells.OneLine(lesson.Error ?? ""))).Append("\r\n");
        return csv.ToString();
    }

    /// <summary>A field quoted when it holds a comma, a quote or a line break; a leading =, +, - or @ is kept from becoming a formula.</summary>
    static string Field(string text)
    {
        if (text.Length > 0 && "=+-@".Contains(text[0]))
            text = "'" + text;
        return text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
    }
}
