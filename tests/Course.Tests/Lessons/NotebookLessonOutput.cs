using Microsoft.DotNet.Interactive.Documents;

namespace Course.Tests.Lessons;

/// <summary>
/// A lesson run as a notebook (by the kernel runner or a Jupyter client), written by <see cref="LessonRuns.WriteWithSolution"/>:
/// each cell's own output, the check run after the stub, each wrong answer (<c>answer_N</c>, <c>check_N</c>) and the solution.
/// </summary>
public sealed class NotebookLessonOutput(string number, NotebookRun run) : LessonOutput(number)
{
    /// <summary>The run this view reads.</summary>
    public NotebookRun Run { get; } = run;

    /// <inheritdoc/>
    public override bool IsApp => false;

    /// <inheritdoc/>
    public override LessonCell Cell(string id)
    {
        var cell = Run.Document.Elements.FirstOrDefault(e => e.KernelName != "markdown" && e.Id == id)
            ?? throw new Xunit.Sdk.XunitException($"{Path.GetFileName(Run.Path)} has no code cell with id \"{id}\"; its code cells are "
                + string.Join(", ", Run.Document.Elements.Where(e => e.KernelName != "markdown").Select(e => e.Id)) + ".");
        return new LessonCell(id, Samples.Output(cell), Samples.Html(cell));
    }

    /// <inheritdoc/>
    public override ExerciseRun Exercise
    {
        get
        {
            var checks = Runs(NotebookRules.CheckId);
            Assert.True(checks.Count >= 2, $"{Path.GetFileName(Run.Path)}: the check ran {checks.Count} times; it runs after the stub and after the solution.");
            return new ExerciseRun(checks[0], checks.Skip(1).SkipLast(1).ToArray(), checks[^1], Runs(LessonRuns.HintId));
        }
    }

    /// <summary>The output of the last cell that has any: the check, run after the solution.</summary>
    public string LastOutput => Samples.Output(Run.Document.Elements.Last(e => e.Outputs.Count > 0));

    /// <summary>The outputs of the cell <paramref name="id"/> and of its copies the run appended (<c>id_1</c>, <c>id_2</c>, …), in order.</summary>
    IReadOnlyList<string> Runs(string id) =>
        Run.Document.Elements.Where(e => e.KernelName != "markdown" && (e.Id == id || e.Id?.StartsWith(id + "_", StringComparison.Ordinal) == true))
            .Select(Samples.Output).ToArray();
}
