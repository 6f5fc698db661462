using System.Diagnostics;
using System.Runtime.InteropServices;
using ClusterBenchmark;
using Multiprocessing;
using Multiprocessing.Cluster;

// The cluster's figures beside the process pool's, in one run: start-up, one call's round trip, a map of 10,000 tiny
// tasks, and the speedup of a CPU-heavy map over a loop. Each figure is the median of its rounds; pool and cluster
// take turns within a round, so a machine that speeds up or slows down affects both alike.
// dotnet run -c Release --project tests/ClusterBenchmark [-- --rounds N]
int rounds = args.Length == 2 && args[0] == "--rounds" ? int.Parse(args[1]) : 5;
const int Workers = 2;                      // 2 pool workers against 2 silos
const int HeavyItems = 8, HeavyLimit = 600_000;
const int RoundTrips = 200;
var tiny = Enumerable.Range(0, 10_000).ToArray();
var heavy = Enumerable.Repeat(HeavyLimit, HeavyItems).ToArray();

Console.WriteLine($"{RuntimeInformation.OSDescription}, {Environment.ProcessorCount} cores, .NET {Environment.Version}; {rounds} rounds (one warm-up first), medians");

var figures = new Dictionary<string, (List<double> Pool, List<double> Cluster)>();
void Add(string figure, double pool, double cluster)
{
    if (!figures.TryGetValue(figure, out var f))
        figures[figure] = f = ([], []);
    f.Pool.Add(pool);
    f.Cluster.Add(cluster);
}

static double Ms(Action action)
{
    var clock = Stopwatch.StartNew();
    action();
    return clock.Elapsed.TotalMilliseconds;
}

var sequential = new List<double>();
for (int round = 0; round <= rounds; round++)
{
    // Start-up: creation to first result.
    ProcessPool? pool = null;
    LocalCluster? cluster = null;
    double poolStart = Ms(() => { pool = new ProcessPool(Workers); pool.Apply(Workloads.Square, 3); });
    double clusterStart = Ms(() =>
    {
        cluster = LocalCluster.StartAsync(silos: Workers).GetAwaiter().GetResult();
        cluster.Client.Apply(Workloads.Square, 3);
    });
    using (pool)
    using (cluster)
    {
        var client = cluster!.Client;
        // Warm both (the cluster's first call per silo ships the function).
        pool!.Map(Workloads.Square, tiny, chunksize: 100);
        client.Map(Workloads.Square, tiny, chunksize: 100);

        double poolTrip = Ms(() => { for (int i = 0; i < RoundTrips; i++) pool.Apply(Workloads.Square, i); }) / RoundTrips;
        double clusterTrip = Ms(() => { for (int i = 0; i < RoundTrips; i++) client.Apply(Workloads.Square, i); }) / RoundTrips;
        double poolTiny1 = Ms(() => pool.Map(Workloads.Square, tiny, chunksize: 1));
        double clusterTiny1 = Ms(() => client.Map(Workloads.Square, tiny, chunksize: 1));
        double poolTiny = Ms(() => pool.Map(Workloads.Square, tiny));
        double clusterTiny = Ms(() => client.Map(Workloads.Square, tiny));
        double loop = Ms(() => heavy.Select(Workloads.CountPrimes).ToList());
        double poolHeavy = Ms(() => pool.Map(Workloads.CountPrimes, heavy, chunksize: 1));
        double clusterHeavy = Ms(() => client.Map(Workloads.CountPrimes, heavy, chunksize: 1));

        if (round == 0)
            continue; // warm-up
        Add("start-up: 2 workers / 2 silos, creation to first result (ms)", poolStart, clusterStart);
        Add("one call's round trip, warm (ms)", poolTrip, clusterTrip);
        Add("map of 10,000 tiny tasks, chunksize 1 (ms)", poolTiny1, clusterTiny1);
        Add("map of 10,000 tiny tasks, default chunks (ms)", poolTiny, clusterTiny);
        Add($"CPU-heavy map: {HeavyItems} × primes below {HeavyLimit:N0}, speedup over a loop (×)", loop / poolHeavy, loop / clusterHeavy);
        sequential.Add(loop);
    }
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}

static string Show(double value) => value >= 100 ? $"{value:0}" : value >= 1 ? $"{value:0.0#}" : $"{value:0.###}";

Console.WriteLine();
Console.WriteLine("| figure | process pool | cluster | cluster / pool |");
Console.WriteLine("|---|---|---|---|");
foreach (var (figure, (poolValues, clusterValues)) in figures)
{
    double p = Median(poolValues), c = Median(clusterValues);
    Console.WriteLine($"| {figure} | {Show(p)} | {Show(c)} | {Show(c / p)} |");
}
Console.WriteLine($"\nThe loop took {Show(Median(sequential))} ms for the CPU-heavy map (ideal speedup on {Environment.ProcessorCount} cores: {Environment.ProcessorCount}×).");
