using System.Text.RegularExpressions;

namespace Course.Tests;

/// <summary>
/// Each lesson's file-based app, run with <c>dotnet run</c> as a learner would, output redirected as in CI:
/// the same key outputs <see cref="LessonTests"/> checks in the notebooks, and the exercise check both ways.
/// </summary>
public class LessonAppTests(LessonAppRuns runs) : IClassFixture<LessonAppRuns>
{
    const string NotYet = "✗ Not yet";
    const string Correct = "✓ Correct";

    [Fact]
    public void Lesson1SquaresComeFromWorkerProcessesNotTheApp()
    {
        var output = Ran("01");
        Assert.Contains("[0, 1, 4, 9, 16, 25, 36, 49, 64, 81]", output);
        var app = Regex.Match(output, @"runs in process (\d+)").Groups[1].Value;
        var workers = Regex.Matches(output, @"process (\d+) squares \d").Select(m => m.Groups[1].Value).ToHashSet();
        Assert.Equal(10, Regex.Matches(output, @"process \d+ squares \d").Count);
        Assert.InRange(workers.Count, 1, 5); // which workers took part depends on which were ready first
        Assert.DoesNotContain(app, workers);
        Assert.Contains("Trivial work: x * 2 for 1,000 numbers", output);
        Assert.Matches(@"Heavy work: +Processes: [\d.]+× (faster|slower)", output);
        AssertExercise("01");
    }

    [Fact]
    public void Lesson2ThreadsAndProcessesDiffer()
    {
        var output = Ran("02");
        Assert.Contains("After a process: the parent sees 1", output);
        Assert.Contains("The child exited with code 1", output);
        Assert.Contains("The exception on the child's thread ended the whole child", output);
        Assert.Contains("holding the lock. The next Acquire took it over, and threw AbandonedMutexException", output);
        AssertExercise("02");
    }

    [Fact]
    public void Lesson3FifteenChildrenCubeTheSharedArray()
    {
        var output = Ran("03");
        var cubes = string.Join(", ", Enumerable.Range(2, 15).Select(n => n * n * n));
        Assert.Contains($"after:  [{cubes}]", output);
        Assert.Equal(15, Regex.Matches(output, @"pid (\d+) +exit code 0").Select(m => m.Groups[1].Value).Distinct().Count());
        var started = Regex.Match(output, @"Started child 1 as process (\d+)").Groups[1].Value;
        Assert.Contains($"child 1 is process {started}: attach a debugger to that pid", output);
        Assert.Contains("Refused, with ArgumentException: The lambda", output);
        Assert.Contains("captures factor", output);
        Assert.Matches(@"got factor 3 as an argument: 3 × 2 = 6", output);
        AssertExercise("03");
    }

    [Fact]
    public void Lesson4PoolsApplyAndMap()
    {
        var output = Ran("04");
        Assert.Contains("pool.Apply(Square, 7) = 49", output);
        Assert.Matches(@"\d+ tasks ran on 2 worker processes", output);
        AssertExercise("04");
    }

    [Fact]
    public void Lesson5TheTimeoutFires()
    {
        var output = Ran("05");
        Assert.Contains("[0, 1, 4, 9, 16, 25, 36, 49, 64, 81]", output);
        Assert.Contains("ApplyAsync(F, 20).Get(timeout: 1 s) = 400", output);
        Assert.Contains("Map raised RemoteException (System.ArgumentOutOfRangeException", output);
        Assert.Contains("Both sums are 124,999,750,000: the same.", output);
        Assert.Contains("We lacked patience and got a TimeoutException", output);
        Assert.Matches($@"\b{2 * Environment.ProcessorCount} workers: [\d.]+× the loop's speed", output);
        Assert.Contains("workers beyond the cores add turns, not cores", output);
        AssertExercise("05");
    }

    [Fact]
    public void Lesson6FourProcessesPrintUnderFourPids()
    {
        var output = Ran("06");
        var printed = Regex.Matches(output, @"process (\d+)\)? printed (\d+)").Take(4).ToList();
        Assert.Equal(4, printed.Count);
        Assert.Equal(4, printed.Select(m => m.Groups[1].Value).Distinct().Count());
        AssertExercise("06");
    }

    [Fact]
    public void Lesson7PassesMessagesDeadlocksAndCuresIt()
    {
        var output = Ran("07");
        Assert.Contains("took 10,000 numbers summing to 50,005,000", output);
        Assert.Contains("1,048,576-byte buffer: Join returned before any Get; the child had ended (exit code 0)", output);
        Assert.Contains("4,096-byte buffer: after 1 s, Join gave up. The child is still alive", output);
        Assert.Contains("Both sums are 5,000,050,000: the same.", output);
        Assert.Equal(2, Regex.Matches(output, @"process \d+ held account \d's lock, waited 1 s for account \d's, and gave up").Count);
        Assert.Equal(2, Regex.Matches(output, @"process \d+ took account 1's lock, then account 2's, and moved 10").Count);
        Assert.Contains("Both designs counted 2 × 200,000 = 400,000 every time: True.", output);
        AssertExercise("07");
    }

    [Fact]
    public void Lesson8MapsOnAPoolAndAClusterAndSurvivesAKilledSilo()
    {
        var output = Ran("08");
        const string Counts = "[25997, 25997, 25997, 25997, 25997, 25997, 25997, 25997]";
        Assert.Contains($"pool.Map(CountPrimes, limits) = {Counts}", output);
        Assert.Contains($"client.MapAsync(CountPrimes, limits) = {Counts}", output);
        var tiny = ClusterFigures.TinyMaps(output);
        var figures = ClusterFigures.Table(output);
        Assert.InRange(figures[ClusterFigures.TinyTasks].Cluster, tiny.Cluster * 0.9, tiny.Cluster * 1.1);
        Assert.Contains("SiloLostException: A call failed", output);
        Assert.Matches(@"and [1-9]\d* were lost with silo 1", output);
        Assert.Contains($"= {Counts}, the same as before", output);
        AssertExercise("08");
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

    void AssertExercise(string number)
    {
        Assert.Contains(NotYet, runs.Stub(number).Output);
        var solved = runs.Solved(number);
        Assert.True(solved.ExitCode == 0, solved.Output);
        Assert.Contains(Correct, solved.Output);
    }
}
