using System.Text.RegularExpressions;

namespace Course.Tests.Lessons;

/// <summary>Lesson 5, creating a pool: the Python example runs, the timeout fires, and Amdahl's law is measured.</summary>
public sealed class Lesson05 : LessonUnit
{
    /// <inheritdoc/>
    public override void Check(LessonOutput run)
    {
        RunsThePythonExampleAndTheTimeoutFires(run);
        AFailingTaskAndATerminatedPoolFailInsteadOfHanging(run);
        ChunksAndCopiesAreMeasured(run);
        AmdahlsLawGivesASpeedupForEveryWorkerCount(run);
        AssertExercise(run);
    }

    static void RunsThePythonExampleAndTheTimeoutFires(LessonOutput run)
    {
        Assert.Contains("[0, 1, 4, 9, 16, 25, 36, 49, 64, 81]", run.Cell("python-example").Output);
        Assert.Contains("ApplyAsync(F, 20).Get(timeout: 1 s) = 400", run.Cell("apply-timeout").Output);
        Assert.Contains("We lacked patience and got a TimeoutException", run.Cell("timeout-fires").Output);
        if (run.IsApp)
            return;
        var naps = run.Cell("imap-unordered").Output;
        Assert.Contains("differs from input order", naps);
        Assert.Contains("Python's pool would give [10, 50, 150, 20, 250, 100, 300, 400]", naps);
        Assert.Contains("the 150 ms nap starts at 10 ms and ends at 160 ms", naps);
        Assert.Matches("The order measured is Python's|The order measured parts from Python's at place", naps);
    }

    static void AFailingTaskAndATerminatedPoolFailInsteadOfHanging(LessonOutput run)
    {
        var failed = run.Cell("map-fails").Output;
        Assert.Contains("Map raised RemoteException (System.ArgumentOutOfRangeException", failed);
        if (run.IsApp)
            return;
        Assert.Matches(@"Map raised RemoteException \(System.ArgumentOutOfRangeException: this task fails at once.*\) from worker \d+, \d+ ms after the call", failed);
        Assert.Matches("had not finished: Map raised the first error as it arrived|does not tell the two apart", failed);
        Assert.Contains("failed instead of hanging: The pool was terminated", run.Cell("dispose-fails").Output);
    }

    static void ChunksAndCopiesAreMeasured(LessonOutput run)
    {
        AssertChart(run.Cell("chart-chunksize"), "time by chunksize");
        var copy = run.Cell("copy-vs-shared").Output;
        Assert.Contains("Both sums are 124,999,750,000: the same.", copy);
        if (run.IsApp)
            return;
        Assert.Matches(@"for these 10,000 items on a pool of \d+ workers", run.Cell("chunksize-left").Output);
        var copyMs = int.Parse(Regex.Match(copy, @"MB of JSON: median (\d+) ms").Groups[1].Value);
        var sharedMs = int.Parse(Regex.Match(copy, @"one SharedArray: median (\d+) ms").Groups[1].Value);
        Assert.True(copyMs > sharedMs, copy);
        Assert.Matches(@"Copying cost about \d+ ms per task, every task; shared memory is mapped, not copied|overlapped within their spread", copy);
    }

    // Amdahl's law: a speedup for every worker count up to twice the cores, each beside its ideal.
    static void AmdahlsLawGivesASpeedupForEveryWorkerCount(LessonOutput run)
    {
        AssertChart(run.Cell("chart-workers"), "speedup by workers");
        var sweep = run.Cell("amdahl").Output;
        Assert.Matches($@"\b{2 * Environment.ProcessorCount} workers: [\d.]+× the loop's speed", sweep);
        Assert.Contains("workers beyond the cores add turns, not cores", sweep);
        if (run.IsApp)
            return;
        var counts = Regex.Matches(sweep, @"^ *(\d+) workers?: +[\d.]+× the loop's speed \(ideal [\d.]+×\)$", RegexOptions.Multiline).Select(m => int.Parse(m.Groups[1].Value)).ToList();
        Assert.Equal([1, 2 * Environment.ProcessorCount], [counts[0], counts[^1]]);
        Assert.Matches(@"Read through Amdahl's law|all the cores allow|fixed costs outweighed the work|On one core there is nothing to split", sweep);
    }
}
