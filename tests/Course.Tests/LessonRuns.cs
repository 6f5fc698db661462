using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.DotNet.Interactive.Documents;

namespace Course.Tests;

/// <summary>
/// Runs each lesson once in the real pinned kernel, with cells added at the end: each known wrong answer to the
/// exercise followed by the check cell again, then a right answer and the check cell again. So one run shows that the
/// check rejects the stub the lesson ships with and each tempting wrong answer, and that it accepts a solution.
/// </summary>
public sealed class LessonRuns : IDisposable
{
    readonly ConcurrentDictionary<string, Lazy<Task<NotebookRun>>> _runs = new();
    readonly string _folder = Directory.CreateTempSubdirectory("course-lessons-").FullName;

    /// <summary>The lesson files, in order.</summary>
    public static IReadOnlyList<string> Lessons { get; } =
        Directory.GetFiles(System.IO.Path.Combine(Samples.Root, "notebooks"), "*.ipynb").Order(StringComparer.Ordinal).ToArray();

    /// <summary>A right answer to each lesson's exercise, by the lesson's number: <c>notebooks/teacher/NN-name/solution.cs</c>.</summary>
    internal static readonly Dictionary<string, string> Solutions =
        TeacherFolders().ToDictionary(folder => folder.Number, folder => File.ReadAllText(System.IO.Path.Combine(folder.Path, "solution.cs")).TrimEnd());

    /// <summary>Tempting wrong answers to each lesson's exercise, which its check must reject, in the order they run:
    /// <c>notebooks/teacher/NN-name/wrong-N.cs</c>, each starting with a comment that says what is wrong.</summary>
    internal static readonly Dictionary<string, string[]> WrongAnswers =
        TeacherFolders().ToDictionary(folder => folder.Number, folder => Directory.GetFiles(folder.Path, "wrong-*.cs")
            .OrderBy(file => int.Parse(System.IO.Path.GetFileNameWithoutExtension(file)["wrong-".Length..]))
            .Select(file => File.ReadAllText(file).TrimEnd()).ToArray());

    /// <summary>The cell a run adds after the setup cells and after the stub's check: a learner asking for a hint.</summary>
    public const string AskForAHint = "Exercise.Hint();";

    static IEnumerable<(string Number, string Path)> TeacherFolders() =>
        Directory.GetDirectories(System.IO.Path.Combine(Samples.Root, "notebooks", "teacher"))
            .Select(path => (System.IO.Path.GetFileName(path)[..2], path));

    /// <summary>Every lesson's run, in order.</summary>
    public async Task<IReadOnlyList<NotebookRun>> RunAllAsync()
    {
        var runs = new List<NotebookRun>();
        foreach (var lesson in Lessons)
            runs.Add(await RunAsync(System.IO.Path.GetFileName(lesson)[..2]));
        return runs;
    }

    /// <summary>The run of the lesson whose file name starts with <paramref name="number"/> ("01", "02", …).</summary>
    public Task<NotebookRun> RunAsync(string number) =>
        _runs.GetOrAdd(number, n => new Lazy<Task<NotebookRun>>(() => RunWithSolutionAsync(n))).Value;

    async Task<NotebookRun> RunWithSolutionAsync(string number)
    {
        var run = await NotebookRunner.RunAsync(WriteWithSolution(number, _folder), RunOptions.Default with { CellTimeout = TimeSpan.FromSeconds(120) });
        RunTimes.Record("notebook", System.IO.Path.GetFileName(run.Path), run.Elapsed);
        return run;
    }

    /// <summary>Writes a copy of lesson <paramref name="number"/> into <paramref name="folder"/>, with each wrong answer to its
    /// exercise and then a right answer (cells <c>answer_1</c>, <c>answer_2</c>, …), each followed by the check cell again
    /// (<c>check_1</c>, …), and an <see cref="AskForAHint"/> cell (<c>hint_1</c>, <c>hint_2</c>) after the setup cells and after
    /// the stub's check; the setup cell loads the real setup script by its full path. The copies get ids of their own, as
    /// nbformat wants them unique (a client would otherwise replace them with random ones).</summary>
    /// <returns>The copy's path.</returns>
    public static string WriteWithSolution(string number, string folder)
    {
        var lesson = Lessons.Single(path => System.IO.Path.GetFileName(path).StartsWith(number + "-", StringComparison.Ordinal));
        var notebook = JsonNode.Parse(File.ReadAllText(lesson))!;
        var cells = notebook["cells"]!.AsArray();
        var code = cells.Where(cell => (string?)cell!["cell_type"] == "code").ToArray();
        var check = code.Single(cell => (string?)cell!["id"] == NotebookRules.CheckId)!;
        // The copy lives in a temp folder, so it loads the real setup script by its full path.
        code[0]!["source"] = $"#load \"{System.IO.Path.Combine(Samples.Root, "helpers", "setup.csx")}\"";
        // A learner who asks for a hint before trying, and one who asks after the stub's check said "Not yet".
        cells.Insert(cells.IndexOf(code[1]) + 1, Copy(check, $"{HintId}_1", AskForAHint));
        cells.Add(Copy(check, $"{HintId}_2", AskForAHint));
        var answers = WrongAnswers[number].Append(Solutions[number]).ToArray();
        for (var i = 0; i < answers.Length; i++)
        {
            cells.Add(Copy(check, $"answer_{i + 1}", answers[i]));
            cells.Add(Copy(check, $"{NotebookRules.CheckId}_{i + 1}", null));
        }

        var copy = System.IO.Path.Combine(folder, System.IO.Path.GetFileName(lesson));
        File.WriteAllText(copy, notebook.ToJsonString());
        return copy;
    }

    /// <summary>The id, before its <c>_N</c>, of the cells a run adds to ask for a hint.</summary>
    public const string HintId = "hint";

    static JsonNode Copy(JsonNode cell, string id, string? source)
    {
        var copy = cell.DeepClone();
        copy["id"] = id;
        if (source is not null)
            copy["source"] = source;
        return copy;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
