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

    /// <summary>A right answer to each lesson's exercise, by the lesson's number.</summary>
    internal static readonly Dictionary<string, string> Solutions = new()
    {
        ["01"] = "static long SumOfSquares(int n)\n{\n    long sum = 0;\n    for (long i = 1; i <= n; i++) sum += i * i;\n    return sum;\n}",
        // The exercise's hint: add locally, then once under the lock.
        ["02"] = "static void AddOne(SharedValue<int> counter, int times)\n{\n    int mine = 0;\n    for (int i = 0; i < times; i++) mine += 1;\n    using (counter.GetLock().Acquire()) counter.Value += mine;\n}",
        ["03"] = "static void SquareInPlace(SharedArray<int> numbers, int index) => numbers[index] = numbers[index] * numbers[index];",
        ["04"] = "static int DefaultChunksize(int items, int workers) => (int)Math.Ceiling(items / (4.0 * workers));",
        ["05"] = "static int GetOrDefault(AsyncResult<int> result, TimeSpan timeout, int fallback)\n{\n    try { return result.Get(timeout); }\n    catch (TimeoutException) { return fallback; }\n}",
        ["06"] = "static int Deal(int seed, int index)\n{\n    var cards = Enumerable.Range(1, 100).ToArray();\n    new Random(seed).Shuffle(cards);\n    return cards[index];\n}",
        ["07"] = "static void ProduceFor(SharedQueue<int> queue, int count, int consumers)\n{\n    for (int i = 1; i <= count; i++) queue.Put(i);\n    for (int c = 0; c < consumers; c++) queue.Put(0);\n}",
        ["08"] = "static int CallsForMap(int items, int silos, int coresPerSilo)\n{\n    int chunk = (int)Math.Ceiling(items / (4.0 * silos * coresPerSilo));\n    return (int)Math.Ceiling(items / (double)chunk);\n}",
    };

    /// <summary>Tempting wrong answers to each lesson's exercise, which its check must reject, in the order they run.</summary>
    internal static readonly Dictionary<string, string[]> WrongAnswers = new()
    {
        // i * i overflows int once i passes 46,340.
        ["01"] = ["static long SumOfSquares(int n)\n{\n    long sum = 0;\n    for (int i = 1; i <= n; i++) sum += i * i;\n    return sum;\n}"],
        ["02"] =
        [
            // No lock: four processes at once lose updates.
            "static void AddOne(SharedValue<int> counter, int times)\n{\n    for (int i = 0; i < times; i++) counter.Value += 1;\n}",
            // Sets the total instead of adding: every child writes the same number, under the lock.
            "static void AddOne(SharedValue<int> counter, int times)\n{\n    using (counter.GetLock().Acquire()) counter.Value = 4 * times;\n}",
        ],
        // From the index alone, not the value that is there.
        ["03"] = ["static void SquareInPlace(SharedArray<int> numbers, int index) => numbers[index] = (index + 1) * (index + 1);"],
        // Chunks per worker, not four chunks per worker.
        ["04"] = ["static int DefaultChunksize(int items, int workers) => (items + workers - 1) / workers;"],
        ["05"] =
        [
            // Never waits: returns the fallback even for the fast task.
            "static int GetOrDefault(AsyncResult<int> result, TimeSpan timeout, int fallback) => result.Ready ? result.Get(timeout) : fallback;",
            // Always waits the whole timeout, even when the result came at once.
            "static int GetOrDefault(AsyncResult<int> result, TimeSpan timeout, int fallback)\n{\n    Thread.Sleep(timeout);\n    return result.Ready ? result.Get(TimeSpan.Zero) : fallback;\n}",
            // Swallows a failed task's error, as if it were late.
            "static int GetOrDefault(AsyncResult<int> result, TimeSpan timeout, int fallback)\n{\n    try { return result.Get(timeout); } catch { return fallback; }\n}",
        ],
        // The same seed in every child: four equal numbers.
        ["06"] =
        [
            "static int Deal(int seed, int index) => new Random(seed).Next(1, 101);",
            // One draw plus the index: four different numbers, but past 100 for some seeds (6 of the 200 checked).
            "static int Deal(int seed, int index) => new Random(seed).Next(1, 101) + index;",
            // No shuffle: the deck 1 to 100 rotated by the seed, so four different numbers, the same for the same seed.
            "static int Deal(int seed, int index) => (seed + index) % 100 + 1;",
            // One draw plus the index, kept under 101 for the first four cards: no shuffle either.
            "static int Deal(int seed, int index) => new Random(seed).Next(1, 98) + index;",
        ],
        ["07"] =
        [
            // One end marker for three consumers: the first takes it, the other two wait for one.
            "static void ProduceFor(SharedQueue<int> queue, int count, int consumers)\n{\n    for (int i = 1; i <= count; i++) queue.Put(i);\n    queue.Put(0);\n}",
            // Numbers from 0: the first number is taken for a marker, and a marker is left over.
            "static void ProduceFor(SharedQueue<int> queue, int count, int consumers)\n{\n    for (int i = 0; i < count; i++) queue.Put(i);\n    for (int c = 0; c < consumers; c++) queue.Put(0);\n}",
            // The markers first: every consumer ends at once, and the numbers are left in the queue.
            "static void ProduceFor(SharedQueue<int> queue, int count, int consumers)\n{\n    for (int c = 0; c < consumers; c++) queue.Put(0);\n    for (int i = 1; i <= count; i++) queue.Put(i);\n}",
        ],
        // Silos as workers, forgetting that the client counts every core of every silo as a worker.
        ["08"] = ["static int CallsForMap(int items, int silos, int coresPerSilo)\n{\n    int chunk = (int)Math.Ceiling(items / (4.0 * silos));\n    return (int)Math.Ceiling(items / (double)chunk);\n}"],
    };

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
    /// exercise (after its wrong answers), each followed by the check cell again; the setup cell loads the real setup script by its full path.</summary>
    /// <returns>The copy's path.</returns>
    public static string WriteWithSolution(string number, string folder)
    {
        var lesson = Lessons.Single(path => System.IO.Path.GetFileName(path).StartsWith(number + "-", StringComparison.Ordinal));
        var notebook = JsonNode.Parse(File.ReadAllText(lesson))!;
        var cells = notebook["cells"]!.AsArray();
        var code = cells.Where(cell => (string?)cell!["cell_type"] == "code").ToArray();
        // The copy lives in a temp folder, so it loads the real setup script by its full path.
        code[0]!["source"] = $"#load \"{System.IO.Path.Combine(Samples.Root, "helpers", "setup.csx")}\"";
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

    /// <summary>The output of the last code cell: the exercise check, run after the solution.</summary>
    public static string LastOutput(this NotebookRun run) =>
        Samples.Output(run.Document.Elements.Last(e => e.Outputs.Count > 0));

    static InteractiveDocumentElement Cell(this NotebookRun run, string snippet) =>
        // Code cells only: the prose around a cell often quotes its code.
        run.Document.Elements.FirstOrDefault(e => e.KernelName != "markdown" && e.Contents.Contains(snippet, StringComparison.Ordinal))
        ?? throw new InvalidOperationException($"{System.IO.Path.GetFileName(run.Path)} has no cell containing \"{snippet}\".");
}
