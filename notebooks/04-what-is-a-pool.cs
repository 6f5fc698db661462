// 04-what-is-a-pool.cs: this lesson as a .NET file-based app. Run it from the repository root with
//     dotnet run notebooks/04-what-is-a-pool.cs
// Written from 04-what-is-a-pool.ipynb by `dotnet run --project helpers/Course -- apps`: change the notebook, then run that command again.
// The exercise is the one place to edit here: change the stub and run the app again.
// The helpers are built by the first run; if they fail to build, it prints the build command to run.
#:project ../helpers/Course.Apps
// The lesson's own code, the functions it times included, is compiled with optimizations.
#:property Optimize=true
// A lesson runs on the full runtime, not as a native AOT program: file-based apps default to PublishAot,
// which turns dynamic code off, and Orleans's client (the cluster lesson) needs it.
#:property PublishAot=false
using System.Threading;
using Multiprocessing;
using Multiprocessing.Measurements;
using Course.Apps;

LessonApp.Start("Q4. What is a pool, and why use it?");

// # Q4. What is a pool, and why use it?
//
// A **pool** is a fixed set of worker processes, started once and reused for many tasks. You hand
// it work; it hands back results.
//
// 1. **Create the pool.** `new ProcessPool(processes: n)` starts `n` worker processes (one per core
//    if you leave `n` out).
// 2. **Submit tasks.** `Apply`/`ApplyAsync` send one call; `Map`/`MapAsync` send one call per item
//    of a sequence, split into chunks.
// 3. **Workers run them.** The tasks wait in a queue, in the order you gave them. Whenever a worker
//    is idle, the pool sends it the task at the head of the queue, so tasks start in the order
//    given, a task waits only while every worker is busy, and the work spreads across the workers
//    by itself. Python's workers pull the next task from a shared queue, with the same result. (One
//    refinement: a worker whose last few tasks each took under a millisecond is sent one task
//    ahead, so it does not sit idle while the next one crosses the pipe; if that task has not
//    started when another worker goes idle, the pool takes it back.)
// 4. **Results come back** to the parent. `Map` returns them in input order, whichever worker
//    finished first.
// 5. **Close it.** `Close` then `Join` lets the workers finish and exit; `Dispose` (the end of a
//    `using` block) stops them at once, like leaving Python's `with Pool() as pool:`.
//
// Why not start a process per task? Each process start costs tens of milliseconds or more (lesson
// 3; the end of this lesson measures it here). A pool pays it once per worker, however many tasks
// follow. Pool workers also die with their parent on purpose: a pool's workers exist only to serve
// it, so none outlives the program that made it.

static int Square(int x) => x * x;

static int SlowSquare(int x)
{
    Thread.Sleep(200);
    return x * x;
}

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

// ## Step 1: create the pool

var pool = new ProcessPool(processes: 2);
Console.WriteLine($"The pool started {pool.Processes} workers: pids {PythonList.Format(pool.WorkerPids)}. This lesson runs in process {Environment.ProcessId}.");

// ## Step 2: submit tasks, four ways
//
// `Apply` runs one call in a worker and waits for its result: Python's `pool.apply(f, args)`.

Console.WriteLine($"pool.Apply(Square, 7) = {pool.Apply(Square, 7)}");

// `ApplyAsync` returns at once with an `AsyncResult`; `Get` waits for the value (always give it a
// timeout).

var pending = pool.ApplyAsync(SlowSquare, 8);
Console.WriteLine($"Just after ApplyAsync: Ready = {pending.Ready}");
Console.WriteLine($"pending.Get(timeout: 10 s) = {pending.Get(TimeSpan.FromSeconds(10))}; now Ready = {pending.Ready}");

// `Map` calls the function on every item and waits for all the results, in input order.

var squares = pool.Map(Square, Enumerable.Range(0, 10));
LessonApp.Show(squares);

// `MapAsync` does the same without waiting, so this process can go on with other work. Below, this
// process counts primes in small steps until the results are ready.

var all = pool.MapAsync(SlowSquare, Enumerable.Range(1, 6), chunksize: 1);
Console.WriteLine($"Just after MapAsync: Ready = {all.Ready}");
int steps = 0;
while (!all.Ready)
{
    CountPrimes(20_000);
    steps++;
}
Console.WriteLine($"Meanwhile this process counted the primes below 20,000 {steps} times.");
Console.WriteLine($"all.Get(timeout: 30 s) = {PythonList.Format(all.Get(TimeSpan.FromSeconds(30)))}");

// ## Step 3: the workers were reused
//
// The pool kept a record of every task: which worker ran it, and when. The same few processes ran
// everything.

var tasks = pool.Timeline;
int mapChunk = (int)Math.Ceiling(10 / (4.0 * pool.Processes));
Console.WriteLine($"{tasks.Count} tasks ran on {tasks.Select(t => t.Worker).Distinct().Count()} worker processes, carrying {tasks.Sum(t => t.Items)} calls: Map's 10 items travelled as {(int)Math.Ceiling(10.0 / mapChunk)} chunks of {mapChunk} (10 / (4 × {pool.Processes} workers), rounded up), and MapAsync's 6 one by one (chunksize: 1).");
LessonApp.Show(TimelineChart.For(pool, "Every task this pool ran, by worker"));

// ## Step 4: close the pool

pool.Close();
Console.WriteLine(pool.Join(TimeSpan.FromSeconds(10))
    ? "Closed: every worker finished its queue and exited."
    : "Some workers are still running after 10 s.");

// ## Why use a pool: against the loop, and against a process per task
//
// The same work three ways: a loop; a **warm** pool of one worker process per core, started before
// the clock runs, as a program that keeps its pool has it; and a **new process for every task** (a
// pool whose workers retire after one task, `maxTasksPerChild: 1`, so every task pays for a process
// start, as a `ChildProcess` per task would).
//
// The work is sized from this machine, so the story is the same on 2 cores or 64: 4 items per core
// (`WorkSize.ItemCount()`), each counting primes up to a limit chosen so the loop over all of them
// takes about 0.4 s of CPU (`WorkSize.Calibrate`). First, what a start costs here: a fresh pool of
// one worker per core, from creation to its answers, three times.

int workers = Environment.ProcessorCount;
int items = WorkSize.ItemCount();   // 4 a core: a pool of one worker per core runs them in 4 full rounds
int limit = WorkSize.Calibrate(CountPrimes, TimeSpan.FromSeconds(0.4) / items, start: 1_000);
var startups = new List<double>();
for (int i = 0; i < 3; i++)
{
    var clock = System.Diagnostics.Stopwatch.StartNew();
    using (var fresh = new ProcessPool(workers))
        fresh.Map(Square, Enumerable.Range(0, workers), chunksize: 1);
    startups.Add(clock.Elapsed.TotalMilliseconds);
}
double startupMs = Statistics.Median(startups);
Console.WriteLine($"{items} tasks, each counting the primes below {limit:N0}. A fresh pool of {workers} workers, from creation to its answers: median {startupMs:0} ms (runs {startups.Min():0}–{startups.Max():0} ms).");

var reuse = Compare.Run($"{items} tasks: a warm pool against a new process per task", CountPrimes, Enumerable.Repeat(limit, items),
    new CompareOptions(Workers: workers, Repeats: 5, Chunksize: 1, NewPoolEachRepeat: false,
        Modes: [RunMode.Sequential, RunMode.Processes, RunMode.ProcessPerTask]));
LessonApp.Show(reuse);

var loop = reuse.Timing(RunMode.Sequential);
var pooled = reuse.Timing(RunMode.Processes);
var perTask = reuse.Timing(RunMode.ProcessPerTask);
double loopMs = loop.Median.TotalMilliseconds, workMs = loopMs / workers;
Console.WriteLine($"One task took about {loopMs / items:0.#} ms in the loop ({loopMs:0} ms for all {items}).");
Console.WriteLine($"Cost model: a pool = start-up once + work / workers = {startupMs:0} + {loopMs:0} / {workers} = {startupMs + workMs:0} ms, of which a warm pool still pays {workMs:0} ms (measured: {pooled.Median.TotalMilliseconds:0} ms). " +
    $"A process per task = tasks / workers × start-up + work / workers = {items} / {workers} × {startupMs:0} + {workMs:0} = {(double)items / workers * startupMs + workMs:0} ms (measured: {perTask.Median.TotalMilliseconds:0} ms).");
Console.WriteLine(reuse.Verdict(RunMode.Processes));
Console.WriteLine(reuse.Verdict(RunMode.ProcessPerTask));
Console.WriteLine(pooled.Max < perTask.Min
    ? $"The warm pool beat a new process per task in every run ({pooled.Median.TotalMilliseconds:0} against {perTask.Median.TotalMilliseconds:0} ms): the starts it did not pay."
    : pooled.Min > perTask.Max
        ? "This time a new process per task beat the warm pool in every run, which the cost model does not explain; run the cell again."
        : "The warm pool and a new process per task overlapped within their spread: no clear difference; run the cell again.");

// The gap between the last two bars is the price of starting processes: a warm pool paid it before
// the clock ran, once per worker; a process per task pays it for every task, `tasks / workers`
// starts in a row on each worker's slot. Against the loop, a warm pool wins whenever a task's work
// outweighs its round trip, a fraction of a millisecond on a machine that is not busy. With one
// core there is nothing to win: the loop already keeps it busy.
//
// ## Summary
//
// - A pool starts its workers once and hands them tasks in the order given, each to the next idle
//   worker; a task waits only when every worker is busy.
// - `Apply` and `Map` wait for results; `ApplyAsync` and `MapAsync` return at once, so this process
//   can work meanwhile.
// - `Map` sends items in chunks, so there are fewer tasks than calls.
// - A new process per task pays the start-up every time; the pool pays it once per worker: pool =
//   start-up once + work / workers, process per task = tasks / workers × start-up + work / workers.
//
// ## Exercise
//
// The default chunksize assumes tasks of about the same length. These are not: 10,000 tasks, 9,500
// short ones (0.1 ms each) followed by 500 long ones (5 ms each), on 4 workers, each chunk paying a
// round trip of 0.5 ms. The default cuts them into 16 chunks of 625, about four per worker.
// **Choose** a chunksize that at least halves the default's time. Before you try one, decide which
// way to move from 625, and what stops you going all the way to 1.
//
// `ModelledMap` below works out a map's time rather than measuring it: each idle worker takes the
// next chunk in order, as this pool does, and a chunk takes its round trip plus its tasks. So the
// answer is the same on every machine, whatever its cores or load. Use it to test your reasoning in
// a new cell, and explain with its numbers why the default and a chunksize of 1 both lose. The
// check runs `ModelledMap` with your choice, then maps 10,000 items on a real pool with it. If you
// are stuck after a try, run `Exercise.Hint()` in a new cell: it shows a code skeleton.

// A model of Map on a pull-based pool, worked out rather than measured: chunks of `chunksize` tasks in the order given,
// each idle worker taking the next chunk, and a chunk costing its round trip plus its tasks' time.
static TimeSpan[] UnevenTasks() =>
    [.. Enumerable.Repeat(TimeSpan.FromMilliseconds(0.1), 9_500), .. Enumerable.Repeat(TimeSpan.FromMilliseconds(5), 500)];

static TimeSpan ModelledMap(IReadOnlyList<TimeSpan> tasks, int workers, int chunksize)
{
    var roundTrip = TimeSpan.FromMilliseconds(0.5);
    var chunks = tasks.Chunk(chunksize).Select(chunk => chunk.Aggregate(roundTrip, (sum, task) => sum + task)).ToArray();
    return PoolSchedule.Makespan(chunks, workers);
}

// ▼ Your answer: edit between this line and the end mark below; `course grade` reads only what is between them.
static int ChunksizeForUnevenTasks()
{
    // Your choice here: the default for 10,000 items on 4 workers is 625.
    return 625;
}
// ▲ End of your answer.

// The verdict comes from the model, so it is the same on every machine; the real pool then shows the chunksize at work.
var unevenTasks = UnevenTasks();
const int ModelWorkers = 4;
int defaultChunk = (int)Math.Ceiling(unevenTasks.Length / (4.0 * ModelWorkers));
double defaultMs = ModelledMap(unevenTasks, ModelWorkers, defaultChunk).TotalMilliseconds;
string chunkProblem = "";
int chosen = 0;
double chosenMs = 0;
int poolTasks = 0;
try
{
    chosen = Exercise.Within(TimeSpan.FromSeconds(10), "ChunksizeForUnevenTasks()", ChunksizeForUnevenTasks);
}
catch (TimeoutException e)
{
    chunkProblem = e.Message;
}
if (chunkProblem == "" && (chosen < 1 || chosen > unevenTasks.Length))
    chunkProblem = $"you chose {chosen}; a chunksize holds 1 to {unevenTasks.Length:N0} items.";
else if (chunkProblem == "")
{
    chosenMs = ModelledMap(unevenTasks, ModelWorkers, chosen).TotalMilliseconds;
    if (chosenMs > defaultMs / 2)
        chunkProblem = $"with a chunksize of {chosen}, the model's map takes {chosenMs:0} ms; the default ({defaultChunk}) takes {defaultMs:0} ms, so the bar is {defaultMs / 2:0} ms. "
            + (chosen >= defaultChunk
                ? "Big chunks put the 500 long tasks into one or two chunks: a worker or two run them while the others wait."
                : "Small chunks share the long tasks out, but each chunk pays a round trip: too many chunks cost more than the imbalance they cure.");
    else
    {
        // A real pool cuts 10,000 items by the same chunksize: one task per chunk. Bounded, and the pool is terminated after.
        using var checkPool = new ProcessPool(processes: 2);
        checkPool.MapAsync(Square, Enumerable.Range(0, unevenTasks.Length), chosen).Get(TimeSpan.FromSeconds(60));
        poolTasks = checkPool.Timeline.Count;
    }
}
Exercise.Check("ChunksizeForUnevenTasks", chunkProblem == "",
    $"a chunksize of {chosen}: the model's map takes {chosenMs:0} ms against the default's {defaultMs:0} ms ({defaultMs / chosenMs:0.0}× faster), and a real pool sent 10,000 items as {poolTasks} tasks of up to {chosen}.",
    chunkProblem,
    """
    // In a new cell: try a few chunksizes in the model, and look for where the time stops falling.
    foreach (int size in new[] { … })
        Console.WriteLine($"{size}: {ModelledMap(UnevenTasks(), 4, size).TotalMilliseconds:0} ms");
    """);

LessonApp.Finish();
