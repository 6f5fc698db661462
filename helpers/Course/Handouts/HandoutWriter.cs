namespace Course.Handouts;

/// <summary>
/// Exports notebooks as HTML handouts: runs each in the pinned kernel, then writes one self-contained page per lesson
/// and an <c>index.html</c>. Equivalent of <c>course handouts --out DIR</c> on a list of notebooks of your choosing.
/// </summary>
public static class HandoutWriter
{
    /// <summary>
    /// Runs <paramref name="notebooks"/> in order and writes their pages into <paramref name="outDirectory"/>;
    /// <paramref name="progress"/> hears of each notebook and cell. Stops at the first failing cell, writing nothing.
    /// Raises <see cref="ArgumentException"/> when <paramref name="outDirectory"/> is a file or no notebook is given, before
    /// any kernel starts, and <see cref="InvalidOperationException"/> naming the notebook and cell of an output a page cannot carry.
    /// </summary>
    public static async Task<HandoutResult> WriteAsync(IReadOnlyList<string> notebooks, string outDirectory, RunOptions options, Action<string>? progress = null)
    {
        var output = Path.GetFullPath(outDirectory);
        if (File.Exists(output))
            throw new ArgumentException($"--out names the file {output}; handouts go in a folder. Name a folder instead, or drop --out to write them to artifacts/handouts.");
        if (notebooks.Count == 0)
            throw new ArgumentException("There are no notebooks to export. Lessons go in notebooks/ as .ipynb files.");

        var measured = MeasuredOn.Now();
        var lessons = new List<Lesson>();
        foreach (var notebook in notebooks)
        {
            progress?.Invoke($"{Path.GetRelativePath(Environment.CurrentDirectory, notebook)}:");
            var run = await NotebookRunner.RunAsync(notebook, options, progress);
            if (!run.Succeeded)
                return new HandoutResult(null, [], [.. lessons.Select(lesson => lesson.Run), run], run);
            progress?.Invoke($"  ok in {run.Elapsed.TotalSeconds:0.0} s");
            lessons.Add(Lesson.Of(lessons.Count + 1, run));
        }

        Directory.CreateDirectory(output);
        var pages = new List<string>();
        for (var i = 0; i < lessons.Count; i++)
        {
            var html = LessonPage.Write(lessons[i], i > 0 ? lessons[i - 1] : null, i + 1 < lessons.Count ? lessons[i + 1] : null, lessons.Count, measured);
            pages.Add(Save(output, lessons[i].Page, html, progress));
        }
        var index = Save(output, "index.html", IndexPage.Write(lessons, measured), progress);
        return new HandoutResult(index, pages, lessons.Select(lesson => lesson.Run).ToList(), null);
    }

    static string Save(string folder, string name, string html, Action<string>? progress)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, html);
        progress?.Invoke($"wrote {Path.GetRelativePath(Environment.CurrentDirectory, path)} ({new FileInfo(path).Length / 1024} KiB)");
        return path;
    }
}
