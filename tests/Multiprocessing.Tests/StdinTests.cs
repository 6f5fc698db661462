using System.Diagnostics;

namespace Multiprocessing.Tests;

/// <summary>
/// A worker's and a child's standard input is empty, as CPython gives its children <c>/dev/null</c>: a task that reads it
/// gets end of input at once (the protocol has pipes of its own), and so does a process the task starts.
/// </summary>
public class StdinTests
{
    static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public void ATaskThatReadsStdinGetsEndOfInput_AndThePoolKeepsWorking()
    {
        using var pool = new ProcessPool(2);
        Assert.Equal(["<eof>", "<eof>"], pool.MapAsync(StdinTargets.Ask, [0, 1], chunksize: 1).Get(Bound));
        Assert.Equal("", pool.ApplyAsync(StdinTargets.ReadToEnd, 0).Get(Bound));
        Assert.Equal([0, 1, 4, 9], pool.MapAsync(Targets.Square, [0, 1, 2, 3]).Get(Bound));
    }

    [Fact]
    public void AProcessATaskStartsReadsEndOfInputToo()
    {
        if (OperatingSystem.IsWindows())
            return; // no cat
        using var pool = new ProcessPool(1);
        Assert.Equal(0, pool.ApplyAsync(StdinTargets.RunCat, 0).Get(Bound));
        Assert.Equal(4, pool.ApplyAsync(Targets.Square, 2).Get(Bound));
    }

    [Fact]
    public void AChildThatReadsALineEnds()
    {
        using var child = ChildProcess.Create(StdinTargets.AskAndExit, 0);
        child.Start();
        Assert.True(child.Join(Bound), "A child reading stdin never ended.");
        Assert.Equal(StdinTargets.EndOfInputExitCode, child.ExitCode);
    }
}

/// <summary>Tasks that read their process's standard input.</summary>
public static class StdinTargets
{
    public const int EndOfInputExitCode = 7;

    public static string Ask(int _) => Console.ReadLine() ?? "<eof>";

    public static string ReadToEnd(int _) => Console.In.ReadToEnd();

    public static void AskAndExit(int _) => Environment.Exit(Console.ReadLine() is null ? EndOfInputExitCode : 1);

    /// <summary>Runs <c>cat</c> on this process's stdin, as a task that shells out would; returns its exit code.</summary>
    public static int RunCat(int _)
    {
        using var cat = Process.Start(new ProcessStartInfo("cat") { UseShellExecute = false })!;
        if (!cat.WaitForExit(TimeSpan.FromSeconds(10)))
        {
            cat.Kill();
            return -1;
        }
        return cat.ExitCode;
    }
}
