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

    /// <summary>The run of the lesson whose file name starts with <paramref name="number"/> ("01" to "08").</summary>
    public Task<NotebookRun> RunAsync(string number) =>
        _runs.GetOrAdd(number, n => new Lazy<Task<NotebookRun>>(() => RunWithSolutionAsync(n))).Value;

    async Task<NotebookRun> RunWithSolutionAsync(string number)
    {
        var run = await NotebookRunner.RunAsync(WriteWithSolution(number, _folder), RunOptions.Default with { CellTimeout = TimeSpan.FromSeconds(120) });
        RunTimes.Record("notebook", System.IO.Path.GetFileName(run.Path), run.Elapsed);
        return run;
    }

    /// <summary>Writes a copy of lesson <paramref name="number"/> into <paramref name="folder"/>, with a right answer to its
    /// exercise (after its wrong answers), each followed by the check cell again, and an <see cref="AskForAHint"/> cell after the
    /// setup cells and after the stub's check; the setup cell loads the real setup script by its full path.</summary>
    /// <returns>The copy's path.</returns>
    public static string WriteWithSolution(string number, string folder)
    {
        var lesson = Lessons.Single(path => System.IO.Path.GetFileName(path).StartsWith(number + "-", StringComparison.Ordinal));
        var notebook = JsonNode.Parse(File.ReadAllText(lesson))!;
        var cells = notebook["cells"]!.AsArray();
        var code = cells.Where(cell => (string?)cell!["cell_type"] == "code").ToArray();
        // The copy lives in a temp folder, so it loads the real setup script by its full path.
        code[0]!["source"] = $"#load \"{System.IO.Path.Combine(Samples.Root, "helpers", "setup.csx")}\"";
        // A learner who asks for a hint before trying, and one who asks after the stub's check said "Not yet".
        var askFirst = code[^1]!.DeepClone();
        askFirst["source"] = AskForAHint;
        cells.Insert(cells.IndexOf(code[1]) + 1, askFirst);
        var askAfter = askFirst.DeepClone();
        cells.Add(askAfter);
        foreach (var answer in WrongAnswers[number].Append(Solutions[number]))
        {
            var cell = code[^1]!.DeepClone();
            cell["source"] = answer;
            cells.Add(cell);
            cells.Add(code[^1]!.DeepClone());
        }

        var copy = System.IO.Path.Combine(folder, System.IO.Path.GetFileName(lesson));
        File.WriteAllText(copy, notebook.ToJsonString());
        return copy;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}

/// <summary>Finds a lesson's cells by what they say, so the tests survive added or moved cells.</summary>
internal static class LessonCells
{
    /// <summary>The output of the first code cell whose source contains <paramref name="snippet"/>.</summary>
    public static string Output(this NotebookRun run, string snippet) => Samples.Output(run.Cell(snippet));

    /// <summary>The HTML of the first code cell whose source contains <paramref name="snippet"/>.</summary>
    public static string Html(this NotebookRun run, string snippet) => Samples.Html(run.Cell(snippet));

    /// <summary>The outputs of every code cell whose source contains <paramref name="snippet"/>, in order.</summary>
    public static IReadOnlyList<string> Outputs(this NotebookRun run, string snippet) =>
        run.Document.Elements.Where(e => e.Contents.Contains(snippet, StringComparison.Ordinal)).Select(Samples.Output).ToArray();

    /// <summary>The outputs of every code cell (not the prose around them) whose source is exactly <paramref name="source"/>, in order.</summary>
    public static IReadOnlyList<string> OutputsOfCell(this NotebookRun run, string source) =>
        run.Document.Elements.Where(e => e.KernelName != "markdown" && e.Contents.Trim() == source).Select(Samples.Output).ToArray();

    /// <summary>The output of the last code cell: the exercise check, run after the solution.</summary>
    public static string LastOutput(this NotebookRun run) =>
        Samples.Output(run.Document.Elements.Last(e => e.Outputs.Count > 0));

    static InteractiveDocumentElement Cell(this NotebookRun run, string snippet) =>
        // Code cells only: the prose around a cell often quotes its code.
        run.Document.Elements.FirstOrDefault(e => e.KernelName != "markdown" && e.Contents.Contains(snippet, StringComparison.Ordinal))
        ?? throw new InvalidOperationException($"{System.IO.Path.GetFileName(run.Path)} has no cell containing \"{snippet}\".");
}
