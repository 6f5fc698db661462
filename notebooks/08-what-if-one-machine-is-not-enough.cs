// 08-what-if-one-machine-is-not-enough.cs: this lesson as a .NET file-based app. Run it from the repository root with
//     dotnet run notebooks/08-what-if-one-machine-is-not-enough.cs
// Written from 08-what-if-one-machine-is-not-enough.ipynb by `dotnet run --project helpers/Course -- apps`: change the notebook, then run that command again.
// The exercise is the one place to edit here: change the stub and run the app again.
// The helpers are built by the first run; if they fail to build, it prints the build command to run.
#:project ../helpers/Course.Apps
// The lesson's own code, the functions it times included, is compiled with optimizations.
#:property Optimize=true
// A lesson runs on the full runtime, not as a native AOT program: file-based apps default to PublishAot,
// which turns dynamic code off, and Orleans's client (the cluster lesson) needs it.
#:property PublishAot=false
using System.Diagnostics;
using System.Threading;
using Multiprocessing;
using Multiprocessing.Cluster;
using Multiprocessing.Measurements;
using Course.Apps;

LessonApp.Start("Q7. What if one machine is not enough?");

// # Q7. What if one machine is not enough?
//
// The six lessons stopped at the edge of one machine: a pool's workers are processes on the cores
// you have. When the work needs more cores than one machine holds, the next step in .NET is not a
// home-made socket protocol but a **distributed runtime**: a program whose workers are processes on
// many machines, that finds them, sends them work, and notices when one dies. Microsoft
// **Orleans**, the one Microsoft builds and uses in its own services (Akka.NET and Dapr's actors
// are others), runs a real cluster on one machine for development.
//
// This lesson runs the same `CountPrimes` map on a process pool and then on a two-process Orleans
// cluster on this machine, measures what each hop costs, kills part of the cluster in the middle of
// a map, and shows what changes when the cluster spans machines. (Python's `multiprocessing`
// documentation opens with "both local and remote concurrency": its managers and
// `connection.Listener` serve shared objects and messages over TCP to processes on other machines.
// But it is no cluster: you start the remote processes yourself, nothing keeps a list of them or
// notices one that dies, and the messages are pickles, which its documentation warns are a security
// risk unless you trust the sender.)

static int Square(int x) => x * x;

static int CountPrimes(int limit)
{
    int count = 0;
    for (int n = 2; n < limit; n++)
    {
        bool prime = true;
        for (int d = 2; d * d <= n; d++)
        {
            if (n % d == 0) { prime = false; break; }
        }
        if (prime) count++;
    }
    return count;
}

// Item x takes x tenths of a second, so calls that run at once still end one by one.
static int SlowSquare(int x)
{
    Thread.Sleep(100 * x);
    return x * x;
}

// Every run's time in ms, so a figure keeps its spread as well as its median.
static double[] RunsMs(Action call, int times)
{
    var samples = new double[times];
    for (int i = 0; i < times; i++)
    {
        long start = Stopwatch.GetTimestamp();
        call();
        samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }
    return samples;
}

// ## From pool to cluster
//
// ### Step 1: the pool you know
//
// A pool with one worker process per core counts the primes below 300,000, eight times. (One per
// core, so that the pool and the cluster below, whose silos use every core, get the same cores.)
// The clock runs from creating the pool to its first answer.

int[] limits = [.. Enumerable.Repeat(300_000, 8)];
var poolClock = Stopwatch.StartNew();
var pool = new ProcessPool(processes: Environment.ProcessorCount);
pool.Apply(Square, 3);
var poolStartup = poolClock.Elapsed;
var onPool = pool.Map(CountPrimes, limits);
Console.WriteLine($"The pool started {pool.Processes} workers, pids {PythonList.Format(pool.WorkerPids)}, and answered its first call in {poolStartup.TotalMilliseconds:0} ms.");
Console.WriteLine($"pool.Map(CountPrimes, limits) = {PythonList.Format(onPool)}");

// ### Step 2: the same map on a cluster
//
// `LocalCluster.StartAsync(silos: 2)` starts two **silo** processes on this machine, listening on
// 127.0.0.1 only, and connects a client to them. The client has the pool's names: `Map`,
// `MapAsync`, `Apply`, `ApplyAsync`. The function travels as it does to a pool's workers, with its
// assembly's bytes, so a silo on another machine could load this notebook's `CountPrimes` too. A
// call that gets no answer within `callTimeout` fails; this lesson sets 10 s so a lost call does
// not keep you waiting long.

var clusterClock = Stopwatch.StartNew();
var cluster = await LocalCluster.StartAsync(silos: 2, callTimeout: TimeSpan.FromSeconds(10));
var client = cluster.Client;
await client.ApplyAsync(Square, 3);
var clusterStartup = clusterClock.Elapsed;
var onCluster = await client.MapAsync(CountPrimes, limits);
Console.WriteLine($"The cluster started {cluster.Silos.Count} silos, pids {PythonList.Format(cluster.Silos.Select(s => s.Pid))}, and answered its first call in {clusterStartup.TotalMilliseconds:0} ms, {clusterStartup / poolStartup:0}× the pool's start.");
Console.WriteLine($"client.MapAsync(CountPrimes, limits) = {PythonList.Format(onCluster)}");
Console.WriteLine(onCluster.SequenceEqual(onPool) ? "The same results as the pool's." : "The results differ from the pool's!");

// ### Step 3: what each hop costs
//
// The same eight counts, four ways: a loop, a pool of threads and the pool of processes (one per
// core each), and the cluster of 2 silos. The pools and the cluster are already running, so only
// the map is timed; their start-ups were measured above. The numbers are this run's: on a busy
// machine they are slower and noisier, and each verdict below is held to the spread of the runs.

var hops = Compare.Run("Primes below 300,000, 8 times: loop, threads, processes, cluster", CountPrimes, limits,
    cluster: items => client.Map(CountPrimes, items),
    new CompareOptions(Workers: Environment.ProcessorCount, Repeats: 5, NewPoolEachRepeat: false));
LessonApp.Show(hops);

// A CPU-heavy map hides most of the cost of a call. One tiny call, `Square(3)`, shows it: below,
// its median round trip (20 calls each) on a pool of threads, on the pool of processes, and on the
// cluster.

var threads = new ThreadWorkerPool(Environment.ProcessorCount);
threads.Apply(Square, 3);
double direct = Statistics.Median(RunsMs(() => Square(3), 20));
double[] threadCalls = RunsMs(() => threads.Apply(Square, 3), 20);
double[] processCalls = RunsMs(() => pool.Apply(Square, 3), 20);
double[] siloCalls = RunsMs(() => client.Apply(Square, 3), 20);
double onThread = Statistics.Median(threadCalls), onProcess = Statistics.Median(processCalls), onSilo = Statistics.Median(siloCalls);
Console.WriteLine($"One call of Square(3): {(direct < 0.001 ? "under a microsecond" : $"{direct * 1000:0.#} µs")} in this thread; {onThread:0.###} ms through a thread pool; {onProcess:0.###} ms through the process pool; {onSilo:0.###} ms through the cluster (medians of 20).");
// What the map's calls cost in round trips, against the time each way lost to the ideal: how much of the loss the calls explain.
double ideal = hops.Timing(RunMode.Sequential).Median.TotalMilliseconds / hops.IdealSpeedup!.Value;
int mapCalls = hops.Timeline(RunMode.Processes).Count;
foreach (var (mode, call) in new[] { (RunMode.Threads, onThread), (RunMode.Processes, onProcess), (RunMode.Cluster, onSilo) })
{
    double took = hops.Timing(mode).Median.TotalMilliseconds, lost = took - ideal;
    Console.WriteLine(hops.Verdict(mode));
    Console.WriteLine(lost > 0
        ? $"  It took {took:0} ms, {lost:0} ms more than the ideal {ideal:0} ms; its {mapCalls} calls' round trips, at {call:0.###} ms each, account for {mapCalls * call:0.#} ms of that."
        : $"  It took {took:0} ms, no more than the ideal {ideal:0} ms.");
}

// ### 10,000 tiny tasks
//
// Between one tiny call and a heavy map lies the case lesson 5 measured: many tiny tasks, where the
// messages are all the cost there is. `Square` over 0 to 9,999 with the default chunksize, on the
// pool and on the cluster (the median of 5 maps each), and the calls each map made, counted from
// the pool's and the client's timelines.

int[] tiny = [.. Enumerable.Range(0, 10_000)];
int poolRunsBefore = pool.Timeline.Count, clusterRunsBefore = client.Timeline.Count;
double[] poolTinyRuns = RunsMs(() => pool.Map(Square, tiny), 5);
double[] clusterTinyRuns = RunsMs(() => client.Map(Square, tiny), 5);
double poolTiny = Statistics.Median(poolTinyRuns), clusterTiny = Statistics.Median(clusterTinyRuns);
var poolChunks = pool.Timeline.Skip(poolRunsBefore).ToList();
var clusterChunks = client.Timeline.Skip(clusterRunsBefore).ToList();
int poolCalls = poolChunks.Count / 5, clusterCalls = clusterChunks.Count / 5;
Console.WriteLine($"The pool: {poolTiny:0.#} ms for 10,000 items, {poolTiny * 1000 / tiny.Length:0.##} µs an item, sent as {poolCalls} chunks of up to {poolChunks.Max(r => r.Items)} items.");
Console.WriteLine($"The cluster: {clusterTiny:0.#} ms, {clusterTiny * 1000 / tiny.Length:0.##} µs an item, sent as {clusterCalls} calls of up to {clusterChunks.Max(r => r.Items)} items (it counts every core of each silo as a worker).");
Console.WriteLine($"Called one at a time, 10,000 items would cost 10,000 round trips: about {tiny.Length * onProcess / 1000:0.#} s on the pool and {tiny.Length * onSilo / 1000:0.#} s on the cluster, at the round trips measured above.");
Console.WriteLine($"A chunk pays one round trip for all its items: the pool's {poolCalls} round trips add up to {poolCalls * onProcess:0.#} ms, the cluster's {clusterCalls} to {clusterCalls * onSilo:0.#} ms" +
    (clusterCalls * onSilo > clusterTiny ? ", more than its whole map took: the client sends a map's calls at once, so their round trips overlap." : "."));

// ### Side by side
//
// This run's four figures, the pool's beside the cluster's: start-up and the CPU-heavy map from
// Steps 2 and 3, one call's round trip and the 10,000 tiny tasks from just above; nothing is
// measured again. Below it, each figure is held to the spread of its runs. The last column divides
// the cluster's figure by the pool's: above 1 the cluster took longer, except for the speedup,
// where above 1 the cluster did better.

// A figure to about three significant digits, so that 0.116 ms and 11024 ms both read well.
static string Rounded(double value) => value >= 10 ? $"{value:0}" : value >= 1 ? $"{value:0.0#}" : $"{value:0.###}";

(string Name, double Pool, double Cluster, string Unit)[] figures =
[
    ("start-up, creation to first result", poolStartup.TotalMilliseconds, clusterStartup.TotalMilliseconds, " ms"),
    ("one call's round trip, Square(3)", onProcess, onSilo, " ms"),
    ("10,000 tiny tasks, default chunks", poolTiny, clusterTiny, " ms"),
    ("CPU-heavy map, speedup over the loop", hops.Speedup(RunMode.Processes), hops.Speedup(RunMode.Cluster), "×"),
];
Console.WriteLine($"{"figure",-38}{"process pool",14}{"cluster",12}{"cluster / pool",16}");
foreach (var f in figures)
    Console.WriteLine($"{f.Name,-38}{Rounded(f.Pool) + f.Unit,14}{Rounded(f.Cluster) + f.Unit,12}{Rounded(f.Cluster / f.Pool) + "×",16}");
Console.WriteLine();
// A figure differs clearly only when every run of one is beyond every run of the other; the start-ups ran once each.
static string Clearly(IReadOnlyCollection<double> pool, IReadOnlyCollection<double> cluster, string longer, string shorter,
    string overlapped = "but their runs overlapped: no clear difference; run the lesson again.") =>
    cluster.Min() > pool.Max() ? longer : cluster.Max() < pool.Min() ? shorter : overlapped;
Console.WriteLine($"Start-up: the cluster took {Rounded(clusterStartup / poolStartup)}× the pool's time, in one start each, so no spread to hold it to. " +
    "Before a silo takes a call it starts, besides the .NET runtime a worker starts too, a host, Orleans's runtime, its networking and its membership, and the client connects to each silo's gateway.");
Console.WriteLine($"One call: {Rounded(onSilo / onProcess)}× the pool's round trip, " + Clearly(processCalls, siloCalls,
    $"clearly longer: every one of the 20 calls through the cluster ({siloCalls.Min():0.###}–{siloCalls.Max():0.###} ms) took longer than every call through the pool ({processCalls.Min():0.###}–{processCalls.Max():0.###} ms). Besides crossing to another process, as the pool's call does, it goes through Orleans's serializer, a TCP connection and the silo's scheduler.",
    $"clearly shorter: every call through the cluster ({siloCalls.Min():0.###}–{siloCalls.Max():0.###} ms) beat every call through the pool ({processCalls.Min():0.###}–{processCalls.Max():0.###} ms) this time."));
Console.WriteLine($"10,000 tiny tasks: {Rounded(clusterTiny / poolTiny)}× the pool's time, " + Clearly(poolTinyRuns, clusterTinyRuns,
    $"clearly longer in all 5 maps. A default map pays a round trip per chunk, not per item: {clusterCalls} calls on the cluster, {poolCalls} chunks on the pool.",
    $"clearly shorter in all 5 maps. A default map pays a round trip per chunk, not per item: {clusterCalls} calls on the cluster, {poolCalls} chunks on the pool."));
var loopRuns = hops.Timing(RunMode.Sequential);
double best = hops.IdealSpeedup!.Value;
string PastIdeal(RunMode mode, string where) => hops.Speedup(mode) > best
    ? $" On the {where}, {Rounded(hops.Speedup(mode))}× is past the ideal, which no map can beat on these cores: the loop's median was slower than its work needs (its runs ranged {loopRuns.Min.TotalMilliseconds:0}–{loopRuns.Max.TotalMilliseconds:0} ms)."
    : "";
Console.WriteLine($"The CPU-heavy map ran at {Rounded(hops.Speedup(RunMode.Processes))}× the loop's speed on the pool and {Rounded(hops.Speedup(RunMode.Cluster))}× on the cluster. " +
    Clearly(hops.Timing(RunMode.Processes).Samples.Select(t => t.TotalMilliseconds).ToArray(), hops.Timing(RunMode.Cluster).Samples.Select(t => t.TotalMilliseconds).ToArray(),
        "The pool was clearly faster: every map on it beat every map on the cluster.", "The cluster was clearly faster: every map on it beat every map on the pool.",
        "Their runs overlapped: no clear difference between the pool and the cluster; run the lesson again.") +
    PastIdeal(RunMode.Processes, "pool") + PastIdeal(RunMode.Cluster, "cluster") +
    $" Both share this machine's {Environment.ProcessorCount} cores, so neither can beat {hops.Ideal} ({hops.Ideal!.Reason}): a cluster brings more cores only when its silos run on other machines.");

// ## Silo, grain, cluster membership
//
// **A silo is a worker.** It is a process that hosts Orleans's runtime and runs calls, as a pool's
// worker process does. Unlike a pool's worker, one silo runs several calls at once, on its .NET
// thread pool, and it may be on another machine.
//
// **A grain call is a task.** Work is sent to a *grain*, an object Orleans places on some silo;
// calling one of its methods is the cluster's task. Here every call goes to a *stateless worker*
// grain: Orleans, not our code, decides which silo runs it, as an idle worker picks up a pool's
// next task.
//
// **Cluster membership is the pool.** The pool knows its workers because it started them. A
// cluster's silos instead register in a *membership table* and watch each other: a silo that stops
// answering is voted dead and removed, and a new silo joins by registering. Here the table lives in
// silo 0 (Orleans's localhost clustering); a real cluster keeps it in a database.

// ## Kill a silo during a map
//
// Silo 1 is killed (SIGKILL, as a crash or a pulled plug would do) while a map of 16 calls of
// `SlowSquare` is running, as soon as the first of its calls has come back. Item x sleeps x tenths
// of a second, so silo 1's other calls, whether they run at once or wait their turn, have not
// finished: it still holds them. The calls silo 1 held fail with `SiloLostException`: they are
// **not retried**, because Orleans delivers a call at most once, and a call whose silo died may
// already have run, in part or in full. Orleans's client only learns that such a call is lost when
// its `callTimeout` runs out, so the caller waits at most about that long; the calls on silo 0
// finish.

var silo1 = cluster.Silos[1];
int callsBefore = client.Timeline.Count;
var killClock = Stopwatch.StartNew();
var doomed = client.MapAsync(SlowSquare, Enumerable.Range(1, 16), chunksize: 1);
// Kill silo 1 once a call of this map has finished there: its calls for larger items are still running or waiting.
while (!client.Timeline.Skip(callsBefore).Any(run => run.Worker == silo1.Pid) && killClock.Elapsed < TimeSpan.FromSeconds(30))
    await Task.Delay(10);
var killedAt = killClock.Elapsed;
cluster.KillSilo(1);
string seen;
try
{
    await doomed;
    seen = "the map finished: silo 1 held no call when it died";
}
catch (SiloLostException lost)
{
    seen = $"{lost.GetType().Name}: {lost.Message}";
}
var waited = killClock.Elapsed - killedAt;
var killRuns = client.Timeline.Skip(callsBefore).ToList();
Console.WriteLine($"Silo 1 (pid {silo1.Pid}) was killed {killedAt.TotalMilliseconds:0} ms into the map. The caller saw, {waited.TotalSeconds:0.0} s later (the call timeout is {client.CallTimeout.TotalSeconds:0} s):");
Console.WriteLine(seen);
Console.WriteLine($"Of the map's calls, {killRuns.Count(r => !r.Failed && r.Worker == silo1.Pid)} finished on silo 1 before it died, {killRuns.Count(r => !r.Failed && r.Worker == cluster.Silos[0].Pid)} finished on silo 0, and {killRuns.Count(r => r.Failed)} were lost with silo 1.");
// The client's timeline counts from the client's start; the chart counts from this map's first call.
var mapStart = killRuns.Min(r => r.Start);
LessonApp.Show(TimelineChart.For(killRuns.Select(r => r with { Start = r.Start - mapStart, End = r.End - mapStart }).ToList(),
    "The map during which silo 1 died (worker 0: calls lost with it)", "ms since the map's first call"));

// The cluster carries on. The next map runs on the silo left, and gives the same counts as before:

int callsAfterKill = client.Timeline.Count;
var afterKill = await client.MapAsync(CountPrimes, limits);
var afterSilos = client.Timeline.Skip(callsAfterKill).Select(run => run.Worker).Distinct().ToList();
Console.WriteLine($"After the kill: client.MapAsync(CountPrimes, limits) = {PythonList.Format(afterKill)}, {(afterKill.SequenceEqual(onPool) ? "the same as before" : "different from before!")}, run by pids {PythonList.Format(afterSilos)} (silo 0 is {cluster.Silos[0].Pid}); silo 1 alive: {silo1.IsAlive}.");

// A caller that must finish the work catches `SiloLostException` and maps again, knowing that some
// items may have run twice. That is safe for `CountPrimes`, which only returns a number; a function
// that prints, writes a file or charges a card must be written so that running it twice does no
// harm (*idempotent*).
//
// ## Across machines
//
// Only two things change when the silos run on several machines: the membership table moves to
// storage every silo and client can reach, and each silo listens on its machine's address. These
// lines are for reading, not run here (package `Microsoft.Orleans.Clustering.AdoNet`; Redis and
// Azure Table storage work alike):
//
// ```csharp
// // On each silo machine:
// builder.UseOrleans(silo =>
// {
//     silo.UseAdoNetClustering(o => { o.Invariant = "Npgsql"; o.ConnectionString = "Host=db;Database=orleans;..."; });
//     silo.Configure<ClusterOptions>(o => { o.ClusterId = "course"; o.ServiceId = "multiprocessing"; });
//     silo.ConfigureEndpoints(siloPort: 11111, gatewayPort: 30000);   // this machine's address, on the isolated network
//     silo.UseTls(certificate, tls => tls.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate);
// });
// // The client: the same clustering, cluster id and TLS.
// builder.UseOrleansClient(client =>
// {
//     client.UseAdoNetClustering(o => { o.Invariant = "Npgsql"; o.ConnectionString = "..."; });
//     client.Configure<ClusterOptions>(o => { o.ClusterId = "course"; o.ServiceId = "multiprocessing"; });
//     client.UseTls(certificate, tls => tls.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate);
// });
// ```
//
// The `CountPrimes` code, the map and the failure handling stay as they are.
//
// ## Security
//
// A silo runs whatever function a client ships it: that is what makes this lesson work, and it
// means that anyone who can reach a silo can run code on it. The cluster in this lesson listens on
// loopback (127.0.0.1) only, so nothing outside this machine can reach it. **A cluster that accepts
// shipped code must be on an isolated network**, and should use Orleans's TLS (package
// `Microsoft.Orleans.Connections.Security`, `UseTls` on silos and clients, with
// `RemoteCertificateMode.RequireCertificate`, as above), so that only holders of the certificates
// can join the cluster or call it.
//
// ## How a map is cut into calls
//
// As a pool does, the client cuts a map into chunks, one call each. It counts every core of every
// silo as a worker, as a pool counts its processes: four chunks per core, rounded up as Python's
// rule does. Below, 100 tiny items on this cluster, counted from the client's timeline (the cluster
// still counts the silo that died, as its gateway list does). Then the pool and the cluster are
// closed.

int callsBeforeChunks = client.Timeline.Count;
client.Map(Square, Enumerable.Range(0, 100));
int chunkCalls = client.Timeline.Count - callsBeforeChunks;
int clusterSilos = cluster.Silos.Count;
Console.WriteLine($"100 items went as {chunkCalls} calls to a cluster of {clusterSilos} silos with {Environment.ProcessorCount} cores each.");
pool.Dispose();
threads.Dispose();
await cluster.DisposeAsync();
Console.WriteLine($"Closed: the pool's workers and the silos have exited (silo 0 alive: {cluster.Silos[0].IsAlive}).");

// ## Summary
//
// - A cluster is a pool whose workers (silos) can be on other machines; a grain call is its task,
//   and cluster membership is how silos find each other and notice a dead one.
// - The same static function maps on a pool and on a cluster, with the same names and the same
//   results.
// - On one machine the cluster brings no cores of its own: it shares them with the pool, so its
//   ideal is the pool's. It does more on every start (a host, Orleans's runtime, membership) and
//   every call (Orleans's serializer, a TCP connection); the side-by-side shows what that cost in
//   this run. It pays off when its silos bring cores of their own.
// - A map pays a round trip per chunk, not per item: by default the pool and the cluster cut 10,000
//   tiny tasks into about four chunks per worker (for a silo, per core), not 10,000 calls.
// - A silo that dies fails only the calls it held, after at most the call timeout, and they are not
//   retried; the cluster carries on with the silos left.
// - Across machines, only the membership storage and the endpoints change. A cluster that runs
//   shipped code belongs on an isolated network, with TLS.
//
// ## Exercise
//
// Write `CallsForMap`: how many calls a default map of `items` sends to a cluster of `silos` silos
// with `coresPerSilo` cores each. The chunk holds the items divided by 4 × every core of the
// cluster, rounded up; the calls are the items divided by the chunk, rounded up. The check compares
// it with a few cases worked out by hand; the 100-item map above should agree with it too. If you
// are stuck after a try, run `Exercise.Hint()` in a new cell: it shows a code skeleton.

// ▼ Your answer: edit between this line and the end mark below; `course grade` reads only what is between them.
static int CallsForMap(int items, int silos, int coresPerSilo)
{
    // Your code here.
    return items;
}
// ▲ End of your answer.

// Cases worked out by hand, so the check needs no cluster: (100, 2, 2) is a 100-item map on 2 silos of 2 cores.
(int Items, int Silos, int Cores, int Calls)[] callCases = [(100, 2, 2, 15), (8, 2, 2, 8), (10_000, 3, 4, 48), (1_000, 2, 8, 63), (7, 1, 1, 4)];
string callsProblem;
try
{
    var answers = Exercise.Within(TimeSpan.FromSeconds(10), "CallsForMap(…)", () => callCases.Select(c => CallsForMap(c.Items, c.Silos, c.Cores)).ToArray());
    var wrongCalls = callCases.Zip(answers).Where(pair => pair.First.Calls != pair.Second).ToList();
    callsProblem = wrongCalls.Count == 0 ? ""
        : $"{string.Join("; ", wrongCalls.Select(pair => $"CallsForMap({pair.First.Items}, {pair.First.Silos}, {pair.First.Cores}) is {pair.Second}, expected {pair.First.Calls}"))}. "
          + "A map's calls are its chunks: the client counts every core of every silo as a worker, aims at about four chunks per worker, and rounds up twice.";
}
catch (TimeoutException e)
{
    callsProblem = e.Message;
}
Exercise.Check("CallsForMap", callsProblem == "",
    $"the call counts match: {string.Join(", ", callCases.Select(c => $"{c.Items:N0} items on {c.Silos}×{c.Cores} cores → {c.Calls} calls"))}.",
    callsProblem,
    """
    static int CallsForMap(int items, int silos, int coresPerSilo)
    {
        int workers = …;   // every core of every silo
        int chunk = …;     // items for about four chunks per worker, rounded up
        return …;          // how many chunks of that size the items make, rounded up
    }
    """);

LessonApp.Finish();
