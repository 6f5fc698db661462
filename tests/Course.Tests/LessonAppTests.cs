using System.Text.RegularExpressions;
using Course.Tests.Lessons;

namespace Course.Tests;

/// <summary>
/// Each lesson's file-based app, run with <c>dotnet run</c> as a learner would, output redirected as in CI:
/// checked by the same unit as the notebooks (tests/Course.Tests/Lessons/), with the app's output as one text.
/// </summary>
public class LessonAppTests(LessonAppRuns runs) : IClassFixture<LessonAppRuns>
{
    /// <summary>The app runs cleanly, and its output shows what the lesson's unit checks (Lessons/LessonNN.cs names each check).</summary>
    [Theory]
    [MemberData(nameof(LessonUnits.Lessons), MemberType = typeof(LessonUnits))]
    public void EveryLessonShowsWhatItTeaches(string lesson)
    {
        var unit = LessonUnits.For(lesson);
        var number = lesson[..2];
        Ran(number);
        var solved = runs.Solved(number);
        Assert.True(solved.ExitCode == 0, solved.Output);
        unit.Check(new AppLessonOutput(number, runs.Stub(number), solved));
    }

    [Fact]
    public async Task TheRunsPageDrawsEveryChartInChromium()
    {
        var output = Ran("01");
        var page = Regex.Match(output, @"interactive charts:\n(?<path>.+\.html)\n").Groups["path"].Value;
        Assert.True(File.Exists(page), output);
        await using var browser = await HandoutBrowser.StartAsync();
        var visit = await browser.VisitAsync(page, Path.Combine(Samples.Root, "artifacts", "test-results", "app-01.png"));
        Assert.True(visit.Charts >= 2, $"{page} has {visit.Charts} charts");
        Assert.Equal(visit.Charts, visit.DrawnCharts);
        Assert.Empty(visit.Errors);
        Assert.All(visit.Requests, url => Assert.Matches("^(file|data|blob):", url));
    }

    /// <summary>The app's output, after checking it ran cleanly and wrote no terminal control codes into a redirected stream.</summary>
    string Ran(string number)
    {
        var run = runs.Stub(number);
        Assert.True(run.ExitCode == 0, run.Output);
        // Ordinal: under the current culture an escape character is ignored, so any "[" would match.
        Assert.DoesNotContain("\u001b", run.Output, StringComparison.Ordinal);
        Assert.Contains("The page of this run", run.Output);
        return run.Output;
    }
}
