using System.Text.RegularExpressions;

namespace Course.Tests.Lessons;

/// <summary>Lesson 2, processes against threads: every row of the table is backed by a run.</summary>
public sealed class Lesson02 : LessonUnit
{
    /// <inheritdoc/>
    public override void Check(LessonOutput run)
    {
        MeasuresCpuAndIoBoundWorkAndStartUp(run);
        AProcessKeepsItsMemoryAndAThreadShares(run);
        ShowsRacesAndALockAbandonedByAKilledChild(run);
        ShowsHowAChildEnds(run);
        AssertExercise(run);
        // The answer that sets the total instead of adding: the counter started at 1,000.
        if (!run.IsApp)
            Assert.Contains("the parent sees 800,000, expected 1,000 + 4 × 200,000 = 801,000", run.Exercise.Wrong[1]);
    }

    static void MeasuresCpuAndIoBoundWorkAndStartUp(LessonOutput run)
    {
        AssertChart(run.Cell("chart-cpu"), "CPU-bound");
        AssertChart(run.Cell("chart-io"), "I/O-bound");
        AssertChart(run.Cell("chart-startup"), "Start one");
        if (run.IsApp)
            return;
        Assert.Matches(@"Threads: .*kept [\d.]+ cores busy on average", run.Cell("cpu-verdict").Output);
        Assert.Matches(@"Processes: .*kept [\d.]+ cores busy on average", run.Cell("cpu-verdict").Output);
        Assert.Contains("ideal: 4× faster", run.Cell("chart-io").Html!);
        // Whether starting the runtimes paid follows the processes' verdict.
        var io = run.Cell("io-verdict").Output;
        var processes = Regex.Match(io, @"Processes: [^\n]*").Value;
        Assert.Contains(processes.Contains("within the spread") ? "Starting 4 runtimes about broke even"
            : processes.Contains("faster than the loop") ? "It paid to start 4 runtimes" : "It did not pay to start 4 runtimes", io);
        Assert.Matches(@"12 waits of 40 ms with await Task.WhenAll: \d+ ms", run.Cell("task-whenall").Output);
        Assert.Matches(@"One thread: [\d.]+ ms\. One process: [\d.]+ ms", run.Cell("startup-times").Output);
        // More processes than cores, and the verdict follows the measured ratio.
        var turns = run.Cell("more-processes-than-cores").Output;
        var crowd = Regex.Match(turns, @"One process alone: \d+ ms\. (\d+) at once: \d+ ms, ([\d.]+)× as long");
        Assert.True(crowd.Success, turns);
        Assert.Equal(Math.Clamp(2 * Environment.ProcessorCount + 1, 5, 65), int.Parse(crowd.Groups[1].Value));
        var longer = Number(crowd.Groups[2].Value);
        if (longer >= 2.05) Assert.Contains("the processes took turns for the cores", turns);
        if (longer <= 1.95) Assert.Contains("does not show the turns clearly", turns);
    }

    static void AProcessKeepsItsMemoryAndAThreadShares(LessonOutput run)
    {
        var memory = run.Cell("memory").Output;
        Assert.Contains("After a process: the parent sees 1", memory); // the child's change stayed in the child
        if (run.IsApp)
            return;
        Assert.Contains("After a thread:  the parent sees 1", memory);
        Assert.Equal(2, Regex.Matches(memory, @"in process \d+: Counter.Value = 1").Select(m => m.Value).Distinct().Count());
    }

    static void ShowsRacesAndALockAbandonedByAKilledChild(LessonOutput run)
    {
        var abandoned = run.Cell("die-holding-the-lock").Output;
        Assert.Contains("holding the lock. The next Acquire took it over, and threw AbandonedMutexException", abandoned);
        if (run.IsApp)
            return;
        Assert.Contains("The child was killed (exit code 137) holding the lock. The next Acquire took it over, and threw AbandonedMutexException", abandoned);
        Assert.Contains("The value it guards reads -1: half-written.", abandoned);
        var race = run.Cell("race").Output;
        // A race may miss on a busy machine; then the cell must say so, not claim one.
        var lost = int.Parse(Regex.Match(race, @"no lock: +[\d,]+ \(([\d,]+) updates lost").Groups[1].Value.Replace(",", ""));
        Assert.True(lost > 0 || race.Contains("No update was lost in 20 runs"), race);
        Assert.Contains("count++ inside lock:    10,000,000", race);
        Assert.Contains("Interlocked.Increment:  10,000,000", race);
        var shared = run.Cell("race-in-children").Output;
        Assert.Matches(@"without the lock: [\d,]+ of 10,000,000 \([1-9][\d,]* updates lost|No update was lost in 10 runs", shared);
        Assert.Contains("with the lock:    1,000,000 of 1,000,000", shared);
    }

    static void ShowsHowAChildEnds(LessonOutput run)
    {
        var crash = run.Cell("crash").Output;
        Assert.Contains("The child exited with code 1", crash);
        Assert.Contains("The exception on the child's thread ended the whole child", run.Cell("crash-on-a-thread").Output);
        if (run.IsApp)
            return;
        Assert.Contains("something broke in the child", crash);
        Assert.Contains("The exception on the child's thread ended the whole child, with exit code 134", run.Cell("crash-on-a-thread").Output);
        var fatal = run.Cell("fatal-errors").Output;
        Assert.Matches(@"After a stack overflow, the child exited with code 134", fatal);
        Assert.Matches(@"After Environment.FailFast, the child exited with code 134", fatal);
        Assert.Contains("Killed, it exited with code 137 (128 + SIGKILL's 9).", run.Cell("kill").Output);
    }
}
