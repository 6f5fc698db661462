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
        var output = Folder(outDirectory);
        if (notebooks.Count == 0)
            throw new ArgumentException("There are no notebooks to export. Lessons go in notebooks/ as .ipynb files.");

        var runs = new List<NotebookRun>();
        foreach (var notebook in notebooks)
        {
            progress?.Invoke($"{Path.GetRelativePath(Environment.CurrentDirectory, notebook)}:");
            var run = await NotebookRunner.RunAsync(notebook, options, progress);
            runs.Add(run);
            if (!run.Succeeded)
                return new HandoutResult(null, [], runs, run);
            progress?.Invoke($"  ok in {run.Elapsed.TotalSeconds:0.0} s");
        }
        return Write(runs, output, progress);
    }

    /// <summary>
    /// Writes the pages of notebooks that have already run, in order, with an index. Raises <see cref="ArgumentException"/>
    /// for a run that failed, and <see cref="InvalidOperationException"/> naming the notebook and cell of an output a page cannot carry.
    /// </summary>
    public static HandoutResult Write(IReadOnlyList<NotebookRun> runs, string outDirectory, Action<string>? progress = null)
    {
        var output = Folder(outDirectory);
        if (runs.FirstOrDefault(run => !run.Succeeded) is { } failed)
            throw new ArgumentException($"{Path.GetFileName(failed.Path)} failed in cell {failed.Failure!.Cell}; a handout needs every cell's output.");
        var measured = MeasuredOn.Now(PinnedKernel.PinnedVersion());
        var lessons = runs.Select((run, i) => Lesson.Of(i + 1, run.Path, run.Document, run.Elapsed)).ToList();

        Directory.CreateDirectory(output);
        var pages = new List<string>();
        for (var i = 0; i < lessons.Count; i++)
        {
            var html = LessonPage.Write(lessons[i], i > 0 ? lessons[i - 1] : null, i + 1 < lessons.Count ? lessons[i + 1] : null, lessons.Count, measured);
            pages.Add(Save(output, lessons[i].Page, html, progress));
        }
        var index = Save(output, "index.html", IndexPage.Write(lessons, measured), progress);
        return new HandoutResult(index, pages, runs, null);
    }

    /// <summary>The full path of the folder the handouts go in; raises <see cref="ArgumentException"/> when it names a file.</summary>
    static string Folder(string outDirectory)
    {
        var output = Path.GetFullPath(outDirectory);
        if (File.Exists(output))
            throw new ArgumentException($"--out names the file {output}; handouts go in a folder. Name a folder instead, or drop --out to write them to artifacts/handouts.");
        return output;
    }

    static string Save(string folder, string name, string html, Action<string>? progress)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, html);
        progress?.Invoke($"wrote {Path.GetRelativePath(Environment.CurrentDirectory, path)} ({new FileInfo(path).Length / 1024} KiB)");
        return path;
    }
}
