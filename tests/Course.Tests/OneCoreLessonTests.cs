using System.Text.RegularExpressions;

namespace Course.Tests;

/// <summary>
/// Every lesson tells the truth on a one-core machine, as a learner's small VM or CI runner may be: every cell runs, the
/// exercise's check accepts the solution, every CPU-bound ideal reads 1×, and no line claims that threads or processes
/// paid off, since one core runs nothing in parallel. (Waiting overlaps on one core, so a wait's ideal and verdict may say more.)
/// </summary>
[Collection("OneCore")]
public class OneCoreLessonTests(OneCoreRuns lessons)
{
    public static TheoryData<string> Lessons { get; } = new(LessonRuns.Lessons.Select(path => Path.GetFileName(path)[..2]));

    [Theory]
    [MemberData(nameof(Lessons))]
    public async Task EveryLessonRunsOnOneCoreAndClaimsNoParallelSpeedup(string number)
    {
        var run = await lessons.RunAsync(number);
        var name = Path.GetFileName(run.Path);
        Assert.True(run.Succeeded, $"{name} on one core: cell {run.Failure?.Cell}: {run.Failure?.Message}");
        var output = new Lessons.NotebookLessonOutput(number, run);
        Assert.Contains("Course helpers ready: 1 core,", output.Cell(NotebookRules.SetupLoadId).Output);
        Assert.Contains("✓ Correct", output.LastOutput);

        var lines = run.Document.Elements.Where(cell => cell.KernelName != "markdown").Select(Samples.Output)
            .SelectMany(output => output.Split('\n')).ToArray();
        // The ideal, as the tables' notes ("ideal speedup 2× (…)") and the verdicts ("Ideal 2× (…)") state it.
        foreach (Match ideal in lines.SelectMany(line => Regex.Matches(line, @"[Ii]deal(?: speedup)? ([\d.]+)× \(([^)]*)\)")))
            if (!ideal.Groups[2].Value.Contains("wait", StringComparison.Ordinal))
                Assert.True(ideal.Groups[1].Value == "1", $"{name} on one core: {ideal.Value}");
        // A verdict that claims a clear gain ("Threads: 1.8× faster than the loop."), or a lesson's sentence that does.
        var claim = new Regex(@"(Threads|Processes|Process per task|Cluster): [\d.]+× faster than the loop\.|paid off on heavy work|beat the loop|So did the warm");
        foreach (var line in lines.Where(line => claim.IsMatch(line) && !line.Contains("wait", StringComparison.Ordinal)))
            Assert.Fail($"{name} on one core claims a parallel speedup: {line.Trim()}");
    }
}

/// <summary>The one-core runs take a core each while they run: one at a time, and not beside the other kernel tests.</summary>
[CollectionDefinition("OneCore", DisableParallelization = true)]
public sealed class OneCoreCollection : ICollectionFixture<OneCoreRuns>;
