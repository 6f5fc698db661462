namespace Course.Tests.Lessons;

/// <summary>
/// A lesson run as its file-based app: the committed app (the stub) and a copy with the solution. An app prints one text,
/// so every cell's output is the whole run's, and there is no HTML: a unit's chart checks pass over it.
/// </summary>
public sealed class AppLessonOutput(string number, AppRunResult stub, AppRunResult solved) : LessonOutput(number)
{
    readonly HashSet<string> _ids = NotebookFile.Read(LessonUnits.Notebook(number)).Elements
        .Where(e => e.KernelName != "markdown" && e.Id is not null).Select(e => e.Id!).ToHashSet(StringComparer.Ordinal);

    /// <inheritdoc/>
    public override bool IsApp => true;

    /// <inheritdoc/>
    public override LessonCell Cell(string id) =>
        // The id is still checked against the notebook, so a unit that names a cell the lesson lost fails here too.
        _ids.Contains(id) ? new LessonCell(id, stub.Output, null)
        : throw new Xunit.Sdk.XunitException($"{Path.GetFileName(LessonUnits.Notebook(Number))} has no code cell with id \"{id}\".");

    /// <inheritdoc/>
    public override ExerciseRun Exercise => new(stub.Output, [], solved.Output, []);
}
