using System.Globalization;
using System.Text.RegularExpressions;

namespace Course.Tests;

/// <summary>
/// Lesson 8's pool-against-cluster figures, read back from what the lesson printed, in the notebook or the app alike:
/// the 10,000 tiny tasks, and the table of the four figures side by side.
/// </summary>
internal static class ClusterFigures
{
    public const string StartUp = "start-up, creation to first result";
    public const string RoundTrip = "one call's round trip, Square(3)";
    public const string TinyTasks = "10,000 tiny tasks, default chunks";
    public const string Speedup = "CPU-heavy map, speedup over the loop";

    /// <summary>
    /// The table's rows by figure: the pool's and the cluster's values. Checks that each of the four rows is there once,
    /// that every number is above 0, and that the last column is the cluster's value divided by the pool's.
    /// </summary>
    public static IReadOnlyDictionary<string, (double Pool, double Cluster)> Table(string output)
    {
        var figures = new Dictionary<string, (double Pool, double Cluster)>();
        foreach (var name in new[] { StartUp, RoundTrip, TinyTasks, Speedup })
        {
            var rows = Regex.Matches(output,
                $@"^{Regex.Escape(name)} +(?<pool>[\d.]+)(?: ms|×) +(?<cluster>[\d.]+)(?: ms|×) +(?<ratio>[\d.]+)×\r?$", RegexOptions.Multiline);
            Assert.True(rows.Count == 1, $"The table has {rows.Count} rows '{name}', expected 1:\n{output}");
            double pool = Number(rows[0], "pool"), cluster = Number(rows[0], "cluster"), ratio = Number(rows[0], "ratio");
            Assert.True(pool > 0 && cluster > 0 && ratio > 0, rows[0].Value);
            // Each column is rounded to about three significant digits, so the quotient of the shown values may differ a little.
            Assert.InRange(ratio, cluster / pool * 0.85, cluster / pool * 1.15);
            figures[name] = (pool, cluster);
        }
        return figures;
    }

    /// <summary>
    /// The 10,000 tiny tasks: both times above 0, sent as the default chunks (the pool's one worker per core, or every core
    /// of the cluster's 2 silos, times 4). Returns the pool's and the cluster's milliseconds.
    /// </summary>
    public static (double Pool, double Cluster) TinyMaps(string output)
    {
        var pool = Regex.Match(output, @"The pool: (?<ms>[\d.]+) ms for 10,000 items, (?<us>[\d.]+) µs an item, sent as (?<calls>\d+) chunks of up to (?<items>\d+) items");
        var cluster = Regex.Match(output, @"The cluster: (?<ms>[\d.]+) ms, (?<us>[\d.]+) µs an item, sent as (?<calls>\d+) calls of up to (?<items>\d+) items");
        Assert.True(pool.Success && cluster.Success, output);
        AssertDefaultChunks(pool, workers: Environment.ProcessorCount);
        AssertDefaultChunks(cluster, workers: 2 * Environment.ProcessorCount);
        foreach (var map in new[] { pool, cluster })
            Assert.True(Number(map, "ms") > 0 && Number(map, "us") > 0, map.Value);
        return (Number(pool, "ms"), Number(cluster, "ms"));
    }

    /// <summary>Python's rule: a chunk holds the items divided by 4 × the workers, rounded up.</summary>
    static void AssertDefaultChunks(Match map, int workers)
    {
        int chunk = (int)Math.Ceiling(10_000 / (4.0 * workers));
        Assert.Equal(((10_000 + chunk - 1) / chunk).ToString(CultureInfo.InvariantCulture), map.Groups["calls"].Value);
        Assert.Equal(chunk.ToString(CultureInfo.InvariantCulture), map.Groups["items"].Value);
    }

    static double Number(Match match, string group) => double.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);
}
