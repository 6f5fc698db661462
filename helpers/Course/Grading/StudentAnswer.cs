using System.Text;
using System.Text.RegularExpressions;
using Course.Apps;

namespace Course.Grading;

/// <summary>
/// A student's answer to one lesson, taken from their notebook or app: the code that is graded, what was left out of
/// it and why (notes), the attempts their saved outputs recorded, or why no answer could be taken (error).
/// </summary>
internal sealed partial record StudentAnswer(string File, string? Code, IReadOnlyList<string> Notes, int? Attempts, string? Error)
{
    /// <summary>
    /// The answer in <paramref name="path"/>: in a notebook, the exercise cell (found by the teacher's cell id, or by its
    /// tag in a notebook handed out before the ids were renamed) and any
    /// code cells the student added after it, before the check; in an app, what is between the answer marks.
    /// </summary>
    public static StudentAnswer Read(TeacherLesson lesson, string path)
    {
        var file = Path.GetFileName(path);
        string text;
        try
        {
            var info = new FileInfo(path);
            // The grader reads as root, outside the sandbox: a link could hand in another student's file, or any file.
            if (info.LinkTarget is not null || info.Directory?.LinkTarget is not null)
                return Failed(file, $"{file} is a symbolic link, which grading does not follow: hand in the file itself.");
            if (info.Length > 4_000_000)
                return Failed(file, $"{file} is {info.Length / 1_000_000} MB; a lesson is well under 4 MB, so it was not read.");
            text = System.IO.File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Failed(file, $"{file} could not be read: {e.Message}");
        }
        return path.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase) ? FromNotebook(lesson, file, text) : FromApp(file, text);
    }

    static StudentAnswer FromNotebook(TeacherLesson lesson, string file, string json)
    {
        IReadOnlyList<NotebookCell> cells;
        try
        {
            cells = NotebookCells.Parse(json);
        }
        catch (FormatException e)
        {
            return Failed(file, $"{file} could not be graded: {e.Message}.");
        }
        var notes = new List<string>();
        // Ids are how a copied or moved cell is told from the real one; the tag is kept for notebooks handed out before
        // the cells had their present ids (the exercise was cell-20 and the like), if it is on exactly one cell.
        var start = cells.FirstOrDefault(c => c.Id == lesson.Exercise.Id) ?? OnlyTagged(cells, "exercise");
        if (start is null)
            return Failed(file, $"{file} has no exercise cell (id {lesson.Exercise.Id}): the answer must stay in the lesson's exercise cell, not a copy of it.");
        var check = cells.FirstOrDefault(c => c.Id == lesson.Check.Id && c.Index > start.Index)
            ?? (OnlyTagged(cells, "check") is { } tagged && tagged.Index > start.Index ? tagged : null);
        var end = check?.Index ?? cells.FirstOrDefault(c => c.Index > start.Index && c.Id is not null && lesson.CellIds.Contains(c.Id))?.Index ?? cells.Count;
        var code = new StringBuilder(start.Source.TrimEnd()).Append('\n');
        foreach (var added in cells.Where(c => c.Index > start.Index && c.Index < end && c.IsCode && (c.Id is null || !lesson.CellIds.Contains(c.Id))))
        {
            code.Append('\n').Append(added.Source.TrimEnd()).Append('\n');
            notes.Add($"Your cell {added.Index + 1}, added after the exercise cell, is part of your answer.");
        }
        if (check is null)
            notes.Add("The check cell is missing from your notebook; the teacher's check ran.");
        else if (check.Source.Trim() != lesson.Check.Source.Trim())
            notes.Add("Your check cell was changed; changes to it do not count, and the teacher's check ran instead.");
        var attempts = cells.Select(c => NotebookCells.LastAttempt(c.Outputs)).Max();
        return Answer(file, code.ToString(), notes, attempts);
    }

    static NotebookCell? OnlyTagged(IReadOnlyList<NotebookCell> cells, string tag) =>
        cells.Where(c => c.IsCode && c.Has(tag)).ToList() is [var only] ? only : null;

    static StudentAnswer FromApp(string file, string text)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        var begin = Array.FindIndex(lines, l => l.Trim() == AppWriter.ExerciseBegin);
        var end = begin < 0 ? -1 : Array.FindIndex(lines, begin + 1, l => l.Trim() == AppWriter.ExerciseEnd);
        if (begin < 0 || end < 0)
            return Failed(file, $"{file} has lost its answer marks ('{AppWriter.ExerciseBegin[..20]}…' and '{AppWriter.ExerciseEnd}'): put your answer back between them.");
        return Answer(file, string.Join('\n', lines[(begin + 1)..end]) + "\n", [], null);
    }

    /// <summary>Removes directives (#r, #load, #i, #!, #:): the course's own setup runs instead, and nothing is fetched.</summary>
    static StudentAnswer Answer(string file, string code, List<string> notes, int? attempts)
    {
        var kept = new List<string>();
        foreach (var line in code.Split('\n'))
            if (Directive().IsMatch(line))
                notes.Add($"Removed the line '{line.Trim()}': directives do not run in grading, which uses the course's own setup.");
            else
                kept.Add(line);
        return new StudentAnswer(file, string.Join('\n', kept), notes, attempts, null);
    }

    static StudentAnswer Failed(string file, string error) => new(file, null, [], null, error);

    [GeneratedRegex(@"^\s*#(?:r\b|load\b|i\b|!|:)")]
    private static partial Regex Directive();
}
