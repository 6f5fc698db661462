using System.Text.RegularExpressions;

namespace Course.Tests.Lessons;

/// <summary>Lesson 1, what multiprocessing is: a pool squares ten numbers, and the cost is charted.</summary>
public sealed class Lesson01 : LessonUnit
{
    /// <inheritdoc/>
    public override void Check(LessonOutput run)
    {
        SquaresTenNumbersInAPoolOfWorkerProcessesNotTheLessonsOwn(run);
        ChartsTheCostAndJudgesIt(run);
        AssertExercise(run);
        TheEndlessAnswerIsStoppedAndItsWorkersAreGone(run);
    }

    static void SquaresTenNumbersInAPoolOfWorkerProcessesNotTheLessonsOwn(LessonOutput run)
    {
        var kernel = int.Parse(Regex.Match(run.Cell("process-id").Output, @"runs in process (\d+)").Groups[1].Value);
        var map = run.Cell("pool-map-square").Output;
        Assert.Contains("[0, 1, 4, 9, 16, 25, 36, 49, 64, 81]", map);
        // Each number squared once, by workers, never by the lesson's process; how many workers took part depends on which were ready.
        var squared = Regex.Matches(map, @"process (\d+) squares (\d)");
        Assert.Equal(Enumerable.Range(0, 10), squared.Select(m => int.Parse(m.Groups[2].Value)).Order());
        var workers = squared.Select(m => int.Parse(m.Groups[1].Value)).ToHashSet();
        Assert.InRange(workers.Count, 1, 5);
        Assert.DoesNotContain(kernel, workers);
    }

    static void ChartsTheCostAndJudgesIt(LessonOutput run)
    {
        AssertChart(run.Cell("chart-trivial"), "Trivial work");
        AssertChart(run.Cell("chart-heavy"), "CPU-heavy work");
        if (run.IsApp)
            Assert.Contains("Trivial work: x * 2 for 1,000 numbers", run.Cell("chart-trivial").Output);
        var verdicts = run.Cell("verdicts").Output;
        Assert.Matches(@"Heavy work: +Processes: [\d.]+× (faster|slower)", verdicts);
        if (run.IsApp)
            return;
        Assert.Matches(@"Processes: .*kept [\d.]+ cores busy on average", verdicts);
        Assert.Matches(@"Threads: .*kept [\d.]+ cores busy on average", verdicts);
        Assert.Matches(@"Predicted for processes: .* = \d+ ms; measured \d+ ms", verdicts);
        Assert.Matches(@"PLINQ: \d+ counts in \d+ ms", run.Cell("plinq").Output);
    }

    /// <summary>
    /// The endless answer (a short counter that never passes 100,000) ran in the pool's workers: the check gave up after
    /// its bound, named the function, and the workers it stopped are gone. An app runs no wrong answers.
    /// </summary>
    static void TheEndlessAnswerIsStoppedAndItsWorkersAreGone(LessonOutput run)
    {
        if (run.IsApp)
            return;
        var endless = run.Exercise.Wrong[Array.FindIndex(LessonRuns.WrongAnswers["01"], a => a.Contains("short i"))];
        Assert.Contains(NotYet, endless);
        var stopped = Regex.Match(endless, @"SumOfSquares did not finish within 20 s in the pool's worker processes \(pids \[(?<pids>[\d, ]+)\]\), which were stopped");
        Assert.True(stopped.Success, endless);
        foreach (var pid in stopped.Groups["pids"].Value.Split(", ").Select(int.Parse))
            Assert.False(IsRunning(pid), $"worker {pid} of the endless SumOfSquares is still running");
    }
}
