using System.Text.Json;

namespace Course;

/// <summary>
/// What a committed lesson must look like: no outputs, so no stale number survives, and the metadata that both
/// VS Code Polyglot Notebooks and Jupyter need to open it as C#.
/// </summary>
public static class NotebookRules
{
    /// <summary>The first code cell of every lesson: it builds and loads the course helpers.</summary>
    public const string SetupCell = "#load \"../helpers/setup.csx\"";

    /// <summary>Every rule the notebook at <paramref name="path"/> breaks, each as a sentence; empty when it keeps them all.</summary>
    public static IReadOnlyList<string> Problems(string path)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var problems = new List<string>();
        var root = json.RootElement;
        if (Number(root, "nbformat") != 4 || Number(root, "nbformat_minor") is not >= 4)
            problems.Add("nbformat must be 4.4 or later.");
        var metadata = root.TryGetProperty("metadata", out var m) ? m : default;
        if (Text(metadata, "kernelspec", "name") != ".net-csharp")
            problems.Add("metadata.kernelspec.name must be \".net-csharp\", so Jupyter starts the C# kernel.");
        if (Text(metadata, "polyglot_notebook", "kernelInfo", "defaultKernelName") != "csharp")
            problems.Add("metadata.polyglot_notebook.kernelInfo.defaultKernelName must be \"csharp\", so VS Code runs cells as C#.");

        var cells = root.TryGetProperty("cells", out var c) && c.ValueKind == JsonValueKind.Array ? c.EnumerateArray().ToArray() : [];
        if (cells.Length == 0)
        {
            problems.Add("The notebook has no cells.");
            return problems;
        }
        if (Text(cells[0], "cell_type") != "markdown" || !Source(cells[0]).StartsWith("# ", StringComparison.Ordinal))
            problems.Add("The first cell must be Markdown starting with a '# ' title: the lesson's question.");
        var code = cells.Select((cell, i) => (Cell: cell, Number: i + 1)).Where(x => Text(x.Cell, "cell_type") == "code").ToArray();
        if (code.Length == 0 || Source(code[0].Cell).Trim() != SetupCell)
            problems.Add($"The first code cell must be exactly {SetupCell}.");
        foreach (var (cell, number) in code)
        {
            if (cell.TryGetProperty("outputs", out var outputs) && outputs.GetArrayLength() > 0)
                problems.Add($"Cell {number} has outputs; clear them before committing (every number must come from the learner's run).");
            if (cell.TryGetProperty("execution_count", out var count) && count.ValueKind != JsonValueKind.Null)
                problems.Add($"Cell {number} has an execution count; clear outputs before committing.");
            if (Text(cell, "metadata", "polyglot_notebook", "kernelName") != "csharp" || Text(cell, "metadata", "dotnet_interactive", "language") != "csharp")
                problems.Add($"Cell {number} is not marked as C#: set metadata.polyglot_notebook.kernelName and metadata.dotnet_interactive.language to \"csharp\".");
        }
        var ids = cells.Select(cell => Text(cell, "id")).Where(id => id is not null).ToArray();
        if (ids.Distinct().Count() != ids.Length)
            problems.Add("Two cells share an id; nbformat needs each cell id to be unique.");
        problems.AddRange(ShapeProblems(Grading.NotebookCells.Parse(File.ReadAllText(path))));
        return problems;
    }

    /// <summary>The id of a lesson's exercise cell, the one tagged "exercise": the learner's answer.</summary>
    public const string ExerciseId = "exercise";

    /// <summary>The id of a lesson's check cell, the one tagged "check".</summary>
    public const string CheckId = "check";

    /// <summary>The id of a lesson's first code cell, <see cref="SetupCell"/>.</summary>
    public const string SetupLoadId = "setup-load";

    /// <summary>The id of a lesson's second code cell, its usings.</summary>
    public const string SetupUsingsId = "setup-usings";

    /// <summary>The cell tags a lesson uses, which the grader reads: it runs only these cells, in order.</summary>
    public static readonly string[] Tags = ["setup", "support", "exercise", "check"];

    // A lesson's shape: a Summary, then an Exercise; the setup cells tagged; the learner's cell tagged exercise; and the
    // teacher's check last, tagged check, so that the grader can put it back.
    static IEnumerable<string> ShapeProblems(IReadOnlyList<Grading.NotebookCell> cells)
    {
        var headings = cells.Where(cell => !cell.IsCode).SelectMany(cell => cell.Source.Split('\n')).Select(line => line.Trim()).ToList();
        int summary = headings.IndexOf("## Summary"), exercise = headings.IndexOf("## Exercise");
        if (summary < 0 || exercise < summary)
            yield return "A lesson needs a Markdown '## Summary' and, after it, an '## Exercise'.";
        var code = cells.Where(cell => cell.IsCode).ToArray();
        if (code.Length < 2 || !code.Take(2).All(cell => cell.Has("setup")))
            yield return "The first two code cells (the setup script and the usings) must be tagged \"setup\" in metadata.tags.";
        if (code.Count(cell => cell.Has("check")) != 1 || code.Length == 0 || !code[^1].Has("check"))
            yield return "The last code cell, and only it, must be tagged \"check\": the teacher's check, which grading puts back.";
        if (!code.SkipLast(1).Any(cell => cell.Has("exercise")))
            yield return "A code cell before the check must be tagged \"exercise\": the learner's answer.";
        // The tests, the apps and the grader find these cells by id, so a moved or edited cell is still found.
        foreach (var (tag, id) in new[] { ("exercise", ExerciseId), ("check", CheckId) })
            if (code.Where(cell => cell.Has(tag)).Any(cell => cell.Id != id))
                yield return $"The cell tagged \"{tag}\" must have the id \"{id}\": the tests and the grader find it by that id.";
        string[] setupIds = [SetupLoadId, SetupUsingsId];
        for (var i = 0; i < Math.Min(2, code.Length); i++)
            if (code[i].Id != setupIds[i])
                yield return $"Code cell {i + 1} (setup) must have the id \"{setupIds[i]}\": the tests find it by that id.";
        foreach (var tag in code.SelectMany(cell => cell.Tags).Distinct().Where(tag => !Tags.Contains(tag)))
            yield return $"Unknown cell tag \"{tag}\": a lesson's tags are {string.Join(", ", Tags)}.";
    }

    static int? Number(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.TryGetInt32(out var n) ? n : null;

    static string? Text(JsonElement element, params string[] path)
    {
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
                return null;
        }
        return element.ValueKind == JsonValueKind.String ? element.GetString() : null;
    }

    // nbformat allows a cell's source as one string or as a list of lines.
    static string Source(JsonElement cell) =>
        !cell.TryGetProperty("source", out var source) ? ""
        : source.ValueKind == JsonValueKind.Array ? string.Concat(source.EnumerateArray().Select(line => line.GetString()))
        : source.GetString() ?? "";
}
