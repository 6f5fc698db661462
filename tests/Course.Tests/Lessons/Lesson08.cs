using System.Text.RegularExpressions;

namespace Course.Tests.Lessons;

/// <summary>Lesson 8, when one machine is not enough: a map on a pool and on a cluster, and a killed silo survived.</summary>
public sealed class Lesson08 : LessonUnit
{
    const string Counts = "[25997, 25997, 25997, 25997, 25997, 25997, 25997, 25997]";

    /// <inheritdoc/>
    public override void Check(LessonOutput run)
    {
        MapsOnAPoolAndAClusterAndSetsTheFiguresSideBySide(run);
        SurvivesAKilledSilo(run);
        AssertExercise(run);
    }

    static void MapsOnAPoolAndAClusterAndSetsTheFiguresSideBySide(LessonOutput run)
    {
        var pool = run.Cell("pool-map").Output;
        Assert.Contains($"pool.Map(CountPrimes, limits) = {Counts}", pool);
        var started = run.Cell("cluster-map").Output;
        Assert.Contains($"client.MapAsync(CountPrimes, limits) = {Counts}", started);
        // The 10,000 tiny tasks, and the four figures side by side.
        var tiny = ClusterFigures.TinyMaps(run.Cell("tiny-tasks").Output);
        var sideBySide = run.Cell("side-by-side").Output;
        var figures = ClusterFigures.Table(sideBySide);
        Assert.InRange(figures[ClusterFigures.TinyTasks].Cluster, tiny.Cluster * 0.9, tiny.Cluster * 1.1);
        // The summary follows the measurement: it no longer says the cluster only adds cost.
        Assert.DoesNotContain("adds cost and no cores", File.ReadAllText(LessonUnits.Notebook(run.Number)), StringComparison.Ordinal);
        if (run.IsApp)
            return;
        var poolStartup = Regex.Match(pool, @"The pool started (?:\d+) workers, pids \[[\d, ]+\], and answered its first call in (\d+) ms");
        Assert.Contains("The same results as the pool's.", started);
        var clusterStartup = Regex.Match(started, @"The cluster started 2 silos, pids \[\d+, \d+\], and answered its first call in (\d+) ms");
        Assert.True(poolStartup.Success && clusterStartup.Success, started);
        var hops = run.Cell("chart-hops");
        AssertChart(hops, "loop, threads, processes, cluster");
        foreach (var mode in new[] { "Sequential", "Threads", "Processes", "Cluster" })
            Assert.Contains($">{mode}<", hops.Html!);
        // Each way's verdict is held to the spread, and the round trips are set against the time it lost, not offered as its cause.
        var calls = run.Cell("call-verdicts").Output;
        foreach (var mode in new[] { "Threads", "Processes", "Cluster" })
            Assert.Matches($@"{mode}: [\d.]+× (faster|slower) than the loop", calls);
        Assert.Matches(@"its \d+ calls' round trips, at [\d.]+ ms each, account for [\d.]+ ms of that|no more than the ideal", calls);
        // The start-ups are the ones measured above, not measured again.
        Assert.Equal(Number(poolStartup.Groups[1].Value), figures[ClusterFigures.StartUp].Pool);
        Assert.Equal(Number(clusterStartup.Groups[1].Value), figures[ClusterFigures.StartUp].Cluster);
        Assert.InRange(figures[ClusterFigures.TinyTasks].Pool, tiny.Pool * 0.9, tiny.Pool * 1.1);
        const string gate = "(clearly (longer|shorter)|but their runs overlapped: no clear difference)";
        foreach (var gap in new[] { @"Start-up: the cluster took [\d.]+× the pool's time, in one start each, so no spread to hold it to\.", $@"One call: [\d.]+× the pool's round trip, {gate}",
                     $@"10,000 tiny tasks: [\d.]+× the pool's time, {gate}", @"The CPU-heavy map ran at [\d.]+× the loop's speed on the pool and [\d.]+× on the cluster\. (The pool was clearly faster|The cluster was clearly faster|Their runs overlapped: no clear difference)" })
            Assert.Matches(gap, sideBySide);
    }

    // The killed silo's calls failed with SiloLostException within about the call timeout, and later maps succeeded.
    static void SurvivesAKilledSilo(LessonOutput run)
    {
        var killed = run.Cell("kill-silo").Output;
        Assert.True(killed.Contains("SiloLostException: A call failed", StringComparison.Ordinal), killed);
        Assert.Matches(@"and [1-9]\d* were lost with silo 1", killed);
        var after = run.Cell("after-kill").Output;
        Assert.Contains($"= {Counts}, the same as before", after);
        AssertChart(run.Cell("kill-silo"), "silo 1 died");
        if (run.IsApp)
            return;
        var waited = Number(Regex.Match(killed, @"The caller saw, ([\d.]+) s later \(the call timeout is 10 s\)").Groups[1].Value);
        Assert.InRange(waited, 0, 25);
        Assert.Matches(@"run by pids \[\d+\] \(silo 0 is \d+\)", after);
        Assert.Contains("silo 1 alive: False", after);
        Assert.Contains("(silo 0 alive: False)", run.Cell("cluster-dispose").Output);
    }
}
