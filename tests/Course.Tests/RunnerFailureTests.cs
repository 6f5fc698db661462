using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.DotNet.Interactive.Documents;

namespace Course.Tests;

/// <summary>The runner stops at the first failing cell, names it, and leaves nothing running.</summary>
[Collection("Kernel")]
public class RunnerFailureTests
{
    [Fact]
    public async Task AFailingCellStopsTheRunAndIsReportedByNumber()
    {
        var run = await NotebookRunner.RunAsync(Samples.Path("failing-cell.ipynb"), RunOptions.Default);

        Assert.False(run.Succeeded);
        Assert.Equal(3, run.Failure!.Cell);
        Assert.Contains("this cell fails on purpose", run.Failure.Message);
        Assert.Contains("before the failure", Samples.Output(run.Document.Elements[1]));
        Assert.Contains(run.Document.Elements[2].Outputs, o => o is ErrorElement);
        Assert.Empty(run.Document.Elements[3].Outputs); // never ran
    }

    [Fact]
    public async Task ACellThatRunsTooLongFailsAndItsKernelAndChildrenAreStopped()
    {
        var clock = Stopwatch.StartNew();
        var run = await NotebookRunner.RunAsync(Samples.Path("slow-cell.ipynb"), RunOptions.Default with { CellTimeout = TimeSpan.FromSeconds(10) }); // long enough for the first cell on a loaded machine

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"took {clock.Elapsed}");
        Assert.Equal(2, run.Failure?.Cell);
        Assert.Contains("did not finish within 10 s", run.Failure!.Message);
        var pid = int.Parse(Regex.Match(Samples.Output(run.Document.Elements[1]), @"started (\d+)").Groups[1].Value);
        Assert.True(HasEnded(pid), $"the cell's child process {pid} is still running");
    }

    [Fact]
    public async Task TheCommandLineExitsNonZeroNamingTheNotebookAndTheCell()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "Course.dll"), "run", Samples.Path("failing-cell.ipynb") },
            WorkingDirectory = Samples.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var course = Process.Start(start)!;
        var output = course.StandardOutput.ReadToEndAsync();
        var errors = course.StandardError.ReadToEndAsync();
        if (!course.WaitForExit(TimeSpan.FromSeconds(90)))
        {
            course.Kill(entireProcessTree: true);
            Assert.Fail("the course tool did not finish in 90 s");
        }
        Assert.Equal(1, course.ExitCode);
        Assert.Contains("failing-cell.ipynb: cell 3 failed", await errors);
        Assert.Contains("cell 2 (1/3 code): ok", await output);
    }

    [Fact]
    public void AMissingNotebookIsAClearErrorBeforeAnyKernelStarts()
    {
        var missing = Path.Combine(Samples.Root, "notebooks", "no-such-lesson.ipynb");
        var error = Assert.Throws<FileNotFoundException>(() => NotebookFile.Read(missing));
        Assert.Contains("There is no notebook at", error.Message);
    }

    /// <summary>Gone, or a zombie waiting for init to reap it.</summary>
    static bool HasEnded(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.WaitForExit(TimeSpan.FromSeconds(5)) || File.ReadAllText($"/proc/{pid}/stat").Split(' ')[2] == "Z";
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException)
        {
            return true;
        }
    }
}
