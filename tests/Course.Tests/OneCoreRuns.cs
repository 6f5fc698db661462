using System.Collections.Concurrent;

namespace Course.Tests;

/// <summary>
/// Runs each lesson once as on a one-core machine (<c>--cores 1</c>: the kernel under <c>taskset</c> with
/// <c>DOTNET_PROCESSOR_COUNT=1</c>), with its exercise's wrong answers and solution appended as <see cref="LessonRuns"/> does,
/// shared by every test that looks at it.
/// </summary>
public sealed class OneCoreRuns : IDisposable
{
    readonly ConcurrentDictionary<string, Lazy<Task<NotebookRun>>> _runs = new();
    readonly string _folder = Directory.CreateTempSubdirectory("course-one-core-").FullName;

    /// <summary>The one-core run of the lesson whose file name starts with <paramref name="number"/> ("01", "02", …).</summary>
    public Task<NotebookRun> RunAsync(string number) =>
        _runs.GetOrAdd(number, n => new Lazy<Task<NotebookRun>>(() => RunOnOneCoreAsync(n))).Value;

    async Task<NotebookRun> RunOnOneCoreAsync(string number)
    {
        var options = RunOptions.Default with { CellTimeout = TimeSpan.FromSeconds(120), Cores = 1 };
        var run = await NotebookRunner.RunAsync(LessonRuns.WriteWithSolution(number, _folder), options);
        RunTimes.Record("one-core", Path.GetFileName(run.Path), run.Elapsed);
        return run;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
