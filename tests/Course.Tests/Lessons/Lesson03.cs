using System.Text.RegularExpressions;

namespace Course.Tests.Lessons;

/// <summary>Lesson 3, creating a process: fifteen processes cube a shared array.</summary>
public sealed class Lesson03 : LessonUnit
{
    static readonly string Cubes = string.Join(", ", Enumerable.Range(2, 15).Select(n => n * n * n));

    /// <inheritdoc/>
    public override void Check(LessonOutput run)
    {
        CubesTheSharedArrayInFifteenProcesses(run);
        AChildPrintsThePidToAttachADebuggerTo(run);
        ACapturingLambdaIsRefusedAndAnArgumentTravels(run);
        TheChecksPredictionKeepsThePlainArray(run);
    }

    static void CubesTheSharedArrayInFifteenProcesses(LessonOutput run)
    {
        Assert.Contains($"after:  [{Cubes}]", run.Cell("cube-in-place").Output);
        var table = run.Cell("exit-codes").Output;
        Assert.Equal(15, Regex.Matches(table, @"pid (\d+) +exit code 0").Select(m => m.Groups[1].Value).Distinct().Count());
        AssertChart(run.Cell("chart-timeline"), "15 child processes");
        AssertChart(run.Cell("chart-cost"), "Cube 15 numbers");
    }

    // Debugging a child: it prints its pid, the one the parent started.
    static void AChildPrintsThePidToAttachADebuggerTo(LessonOutput run)
    {
        var debuggee = run.Cell("wait-for-a-debugger").Output;
        var started = Regex.Match(debuggee, @"Started child 1 as process (\d+)").Groups[1].Value;
        Assert.Contains($"child 1 is process {started}: attach a debugger to that pid", debuggee);
        if (run.IsApp)
            return;
        Assert.Contains($"process {started}: no debugger came within 500 ms", debuggee);
        Assert.Contains("Child 1 exited with code 0.", debuggee);
    }

    // What cannot travel: the capturing lambda is refused, naming what it captures; passed as an argument, the value goes.
    static void ACapturingLambdaIsRefusedAndAnArgumentTravels(LessonOutput run)
    {
        Assert.Contains("Refused, with ArgumentException: The lambda", run.Cell("capturing-lambda").Output);
        Assert.Contains("captures factor", run.Cell("capturing-lambda").Output);
        Assert.Matches(@"got factor 3 as an argument: 3 × 2 = 6", run.Cell("factor-as-argument").Output);
        if (!run.IsApp)
            Assert.Matches(@"process \d+ got factor 3 as an argument: 3 × 2 = 6", run.Cell("factor-as-argument").Output);
    }

    // The prediction: 15 real children cube their copies of a plain int[], and the parent's array stays as it was.
    static void TheChecksPredictionKeepsThePlainArray(LessonOutput run)
    {
        AssertExercise(run);
        if (run.IsApp)
            return;
        var plain = string.Join(", ", Enumerable.Range(2, 15));
        Assert.Contains($"the parent still sees [{plain}], as you predicted", run.Exercise.Solved);
        Assert.Contains($"the children's copies held [{Cubes}]", run.Exercise.Solved);
        // Predicting the cubes (as with a SharedArray) is told how many places differ, not the answer.
        var cubesPredicted = run.Exercise.Wrong[0];
        Assert.Contains("differs from it at 15 of 15 places", cubesPredicted);
        Assert.DoesNotContain($"[{plain}]", cubesPredicted);
    }
}
