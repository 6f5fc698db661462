using System.Collections.Concurrent;
using System.Diagnostics;

namespace Course.Tests.Jupyter;

/// <summary>
/// Runs each lesson once through Debian's real Jupyter client (nbclient), with the kernelspec <c>install-kernel</c>
/// writes, and the same appended answer and check as <see cref="LessonRuns"/>.
/// </summary>
public sealed class JupyterLessonRuns : IDisposable
{
    readonly ConcurrentDictionary<string, Lazy<Task<NotebookRun>>> _runs = new();
    readonly JupyterHome _home = new();

    /// <summary>The run of the lesson whose file name starts with <paramref name="number"/>.</summary>
    public Task<NotebookRun> RunAsync(string number) =>
        _runs.GetOrAdd(number, n => new Lazy<Task<NotebookRun>>(() => RunThroughJupyterAsync(n))).Value;

    async Task<NotebookRun> RunThroughJupyterAsync(string number)
    {
        var clock = Stopwatch.StartNew();
        var copy = LessonRuns.WriteWithSolution(number, _home.Root);
        var executed = Path.ChangeExtension(copy, ".executed.ipynb");
        using var jupyter = JupyterDriver.Open(_home);
        var error = await jupyter.RunNotebookAsync(copy, executed);
        var document = NotebookFile.Read(executed);
        return new NotebookRun(copy, document, error is null ? null : new CellFailure(0, error + "\n" + _home.LogTail), clock.Elapsed);
    }

    public void Dispose() => _home.Dispose();
}
