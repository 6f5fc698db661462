using Multiprocessing.Measurements;

namespace Multiprocessing.Measurements.Tests;

/// <summary>Compare's Cluster mode times a map the caller supplies, without knowing what runs it.</summary>
public class CompareClusterTests
{
    static int Square(int x) => x * x;

    static readonly CompareOptions LoopOnly = new(Workers: 2, Repeats: 2, Warmups: 1, Modes: [RunMode.Sequential]);

    [Fact]
    public void TheCallersMapIsTimedAsTheClusterMode()
    {
        int calls = 0;
        var comparison = Compare.Run("squares", Square, Enumerable.Range(0, 50),
            cluster: items => { calls++; return items.Select(Square).ToList(); }, LoopOnly);
        Assert.Equal([RunMode.Sequential, RunMode.Cluster], comparison.Modes.Select(m => m.Mode));
        Assert.Equal(2, comparison.Timing(RunMode.Cluster).Samples.Count);
        Assert.Equal(3, calls); // one warm-up and two repeats
        Assert.Equal(["Sequential", "Cluster"], ComparisonChart.Data(comparison).Modes);
        Assert.Contains("<td>Cluster</td>", comparison.ToHtml());
        // The cluster's silos are not this process's children: their CPU time is unknown, so no cores are claimed.
        Assert.Null(comparison.Timing(RunMode.Cluster).CoresUsed);
        Assert.NotNull(comparison.Timing(RunMode.Sequential).CpuSamples);
        Assert.DoesNotContain("cores busy", comparison.Verdict(RunMode.Cluster));
    }

    [Fact]
    public void AClusterWithOtherResultsIsRefused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Compare.Run("squares", Square, Enumerable.Range(0, 5),
            cluster: items => items.Select(x => x + 1).ToList(), LoopOnly));
        Assert.Contains("Cluster returned 1 for item 0 where the sequential loop returned 0", error.Message);
    }

    [Fact]
    public void TheClusterModeWithoutAMapIsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            Compare.Run("squares", Square, [1, 2], new CompareOptions(Modes: [RunMode.Sequential, RunMode.Cluster])));
        Assert.Contains("pass it as Compare.Run's cluster argument", error.Message);
    }

    [Fact]
    public void TheClusterArgumentIsRequired() =>
        Assert.Throws<ArgumentNullException>(() => Compare.Run("squares", Square, [1], cluster: null!, LoopOnly));
}
