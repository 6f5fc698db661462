using System.Text.RegularExpressions;

namespace Course.Tests.Lessons;

/// <summary>Lesson 6, four processes printing numbers: four numbers under four pids, and how to make them differ.</summary>
public sealed class Lesson06 : LessonUnit
{
    /// <inheritdoc/>
    public override void Check(LessonOutput run)
    {
        FourProcessesPrintFourNumbersUnderFourPids(run);
        DealingAndSeedingDecideWhetherTheNumbersRepeat(run);
        AssertExercise(run);
    }

    static void FourProcessesPrintFourNumbersUnderFourPids(LessonOutput run)
    {
        // The app prints the whole run as one text: its first four are this cell's.
        var printed = Regex.Matches(run.Cell("print-random").Output, @"process (\d+)\)? printed (\d+)").Take(4).ToList();
        Assert.Equal(4, printed.Count);
        Assert.Equal(4, printed.Select(m => m.Groups[1].Value).Distinct().Count());
        if (run.IsApp)
            return;
        Assert.Equal(4, Regex.Matches(run.Cell("print-random").Output, @"child \d \(process (\d+)\) printed (\d+)").Count);
        Assert.All(printed, m => Assert.InRange(int.Parse(m.Groups[2].Value), 1, 100));
        AssertChart(run.Cell("chart-timeline"), "Four processes");
        AssertChart(run.Cell("chart-cost"), "Draw 4 random numbers");
    }

    static void DealingAndSeedingDecideWhetherTheNumbersRepeat(LessonOutput run)
    {
        if (run.IsApp)
            return;
        Assert.Matches(@"had a repeat: [\d.]+ %\. The exact chance is .* = 5\.89 %", run.Cell("birthday-trials").Output);
        var dealt = Regex.Matches(run.Cell("deal-numbers").Output, @"child \d \(process (\d+)\) printed (\d+)");
        Assert.Equal(4, dealt.Select(m => m.Groups[1].Value).Distinct().Count());
        Assert.Equal(4, dealt.Select(m => m.Groups[2].Value).Distinct().Count()); // four different numbers, every run

        var seeded = Regex.Matches(run.Cell("print-seeded").Output, @"child \d \(process (\d+)\) printed (\d+)");
        Assert.Equal(4, seeded.Select(m => m.Groups[1].Value).Distinct().Count());
        Assert.Single(seeded.Select(m => m.Groups[2].Value).Distinct());

        Assert.Equal(5, Regex.Matches(run.Cell("take-tickets").Output, @"round \d: children took tickets in the order \[[0-3], [0-3], [0-3], [0-3]\]").Count);
    }
}
